package textfeat

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"testing"
)

func sampleCategories() *Categories {
	m := &Categories{Names: []string{"service", "other"}, Scale: 0.001}
	for range m.Names {
		m.W = append(m.W, make([]int16, CatBuckets))
	}
	m.W[0][3], m.W[0][CatBuckets-1], m.W[1][0] = 7, -300, 1
	return m
}

func TestCategoriesRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := EncodeCategories(&buf, sampleCategories()); err != nil {
		t.Fatal(err)
	}
	m, err := DecodeCategories(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m.Names[1] != "other" || m.W[0][3] != 7 || m.W[0][CatBuckets-1] != -300 || m.W[1][0] != 1 || m.Scale != 0.001 {
		t.Errorf("round trip lost something: %v %v", m.Names, m.Scale)
	}
}

// gzipped wraps a raw payload as the files are.
func gzipped(raw []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	return buf.Bytes()
}

func rawCategories(scale float64, classes int, step uint64, trailing bool) []byte {
	var raw bytes.Buffer
	raw.WriteString(catMagic)
	var tmp [binary.MaxVarintLen64]byte
	put := func(v uint64) { raw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	put(CatBits)
	put(math.Float64bits(scale))
	put(uint64(classes))
	for range classes {
		put(5)
		raw.WriteString("other")
		put(1)
		put(step)
		raw.Write(tmp[:binary.PutVarint(tmp[:], 3)])
	}
	if trailing {
		raw.WriteString("junk")
	}
	return raw.Bytes()
}

// A corrupt model is refused, never half-read: a scale that would invert
// or erase every probability, no classes, a step that does not move
// forward, bytes after the end, a damaged checksum.
func TestCategoriesRefuseCorruption(t *testing.T) {
	if _, err := DecodeCategories(bytes.NewReader(gzipped(rawCategories(0.5, 1, 1, false)))); err != nil {
		t.Fatalf("a well-formed model was refused: %v", err)
	}
	for name, raw := range map[string][]byte{
		"negative scale": rawCategories(-0.5, 1, 1, false),
		"NaN scale":      rawCategories(math.NaN(), 1, 1, false),
		"no classes":     rawCategories(0.5, 0, 1, false),
		"many classes":   rawCategories(0.5, MaxCategories+1, 1, false),
		"step 0":         rawCategories(0.5, 1, 0, false),
		"step past end":  rawCategories(0.5, 1, CatBuckets+1, false),
		"trailing bytes": rawCategories(0.5, 1, 1, true),
	} {
		if _, err := DecodeCategories(bytes.NewReader(gzipped(raw))); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	good := gzipped(rawCategories(0.5, 1, 1, false))
	bad := append([]byte{}, good...)
	bad[len(bad)-6] ^= 0xff // the CRC-32 in gzip's trailer
	if _, err := DecodeCategories(bytes.NewReader(bad)); err == nil {
		t.Error("a damaged checksum was accepted")
	}
}

func FuzzDecodeCategories(f *testing.F) {
	var buf bytes.Buffer
	EncodeCategories(&buf, sampleCategories())
	f.Add(buf.Bytes())
	f.Add(gzipped(rawCategories(0.5, 3, 2, false)))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeCategories(bytes.NewReader(b))
		if err != nil {
			return
		}
		if len(m.Names) < 1 || len(m.Names) > MaxCategories || len(m.W) != len(m.Names) || !(m.Scale > 0) {
			t.Fatalf("accepted a model it should refuse: %d classes, scale %v", len(m.Names), m.Scale)
		}
	})
}
