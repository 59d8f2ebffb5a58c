// Package follow reads a file that keeps growing, the way `tail -F` does:
// it waits for new bytes, starts again from the top when the file is
// truncated, and reopens it by name when it is rotated away.
package follow

import (
	"context"
	"errors"
	"io"
	"os"
	"time"
)

// Reader is an io.Reader over a followed file. Read blocks until there are
// new bytes or the context ends; it returns io.EOF only after the context
// is done, so a decoder reading from it simply sees a very slow file.
type Reader struct {
	ctx      context.Context
	path     string
	poll     time.Duration
	f        *os.File
	info     os.FileInfo
	off      int64
	Rotated  int // times the file was replaced
	Truncate int // times the file shrank under us
}

// Options tune how the file is watched.
type Options struct {
	Poll      time.Duration // how often to look for new bytes; default 200ms
	FromStart bool          // read what is already there (default: true for ingest)
}

// Open starts following path. A file that does not exist yet is waited for.
func Open(ctx context.Context, path string, opts Options) *Reader {
	if opts.Poll <= 0 {
		opts.Poll = 200 * time.Millisecond
	}
	r := &Reader{ctx: ctx, path: path, poll: opts.Poll}
	if r.open() == nil && !opts.FromStart {
		r.off, _ = r.f.Seek(0, io.SeekEnd)
	}
	return r
}

func (r *Reader) open() error {
	f, err := os.Open(r.path)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	r.f, r.info, r.off = f, info, 0
	return nil
}

// Read implements io.Reader.
func (r *Reader) Read(p []byte) (int, error) {
	for {
		if r.f != nil {
			n, err := r.f.Read(p)
			r.off += int64(n)
			if n > 0 {
				return n, nil
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return 0, err
			}
			if r.check() {
				continue
			}
		} else if r.open() == nil {
			continue
		}
		select {
		case <-r.ctx.Done():
			return 0, io.EOF
		case <-time.After(r.poll):
		}
	}
}

// check looks for truncation and rotation at end of file; it reports whether
// there may be more to read at once.
func (r *Reader) check() bool {
	now, err := os.Stat(r.path)
	if err != nil {
		return false // moved away and not yet recreated: keep the old handle
	}
	if !os.SameFile(now, r.info) {
		// Rotated: the old file is fully read (we are at its end), so switch.
		r.f.Close()
		r.f = nil
		r.Rotated++
		return r.open() == nil
	}
	if now.Size() < r.off {
		r.Truncate++
		r.off, _ = r.f.Seek(0, io.SeekStart)
		return true
	}
	return now.Size() > r.off
}

// Close releases the file.
func (r *Reader) Close() error {
	if r.f == nil {
		return nil
	}
	return r.f.Close()
}
