package feed

import (
	"bytes"
	"cmp"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"warroom/feed/decode"
	"warroom/model"
)

// Submitter stores a request's mentions and rejects and returns once they
// are committed, so the webhook answers 2xx only for data that is safe.
type Submitter interface {
	Submit(ctx context.Context, ms []*model.Mention, rejects []decode.Reject) (Submitted, error)
}

// Submitted is what a Submitter did with a request.
type Submitted struct {
	Stored     int
	Duplicates int
	// Refused are the mentions the store could not keep, each kept as a
	// reject instead (with the mention's line in the body): the sender must
	// hear of them as of any bad record.
	Refused []decode.Reject
}

// DefaultBodyLimit caps a webhook request body.
const DefaultBodyLimit = 8 << 20

// Webhook accepts mentions over HTTP: POST /mentions with a JSON object, a
// JSON array or NDJSON, in the canonical mention form.
type Webhook struct {
	Pipeline  *Pipeline
	Submitter Submitter
	Token     string // required on every request when set
	BodyLimit int64
	// Concurrent bounds the requests whose bodies are read at once
	// (default DefaultConcurrent): each may hold BodyLimit bytes, so thirty
	// senders at once would otherwise hold a quarter of a gigabyte of
	// bodies and several times that decoded. The rest wait their turn, up
	// to QueueWait (default 30 s), then get 503 and Retry-After.
	Concurrent int
	QueueWait  time.Duration

	semOnce sync.Once
	sem     chan struct{}
}

// DefaultConcurrent is how many webhook bodies are read at once by default.
const DefaultConcurrent = 4

// webhookReply is the JSON body of every answer.
type webhookReply struct {
	Stored     int            `json:"stored"`
	Duplicates int            `json:"duplicates"`
	Rejected   []rejectReason `json:"rejected,omitempty"`
	Error      string         `json:"error,omitempty"`
}

type rejectReason struct {
	Line   int64  `json:"line"`
	Reason string `json:"reason"`
}

func reply(w http.ResponseWriter, code int, r webhookReply) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(r)
}

// ServeHTTP answers 200 when every record was stored (or was a duplicate),
// 400 listing the bad records when some were rejected, in decoding or by
// the file (the good ones are still stored, and resending is safe because
// duplicates are ignored), 401
// on a wrong token, 405 for anything but POST, 413 over the body limit, and
// 503 when the store could not commit.
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The token first: without it, nothing about the server is told.
	if h.Token != "" && !tokenOK(r, h.Token) {
		reply(w, http.StatusUnauthorized, webhookReply{Error: "missing or wrong token: send Authorization: Bearer TOKEN"})
		return
	}
	if r.URL.Path != "/mentions" {
		reply(w, http.StatusNotFound, webhookReply{Error: "POST mentions to /mentions"})
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		reply(w, http.StatusMethodNotAllowed, webhookReply{Error: "use POST"})
		return
	}
	limit := h.BodyLimit
	if limit <= 0 {
		limit = DefaultBodyLimit
	}
	if r.ContentLength > limit {
		reply(w, http.StatusRequestEntityTooLarge, webhookReply{Error: fmt.Sprintf("body over %d bytes", limit)})
		return
	}
	if !h.acquire(r.Context()) {
		w.Header().Set("Retry-After", "5")
		reply(w, http.StatusServiceUnavailable, webhookReply{Error: "busy with other senders: retry shortly"})
		return
	}
	defer h.release()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		reply(w, http.StatusRequestEntityTooLarge, webhookReply{Error: fmt.Sprintf("body over %d bytes", limit)})
		return
	}
	if err != nil {
		reply(w, http.StatusBadRequest, webhookReply{Error: "read body: " + err.Error()})
		return
	}
	ms, rejects, err := h.decode(body)
	if err != nil {
		reply(w, http.StatusBadRequest, webhookReply{Error: err.Error()})
		return
	}
	res, err := h.Submitter.Submit(r.Context(), ms, rejects)
	if err != nil {
		reply(w, http.StatusServiceUnavailable, webhookReply{Error: "not stored: " + err.Error()})
		return
	}
	out := webhookReply{Stored: res.Stored, Duplicates: res.Duplicates}
	for _, rj := range append(rejects, res.Refused...) {
		out.Rejected = append(out.Rejected, rejectReason{Line: rj.Line, Reason: rj.Reason})
	}
	slices.SortStableFunc(out.Rejected, func(a, b rejectReason) int { return cmp.Compare(a.Line, b.Line) })
	if len(out.Rejected) > 0 {
		reply(w, http.StatusBadRequest, out)
		return
	}
	reply(w, http.StatusOK, out)
}

// acquire waits for a turn to read a body; false if none came in time or
// the sender went away. The wait is a rate limit, not session time.
func (h *Webhook) acquire(ctx context.Context) bool {
	h.semOnce.Do(func() {
		h.sem = make(chan struct{}, cmp.Or(h.Concurrent, DefaultConcurrent))
	})
	wait := cmp.Or(h.QueueWait, 30*time.Second)
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case h.sem <- struct{}{}:
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	return false
}

func (h *Webhook) release() { <-h.sem }

func (h *Webhook) decode(body []byte) ([]*model.Mention, []decode.Reject, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil, errors.New("empty body: send a JSON object, a JSON array or NDJSON")
	}
	dr, err := decode.NewReader(bytes.NewReader(body), "webhook", decode.Options{Format: decode.FormatJSONL, Now: h.Pipeline.opts.Clock.Now()})
	if err != nil {
		return nil, nil, err
	}
	var ms []*model.Mention
	var rejects []decode.Reject
	for {
		it, err := dr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if it.Reject != nil {
			rejects = append(rejects, *it.Reject)
			h.Pipeline.countReject(it.Reject.Reason)
			continue
		}
		h.Pipeline.Prepare(it.Mention)
		ms = append(ms, it.Mention)
	}
	h.Pipeline.countRead(len(ms))
	return ms, rejects, nil
}

func tokenOK(r *http.Request, token string) bool {
	got := r.Header.Get("X-Warroom-Token")
	// The scheme's name is case-insensitive (RFC 9110): bearer works too.
	if auth := r.Header.Get("Authorization"); len(auth) > 7 && strings.EqualFold(auth[:7], "Bearer ") {
		got = auth[7:]
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}

// CheckListen refuses to expose the webhook beyond this machine without a
// token: mentions written into the file drive alerts a team acts on.
func CheckListen(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--listen %q: want HOST:PORT, e.g. 127.0.0.1:8765", addr)
	}
	if token != "" || isLoopback(host) {
		return nil
	}
	return fmt.Errorf("--listen %s is reachable from other machines: pass --token SECRET, or listen on 127.0.0.1", addr)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Listen binds addr for the webhook, refusing to expose it beyond this
// machine without a token. Binding before the console starts means a port
// already in use is reported at once, not after the user quits.
func (h *Webhook) Listen(addr string) (net.Listener, error) {
	if err := CheckListen(addr, h.Token); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", addr, err)
	}
	return ln, nil
}

// ServeOn answers on ln until ctx ends, and returns only after requests in
// flight have been answered, so the store can be closed behind it.
func (h *Webhook) ServeOn(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	err := srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		<-stopped
		return nil
	}
	return err
}

// Serve runs the webhook on addr until ctx ends. ready, when set, receives
// the bound address (useful with port 0).
func (h *Webhook) Serve(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := h.Listen(addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr())
	}
	return h.ServeOn(ctx, ln)
}
