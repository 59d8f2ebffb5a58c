// Package textfeat is the text representation shared by the classifier and
// its trainer: rune folding, the hashed character n-gram features and the
// weights file format. Keeping it in one place is what makes the committed
// weights mean the same thing at training and at run time.
package textfeat

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
)

// Hashed feature table geometry and n-gram orders.
const (
	Bits    = 20
	Buckets = 1 << Bits
	MaxN    = 3
)

// Sentinels framing every text, so n-grams can see where a text starts and ends.
const (
	BOS rune = 0x02
	EOS rune = 0x03
)

// Fold maps a rune to the form features and the lexicon are written in:
// full-width ASCII becomes half-width and Latin letters lower case, because
// Chinese users type both widths interchangeably. It returns -1 for runes
// that are dropped (whitespace and control characters).
func Fold(r rune) rune {
	if r < 0x80 {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		case r <= ' ' || r == 0x7f:
			return -1
		}
		return r
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r == 0x3000 || r == 0xA0 || r == 0xFEFF || r == 0x200B:
		return -1
	case r <= 0x9F: // C1 controls
		return -1
	case r == 0x2019 || r == 0x2018:
		return '\''
	case r < 0x3000 && unicode.IsSpace(r):
		return -1
	}
	return r
}

// Runes is a text folded for matching: R starts with BOS and ends with EOS,
// Off[i] is the byte offset of R[i] in the source (so matches can be cut
// from the original text), and Gap[i] says whitespace was dropped just
// before R[i] (English word boundaries survive the folding).
type Runes struct {
	R   []rune
	Off []int32
	Gap []bool
}

// Reset folds text into t, reusing t's storage.
func (t *Runes) Reset(text string) {
	t.R = append(t.R[:0], BOS)
	t.Off = append(t.Off[:0], 0)
	t.Gap = append(t.Gap[:0], false)
	gap := false
	for i, r := range text {
		f := Fold(r)
		if f < 0 {
			gap = true
			continue
		}
		t.R = append(t.R, f)
		t.Off = append(t.Off, int32(i))
		t.Gap = append(t.Gap, gap)
		gap = false
	}
	t.R = append(t.R, EOS)
	t.Off = append(t.Off, int32(len(text)))
	t.Gap = append(t.Gap, gap)
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// Seed starts an n-gram hash.
func Seed() uint32 { return fnvOffset }

// Mix adds one rune to an n-gram hash.
func Mix(h uint32, r rune) uint32 { return (h ^ uint32(r)) * fnvPrime }

// Bucket is the feature slot of an n-gram of order n with hash h. The
// multiply-and-shift takes the well-mixed high bits, so grams that differ
// only in a rune's high bits still spread.
func Bucket(h uint32, n int) uint32 {
	return ((h + uint32(n)*0x27d4eb2f) * 0x9E3779B1) >> (32 - Bits)
}

// AppendBuckets appends the feature slot of every n-gram of r (orders 1 to
// MaxN, sentinel unigrams excluded, repeats kept) to dst. Training uses it;
// the classifier inlines the same loop.
func AppendBuckets(dst []uint32, r []rune) []uint32 {
	for i := range r {
		h := Seed()
		for n := 1; n <= MaxN && i+n <= len(r); n++ {
			h = Mix(h, r[i+n-1])
			if n == 1 && (r[i] == BOS || r[i] == EOS) {
				continue
			}
			dst = append(dst, Bucket(h, n))
		}
	}
	return dst
}

// Norm is the length normalisation of a weight sum over count n-grams: a
// long hotel review and a one-line post then land on the same logit scale.
func Norm(k float64, count int) float64 {
	if count < 1 {
		count = 1
	}
	return k / math.Sqrt(float64(count))
}

// Model is the learned part: a logistic regression over hashed n-grams
// whose logit is Bias + Norm(K, count) * Scale * sum(W[bucket]). Positive
// logits mean negative sentiment.
type Model struct {
	Bias  float64
	K     float64
	Scale float64
	W     []int16 // Buckets entries
}

const magic = "warroom-classify-v1\n"

// Encode writes m as a gzip stream of sparse (delta bucket, weight) pairs.
// The output depends only on m, so retraining on the same data gives the
// same bytes.
func Encode(w io.Writer, m *Model) error {
	if len(m.W) != Buckets {
		return fmt.Errorf("encode weights: %d buckets, want %d", len(m.W), Buckets)
	}
	var e encoder
	e.raw.WriteString(magic)
	e.put(Bits)
	e.put(math.Float64bits(m.Bias))
	e.put(math.Float64bits(m.K))
	e.put(math.Float64bits(m.Scale))
	e.sparse(m.W)
	if err := e.gzipTo(w); err != nil {
		return fmt.Errorf("encode weights: %w", err)
	}
	return nil
}

// encoder builds a model file's payload: varints, and weight tables as a
// count of non-zero entries and (step, weight) pairs.
type encoder struct {
	raw bytes.Buffer
	tmp [binary.MaxVarintLen64]byte
}

func (e *encoder) put(v uint64) { e.raw.Write(e.tmp[:binary.PutUvarint(e.tmp[:], v)]) }

func (e *encoder) sparse(w []int16) {
	n := 0
	for _, x := range w {
		if x != 0 {
			n++
		}
	}
	e.put(uint64(n))
	last := -1
	for i, x := range w {
		if x != 0 {
			e.put(uint64(i - last))
			e.raw.Write(e.tmp[:binary.PutVarint(e.tmp[:], int64(x))])
			last = i
		}
	}
}

// gzipTo writes the payload compressed: the same bytes for the same model.
func (e *encoder) gzipTo(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(e.raw.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

// Decode reads a model written by Encode.
func Decode(r io.Reader) (*Model, error) {
	br, err := openModel(r, magic)
	if err != nil {
		return nil, fmt.Errorf("decode weights: %w", err)
	}
	get := func() uint64 {
		v, e := binary.ReadUvarint(br)
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	bits := get()
	if err == nil && bits != Bits {
		return nil, fmt.Errorf("decode weights: %d hash bits, this build expects %d: run go generate ./feed/classify", bits, Bits)
	}
	m := &Model{W: make([]int16, Buckets)}
	m.Bias = math.Float64frombits(get())
	m.K = math.Float64frombits(get())
	m.Scale = math.Float64frombits(get())
	if err == nil && !(finite(m.Bias) && positive(m.K) && positive(m.Scale)) {
		return nil, errors.New("decode weights: corrupt header")
	}
	if err := readSparse(br, m.W, get); err != nil {
		return nil, fmt.Errorf("decode weights: %w", err)
	}
	if err == nil {
		err = atEnd(br)
	}
	if err != nil {
		return nil, fmt.Errorf("decode weights: %w", err)
	}
	return m, nil
}

// openModel opens a model file's gzip stream and checks its magic line.
func openModel(r io.Reader, want string) (*bufio.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(want))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != want {
		return nil, fmt.Errorf("not a warroom %q file", strings.TrimSpace(want))
	}
	return br, nil
}

func finite(x float64) bool   { return !math.IsNaN(x) && !math.IsInf(x, 0) }
func positive(x float64) bool { return finite(x) && x > 0 }

// readSparse reads a count and that many (step, weight) pairs into w:
// steps of at least 1, so positions only go forward and stay inside w.
func readSparse(br *bufio.Reader, w []int16, get func() uint64) error {
	n := get()
	if n > uint64(len(w)) {
		return errors.New("corrupt entry count")
	}
	pos := -1
	for i := uint64(0); i < n; i++ {
		step := get()
		v, err := binary.ReadVarint(br)
		if err != nil {
			return err
		}
		if step < 1 || step > uint64(len(w)) || pos+int(step) >= len(w) || v < math.MinInt16 || v > math.MaxInt16 {
			return errors.New("corrupt entry")
		}
		pos += int(step)
		w[pos] = int16(v)
	}
	return nil
}

// atEnd checks that the stream ends here; reading to its end also makes
// gzip check the data's checksum.
func atEnd(br *bufio.Reader) error {
	if _, err := br.ReadByte(); err != io.EOF {
		if err == nil {
			return errors.New("trailing data")
		}
		return err
	}
	return nil
}

// The category model folds the feature slots to CatBits: it learns from a
// few hundred posts, not tens of thousands of reviews, and ten classes of
// full-size tables would weigh twenty megabytes for nothing.
const (
	CatBits    = 16
	CatBuckets = 1 << CatBits
	// MaxCategories bounds the classes a category model may have.
	MaxCategories = 16
)

// CatSlot is the category model's slot for a feature slot.
func CatSlot(bucket uint32) uint32 { return bucket & (CatBuckets - 1) }

// Categories is the learned crisis-category model: a softmax regression
// over the hashed n-grams, folded by CatSlot. Class c's logit is
// Norm(1, count) * Scale * sum(W[c][slot]).
type Categories struct {
	Names []string
	Scale float64
	W     [][]int16 // per class, CatBuckets entries
}

const catMagic = "warroom-categories-v1\n"

// EncodeCategories writes m like Encode: gzip of sparse pairs per class,
// the same bytes for the same model.
func EncodeCategories(w io.Writer, m *Categories) error {
	if len(m.W) != len(m.Names) {
		return fmt.Errorf("encode categories: %d weight tables for %d names", len(m.W), len(m.Names))
	}
	var e encoder
	e.raw.WriteString(catMagic)
	e.put(CatBits)
	e.put(math.Float64bits(m.Scale))
	e.put(uint64(len(m.Names)))
	for c, name := range m.Names {
		if len(m.W[c]) != CatBuckets {
			return fmt.Errorf("encode categories: %s has %d slots, want %d", name, len(m.W[c]), CatBuckets)
		}
		e.put(uint64(len(name)))
		e.raw.WriteString(name)
		e.sparse(m.W[c])
	}
	if err := e.gzipTo(w); err != nil {
		return fmt.Errorf("encode categories: %w", err)
	}
	return nil
}

// DecodeCategories reads a model written by EncodeCategories.
func DecodeCategories(r io.Reader) (*Categories, error) {
	br, err := openModel(r, catMagic)
	if err != nil {
		return nil, fmt.Errorf("decode categories: %w", err)
	}
	get := func() uint64 {
		v, e := binary.ReadUvarint(br)
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	if bits := get(); err == nil && bits != CatBits {
		return nil, fmt.Errorf("decode categories: %d bits, this build expects %d: run go generate ./feed/classify", bits, CatBits)
	}
	m := &Categories{Scale: math.Float64frombits(get())}
	classes := get()
	if err == nil && (!positive(m.Scale) || classes < 1 || classes > MaxCategories) {
		return nil, errors.New("decode categories: corrupt header")
	}
	for c := uint64(0); c < classes && err == nil; c++ {
		size := get()
		if err != nil || size > 64 {
			return nil, errors.New("decode categories: corrupt class name")
		}
		name := make([]byte, size)
		if _, e := io.ReadFull(br, name); e != nil {
			return nil, fmt.Errorf("decode categories: %w", e)
		}
		w := make([]int16, CatBuckets)
		if e := readSparse(br, w, get); e != nil {
			return nil, fmt.Errorf("decode categories: %w", e)
		}
		m.Names = append(m.Names, string(name))
		m.W = append(m.W, w)
	}
	if err == nil {
		err = atEnd(br)
	}
	if err != nil {
		return nil, fmt.Errorf("decode categories: %w", err)
	}
	return m, nil
}
