// Command warroom is a terminal war-room console for social-media crisis
// management: a live mention feed, response clocks and a task board over one
// SQLite file that is the incident. This file is wiring only: it parses the
// command line, opens the store, starts the sources and runs the program.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"charm.land/bubbles/v2/progress"
	"github.com/charmbracelet/x/term"

	"warroom/data"
	"warroom/feed"
	"warroom/feed/alert"
	"warroom/feed/classify"
	"warroom/feed/decode"
	"warroom/feed/drill"
	"warroom/feed/follow"
	"warroom/model"
	"warroom/model/metrics"
	"warroom/model/plan"
	"warroom/model/score"
	"warroom/model/text"
	"warroom/ui"
	"warroom/ui/i18n"
	"warroom/ui/report"
)

const version = "0.1.0"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal the default handling returns, so a second
	// Ctrl-C stops a long final flush at once.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], stdio{os.Stdin, os.Stdout, os.Stderr})
	stop()
	os.Exit(code)
}

type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// exitError carries an exit code: 2 for bad usage (and a bad plan file),
// 1 for anything that failed.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }

func usagef(format string, a ...any) error {
	return exitError{2, fmt.Errorf(format+" (see warroom --help)", a...)}
}

const topUsage = `warroom: a terminal war-room console for social-media crisis management

Usage:
  warroom [--db FILE] [--follow PATH] [--listen ADDR] [--plan FILE] [--as NAME]
        open the console; with no --db, a built-in drill in a temporary file
  warroom ingest [--db FILE] [--follow] [--format F] [--map M] [--listen ADDR] [--post-times [--since T]] PATH... | -
  warroom classify < mentions.jsonl > judged.jsonl
  warroom drill [SCENARIO|FILE] [--speed 10] [--seed N] [--db FILE] [--headless --for 6h] [--list]
  warroom drill --resume FILE [--speed N]
  warroom replay FILE [--speed 60] [--from TIME|+DURATION]
  warroom report FILE [--format md|html] [-o OUT] [--lang en|zh]
  warroom export FILE --what mentions|alerts|events|tasks [--format csv|jsonl] [--bom] [-o OUT]
  warroom plan check FILE | warroom plan show [FILE] | warroom plan init [FILE]

--db FILE may also be the first argument, before the command: warroom --db FILE report
(for replay, report and export it is their FILE; classify and plan take none).
Every command takes --help. Exit codes: 0 ok, 1 failure, 2 bad usage.
`

func run(ctx context.Context, args []string, std stdio) int {
	err := dispatch(ctx, args, std)
	var ee exitError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ee):
		fmt.Fprintf(std.err, "warroom: %v\n", ee.err)
		return ee.code
	default:
		fmt.Fprintf(std.err, "warroom: %v\n", err)
		return 1
	}
}

func dispatch(ctx context.Context, args []string, std stdio) error {
	if len(args) > 0 {
		switch args[0] {
		case "--version", "-version":
			fmt.Fprintln(std.out, "warroom", version)
			return nil
		case "-h", "--help", "-help", "help":
			fmt.Fprint(std.out, topUsage)
			return nil
		}
	}
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	} else if db, rest, ok := leadingDB(args); ok && len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		// `warroom --db FILE report`: the global flag, before the command.
		cmd, args = rest[0], rest[1:]
		switch {
		case !commands[cmd]:
			return usagef("unknown command %q", cmd)
		case db == "":
			return usagef("--db needs a file")
		case slices.ContainsFunc(args, isDBFlag):
			return usagef("--db given twice")
		}
		switch cmd {
		case "replay", "report", "export":
			// Their FILE, whatever its name: first, after --, so a flag
			// missing its value cannot take it. --help is shown as asked.
			if !slices.ContainsFunc(args, isHelpFlag) {
				args = append([]string{"--", db}, args...)
			}
		case "classify", "plan":
			return usagef("%s reads no incident file; --db does not apply", cmd)
		default:
			args = append([]string{"--db=" + db}, args...)
		}
	}
	switch cmd {
	case "":
		return cmdConsole(ctx, args, std)
	case "ingest":
		return cmdIngest(ctx, args, std)
	case "classify":
		return cmdClassify(ctx, args, std)
	case "drill":
		return cmdDrill(ctx, args, std)
	case "replay":
		return cmdReplay(ctx, args, std)
	case "report":
		return cmdReport(ctx, args, std)
	case "export":
		return cmdExport(ctx, args, std)
	case "plan":
		return cmdPlan(ctx, args, std)
	}
	return usagef("unknown command %q", cmd)
}

// commands are the subcommands' names.
var commands = map[string]bool{"ingest": true, "classify": true, "drill": true, "replay": true,
	"report": true, "export": true, "plan": true}

// leadingDB reads a --db FILE (or --db=FILE) that opens the arguments.
func leadingDB(args []string) (db string, rest []string, ok bool) {
	if len(args) == 0 {
		return "", args, false
	}
	for _, prefix := range []string{"--db=", "-db="} {
		if v, found := strings.CutPrefix(args[0], prefix); found {
			return v, args[1:], true
		}
	}
	if (args[0] == "--db" || args[0] == "-db") && len(args) > 1 {
		return args[1], args[2:], true
	}
	return "", args, false
}

func isHelpFlag(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

// isDBFlag reports whether an argument is a --db flag.
func isDBFlag(a string) bool {
	return a == "--db" || a == "-db" || strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db=")
}

// parseArgs parses flags wherever they stand among the positional
// arguments (`warroom replay FILE --speed 600` as well as the other order).
func parseArgs(fs *flag.FlagSet, usage string, args []string, std stdio) ([]string, error) {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprint(std.out, usage)
			fs.SetOutput(std.out)
			fs.PrintDefaults()
			return nil, flag.ErrHelp
		}
	}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if fs.Name() == "warroom" { // the console: the message already starts "warroom:"
				return nil, usagef("%v", err)
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// multi is a flag that may be given several times.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

// common are the flags every console-opening command shares.
type common struct {
	lang    string
	as      string
	plan    string
	noColor bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.lang, "lang", "", "display language: en or zh (default from LANG)")
	fs.StringVar(&c.as, "as", "", "operator name, mapped to roles through the plan's team (default: the OS user)")
	fs.StringVar(&c.plan, "plan", "", "crisis plan TOML file (default: the built-in plan)")
	fs.BoolVar(&c.noColor, "no-color", false, "no colours (also: NO_COLOR in the environment)")
}

func (c *common) language() (i18n.Lang, error) {
	if c.lang == "" {
		return i18n.FromEnv(), nil
	}
	l, ok := i18n.Parse(c.lang)
	if !ok {
		return "", usagef("--lang %q: use en or zh", c.lang)
	}
	return l, nil
}

func (c *common) operator(p *plan.Plan) model.Actor {
	name := c.as
	if name == "" {
		name = os.Getenv("USER")
	}
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	if name == "" {
		name = "operator"
	}
	return p.Actor(name)
}

// load reads what every console-opening command needs: the language, the
// crisis plan, and the alert rules the plan sets.
func (c *common) load() (i18n.Lang, *plan.Plan, alert.Rules, error) {
	lang, err := c.language()
	if err != nil {
		return "", nil, alert.Rules{}, err
	}
	p, err := loadPlan(c.plan)
	if err != nil {
		return "", nil, alert.Rules{}, err
	}
	rules, err := alertRules(p)
	return lang, p, rules, err
}

// loadPlan reads the crisis plan; a bad plan is bad usage (exit 2), and
// never starts a console with half a plan.
func loadPlan(path string) (*plan.Plan, error) {
	if path == "" {
		return plan.Default(), nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, exitError{2, fmt.Errorf("plan: %w", err)}
	}
	p, err := plan.Parse(path, src)
	if err != nil {
		return nil, exitError{2, err}
	}
	return p, nil
}

// alertRules lays the plan's thresholds over the detector's defaults.
func alertRules(p *plan.Plan) (alert.Rules, error) {
	r := alert.DefaultRules()
	a := p.Alerts
	setD := func(dst *time.Duration, v time.Duration) {
		if v != 0 {
			*dst = v
		}
	}
	setD(&r.Window, a.Window)
	setD(&r.Baseline, a.Baseline)
	setD(&r.Cooldown, a.Cooldown)
	if a.SpikeFactor != 0 {
		r.SpikeFactor = a.SpikeFactor
	}
	if a.SpikeMinCount != 0 {
		r.SpikeMinCount = a.SpikeMinCount
	}
	if a.NegShare != 0 {
		r.NegShare = a.NegShare
	}
	if a.NegShareMinCount != 0 {
		r.NegShareMinCount = a.NegShareMinCount
	}
	if a.InfluentialFollowers != 0 {
		r.InfluentialFollowers = a.InfluentialFollowers
	}
	if a.InfluentialVerifiedFollowers != 0 {
		r.InfluentialVerifiedFollowers = a.InfluentialVerifiedFollowers
	}
	if a.InfluentialEngagement != 0 {
		r.InfluentialEngagement = a.InfluentialEngagement
	}
	if len(a.RedFlags) > 0 {
		r.RedFlags = append(r.RedFlags, alert.FlagGroup{Name: "plan", Terms: a.RedFlags})
	}
	if err := r.Validate(); err != nil {
		return r, exitError{2, fmt.Errorf("plan %s: alerts: %w", p.Name, err)}
	}
	return r, nil
}

// ---- the session: store, writer, pipeline and the UI's update stream ----

type session struct {
	store  *data.Store
	writer *data.Writer
	pipe   *feed.Pipeline
	hub    *ui.Hub
	clock  model.Clock

	onEvents func([]model.Event) // called from the writer goroutine
	rejectFn func(decode.Reject) // called for every reject, e.g. to print it

	mu      sync.Mutex
	lastErr error

	seen published // what the console has been sent
}

// openReadOnly opens an incident file for reading. A drill file written by
// an older warroom cannot be opened live to upgrade it, as other files
// can: the message says what does instead.
func openReadOnly(ctx context.Context, path string) (*data.Store, error) {
	st, err := data.OpenReadOnly(path)
	if errors.Is(err, data.ErrOlderSchema) {
		if in, ierr := data.FileIncident(path); ierr == nil && in.Mode == data.ModeDrill {
			return nil, fmt.Errorf("%s is a drill written by an older warroom; `warroom drill --resume %s` upgrades it as it opens it (quit at once to keep it as it was)", path, path)
		}
	}
	return st, err
}

// refuseFile says why a session must not open a file holding the incident
// in, or returns nil.
func refuseFile(o sessionOptions, in data.Incident) error {
	switch {
	case o.mode == data.ModeDrill && o.resume && in.Mode == data.ModeDrill:
	case o.mode == data.ModeDrill:
		// A drill's mentions, ids and meta would mix into the incident, and
		// its score would be computed against the wrong scenario.
		return exitError{2, fmt.Errorf("%s already holds an incident (%s); a drill writes a new file: give --db a new name, or leave it out", o.path, in.Name)}
	case in.Mode == data.ModeDrill:
		// A drill ran on its own virtual clock: on the wall clock its
		// deadlines and events would sit hours in the future or past.
		return exitError{2, fmt.Errorf("%s is a drill (%s) and cannot be reopened live or added to: `warroom drill --resume %s` goes on with it, `warroom replay %s` plays it back, `warroom report %s` scores it", o.path, in.Name, o.path, o.path, o.path)}
	}
	return nil
}

type sessionOptions struct {
	notes          io.Writer // where to say that the file is being upgraded; nil for silence
	path           string
	name           string
	mode           data.Mode
	clock          model.Clock
	rules          *alert.Rules // nil: no early warning
	keepIngestTime bool
	// postTimes: mentions arrive stamped with their post times (ingest
	// --post-times), so early warning runs on the file's own timeline, not
	// on the clock's.
	postTimes bool
	// onEvents sees every committed event, from the writer's goroutine. It
	// is set before the writer starts, so it sees the first one too.
	onEvents func([]model.Event)
	// resume: a drill goes on in its own file (warroom drill --resume).
	resume bool
}

func openSession(ctx context.Context, o sessionOptions) (*session, error) {
	// Refuse what does not suit the file before Open upgrades it.
	if in, err := data.FileIncident(o.path); err == nil {
		if err := refuseFile(o, in); err != nil {
			return nil, err
		}
	}
	if v, err := data.FileVersion(o.path); o.notes != nil && err == nil && v > 0 && v < data.SchemaVersion {
		fmt.Fprintf(o.notes, "warroom: upgrading %s from schema %d to %d (a large file takes a minute)\n",
			o.path, v, data.SchemaVersion)
	}
	st, err := data.Open(o.path)
	var ro *data.ReadOnlyError
	if errors.As(err, &ro) {
		return nil, fmt.Errorf("%w: to look at it, `warroom replay %s` opens it read-only; to work on it, copy it to a writable folder and open the copy", err, o.path)
	}
	if err != nil {
		return nil, err
	}
	s := &session{store: st, clock: o.clock, hub: ui.NewHub(), onEvents: o.onEvents}
	now := o.clock.Now()
	in, err := st.Incident(ctx)
	switch {
	case errors.Is(err, data.ErrNotFound):
		err = st.SetIncident(ctx, data.Incident{Name: o.name, Mode: o.mode, CreatedAt: now})
	case err == nil:
		err = refuseFile(o, in)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	var det *alert.Detector
	if o.rules != nil {
		det = alert.NewDetector(*o.rules)
		// The baseline is the hour or so before now, or before the file's
		// newest mention when mentions come with their post times: warming
		// up to the wall clock would put the whole import in the past.
		upTo, warm := now, true
		if o.postTimes {
			last, err := st.Mentions(ctx, data.MentionFilter{Limit: 1})
			upTo, warm = time.Time{}, err == nil && len(last) > 0
			if warm {
				upTo = last[0].IngestedAt
			}
		}
		from := upTo.Add(-o.rules.Baseline - o.rules.Window)
		if counts, err := st.MinuteCounts(ctx, from, upTo, ""); warm && err == nil {
			warm := make([]alert.MinuteCount, len(counts))
			for i, c := range counts {
				warm[i] = alert.MinuteCount{Minute: c.Minute, All: c.All, Negative: c.Negative}
			}
			det.Warm(warm)
		}
		if alerts, err := st.Alerts(ctx, time.Time{}); err == nil {
			det.Restore(alerts)
		}
	}
	s.writer = st.NewWriter(data.WriterOptions{OnCommit: s.committed})
	if err := s.writer.Err(); err != nil {
		st.Close()
		return nil, fmt.Errorf("open %s for writing: %w", o.path, err)
	}
	s.pipe = feed.New(feed.Options{
		Store: feedStore{s}, Clock: o.clock, Classifier: classify.New(), Detector: det,
		KeepIngestTime: o.keepIngestTime,
		Notify: func(u feed.Update) {
			s.publish(ui.Update{Mentions: u.Mentions, Alerts: u.Alerts})
		},
	})
	events, err := st.Events(ctx, time.Time{}, time.Time{})
	if err == nil && len(events) == 0 {
		s.writer.Event(model.NewEvent(now, model.KindCreated, "warroom", model.IncidentPayload{Name: o.name}))
	}
	return s, nil
}

func (s *session) committed(c data.Commit) {
	refused := make([]decode.Reject, len(c.Refused))
	for i, r := range c.Refused {
		refused[i] = fromData(r)
		if s.rejectFn != nil {
			s.rejectFn(refused[i])
		}
	}
	s.pipe.Committed(c.Mentions, c.Duplicates, refused)
	if len(c.Events) > 0 {
		s.publish(ui.Update{Events: c.Events})
		if s.onEvents != nil {
			s.onEvents(c.Events)
		}
	}
	if c.Err != nil {
		s.mu.Lock()
		s.lastErr = c.Err
		s.mu.Unlock()
	}
}

// close drains the pipeline and the writer and closes the file.
func (s *session) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	werr := s.pipe.Wait(ctx)
	s.pipe.Close()
	errs := []error{werr, s.pipe.Err(), s.writer.Close(), s.store.Close()}
	s.mu.Lock()
	errs = append(errs, s.lastErr)
	s.mu.Unlock()
	return errors.Join(errs...)
}

// feedStore adapts the data writer to what feed.Pipeline and the webhook need.
type feedStore struct{ s *session }

func (f feedStore) Mention(m *model.Mention) {
	if err := f.s.writer.Mention(m); err != nil {
		f.s.mu.Lock()
		f.s.lastErr = err
		f.s.mu.Unlock()
	}
}

func (f feedStore) toData(r decode.Reject) data.Reject {
	return data.Reject{Source: r.Source, Line: int(r.Line), Offset: r.Offset, Reason: r.Reason, Raw: r.Raw, At: f.s.clock.Now()}
}

func fromData(r data.Reject) decode.Reject {
	return decode.Reject{Source: r.Source, Line: int64(r.Line), Offset: r.Offset, Reason: r.Reason, Raw: r.Raw}
}

func (f feedStore) Reject(r decode.Reject) {
	if f.s.rejectFn != nil {
		f.s.rejectFn(r)
	}
	_ = f.s.writer.Reject(f.toData(r))
}

func (f feedStore) SaveAlert(ctx context.Context, a model.Alert) (int64, error) {
	err := f.s.writer.SubmitAlert(ctx, &a)
	return a.ID, err
}

func (f feedStore) Flush(ctx context.Context) error { return f.s.writer.Flush(ctx) }

func (f feedStore) Submit(ctx context.Context, ms []*model.Mention, rejects []decode.Reject) (feed.Submitted, error) {
	rs := make([]data.Reject, len(rejects))
	for i, r := range rejects {
		rs[i] = f.toData(r)
	}
	c, err := f.s.writer.Submit(ctx, ms, rs)
	res := feed.Submitted{Stored: len(c.Mentions), Duplicates: c.Duplicates}
	for _, r := range c.Refused {
		res.Refused = append(res.Refused, fromData(r))
	}
	return res, err
}

// backend adapts the store to the console. w is nil for a read-only replay.
type backend struct {
	st *data.Store
	w  *data.Writer
}

func filterOf(q ui.FeedQuery) data.MentionFilter {
	return data.MentionFilter{Platform: q.Platform, NegativeOnly: q.NegativeOnly, MinSeverity: q.MinSeverity,
		Query: q.Search, Until: q.Until, BeforeID: q.BeforeID, Limit: q.Limit, Authors: q.Authors}
}

func (b backend) Mentions(ctx context.Context, q ui.FeedQuery) ([]*model.Mention, error) {
	return b.st.Mentions(ctx, filterOf(q))
}

func (b backend) CountMentions(ctx context.Context, q ui.FeedQuery) (int, error) {
	return b.st.CountMentions(ctx, filterOf(q))
}

func (b backend) Mention(ctx context.Context, id int64) (*model.Mention, error) {
	return b.st.Mention(ctx, id)
}

func (b backend) Thread(ctx context.Context, m *model.Mention) (*model.Mention, []*model.Mention, error) {
	return b.st.Thread(ctx, m)
}

func (b backend) MinuteCounts(ctx context.Context, from, to time.Time) ([]ui.MinuteCount, error) {
	cs, err := b.st.MinuteCounts(ctx, from, to, "")
	out := make([]ui.MinuteCount, len(cs))
	for i, c := range cs {
		out[i] = ui.MinuteCount{Minute: c.Minute, All: c.All, Negative: c.Negative}
	}
	return out, err
}

func (b backend) Events(ctx context.Context, upTo time.Time) ([]model.Event, error) {
	if upTo.IsZero() {
		return b.st.Events(ctx, time.Time{}, time.Time{})
	}
	return b.st.EventsUpTo(ctx, upTo)
}

func (b backend) Alerts(ctx context.Context, upTo time.Time) ([]*model.Alert, error) {
	return b.st.Alerts(ctx, upTo)
}

func (b backend) MentionsByID(ctx context.Context, ids []int64) ([]*model.Mention, error) {
	return b.st.MentionsByID(ctx, ids)
}

func (b backend) Append(ctx context.Context, evs ...model.Event) error {
	if b.w == nil {
		return ui.ErrReadOnly
	}
	_, err := b.w.SubmitEvents(ctx, evs)
	return err
}

// consoleOptions builds the UI options every console-opening command shares.
func consoleOptions(c *common, p *plan.Plan, lang i18n.Lang) ui.Options {
	l := string(lang)
	var clocks []ui.ClockDef
	for _, t := range plan.DefaultClocks() {
		clocks = append(clocks, t.Payload(l))
	}
	return ui.Options{Operator: c.operator(p), Lang: lang, DefaultClocks: clocks, Plan: p,
		NoColor: c.noColor, Location: chinaTime, SearchMatcher: data.SearchMatcher}
}

// chinaTime is UTC+8: the zone every platform here posts in, and the one
// a team in China reads deadlines in.
var chinaTime = time.FixedZone("CST", 8*60*60)

// runConsole runs the UI over a session until the user quits.
func runConsole(ctx context.Context, s *session, opts ui.Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.hub.Attach() // before the console's first read of the store
	go s.hub.Run(ctx)
	if err := s.markPublished(ctx); err == nil {
		go s.watchOthers(ctx, time.Second)
	}
	opts.Backend = backend{s.store, s.writer}
	opts.Updates = s.hub.Updates()
	opts.Clock = s.clock
	return ui.Run(ctx, opts)
}

// ---- warroom (the console) ----

const consoleUsage = `Usage: warroom [flags]

Opens the console on an incident file. With no --db, --follow or --listen,
it starts the first built-in drill in a temporary file, so a newcomer sees
it working at once.

Flags:
`

func cmdConsole(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("warroom", flag.ContinueOnError)
	var c common
	c.register(fs)
	db := fs.String("db", "", "incident file (created if missing)")
	var follows multi
	fs.Var(&follows, "follow", "follow a growing file of mentions, like tail -F (repeatable)")
	listen := fs.String("listen", "", "accept mentions by HTTP POST /mentions on ADDR (e.g. 127.0.0.1:8765)")
	token := fs.String("token", "", "token the webhook requires (needed off loopback)")
	format := fs.String("format", "auto", "format of followed files")
	pos, err := parseArgs(fs, consoleUsage, args, std)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *db == "" && len(follows) == 0 && *listen == "" {
		return runDrill(ctx, drillRun{common: c, scenario: drill.List()[0].ID, speed: 60, seed: 1}, std)
	}
	if *db == "" {
		*db = "warroom.db"
	}
	if *listen != "" {
		if err := feed.CheckListen(*listen, *token); err != nil {
			return exitError{2, err}
		}
	}
	fmtv, err := decode.ParseFormat(*format)
	if err != nil {
		return exitError{2, err}
	}
	lang, p, rules, err := c.load()
	if err != nil {
		return err
	}
	clock := model.WallClock{}
	s, err := openSession(ctx, sessionOptions{notes: std.err, path: *db,
		name: strings.TrimSuffix(filepath.Base(*db), filepath.Ext(*db)), mode: data.ModeLive, clock: clock, rules: &rules})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	var bg sync.WaitGroup
	var bgErrs []error
	var bgMu sync.Mutex
	keep := func(err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			bgMu.Lock()
			bgErrs = append(bgErrs, err)
			bgMu.Unlock()
		}
	}
	for _, path := range follows {
		bg.Add(1)
		go func() {
			defer bg.Done()
			r := follow.Open(ctx, path, follow.Options{FromStart: true})
			defer r.Close()
			keep(s.pipe.Ingest(ctx, r, path, decode.Options{Format: fmtv, Now: clock.Now()}, nil))
		}()
	}
	if *listen != "" {
		wh := &feed.Webhook{Pipeline: s.pipe, Submitter: feedStore{s}, Token: *token}
		ln, err := wh.Listen(*listen)
		if err != nil {
			cancel()
			bg.Wait()
			return errors.Join(err, s.close())
		}
		bg.Add(1)
		go func() {
			defer bg.Done()
			keep(wh.ServeOn(ctx, ln))
		}()
	}
	opts := consoleOptions(&c, p, lang)
	opts.Mode = ui.Live
	opts.IncidentName = filepath.Base(*db)
	uerr := runConsole(ctx, s, opts)
	cancel()
	bg.Wait()
	cerr := s.close()
	return errors.Join(append(bgErrs, uerr, cerr)...)
}

// ---- warroom ingest ----

const ingestUsage = `Usage: warroom ingest [flags] PATH... | -

Imports mentions into the incident file: warroom's canonical JSONL,
MediaCrawler exports (JSON, JSONL, CSV), weibo-crawler CSV, Weibo API JSON,
or any CSV with a header (rename columns with --map). The format is sniffed;
--format overrides it. Bad records are rejected with file, line and reason
into the file's reject table, and the rest goes on.

Flags:
`

func cmdIngest(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	db := fs.String("db", "warroom.db", "incident file (created if missing)")
	follows := fs.Bool("follow", false, "keep reading the files as they grow, like tail -F, until interrupted")
	format := fs.String("format", "auto", "auto, "+joinFormats())
	mapping := fs.String("map", "", "for generic CSV: canonical=column pairs, e.g. text=content,author=nickname")
	listen := fs.String("listen", "", "also accept mentions by HTTP POST /mentions on ADDR, until interrupted")
	token := fs.String("token", "", "token the webhook requires (needed off loopback)")
	maxLine := fs.Int("max-line", decode.DefaultMaxLine, "longest record in bytes; longer ones are rejected")
	noAlerts := fs.Bool("no-alerts", false, "do not run early warning (e.g. for importing old data)")
	postTimes := fs.Bool("post-times", false, "stamp each mention with its post time, not its arrival, storing all the\n"+
		"files' mentions in post order, so charts, alerts and replay follow the posts' own timeline:\n"+
		"for loading a crawl of the past hours (not with --follow or --listen; reads the files whole)")
	sinceFlag := fs.String("since", "", "with --post-times: where the timeline starts (2006-01-02 15:04, RFC 3339, or a\n"+
		"DURATION before now such as 48h); older posts arrive now, as without --post-times")
	quiet := fs.Bool("quiet", false, "do not list rejected records, only count them")
	planFile := fs.String("plan", "", "crisis plan whose alert thresholds apply")
	pos, err := parseArgs(fs, ingestUsage, args, std)
	if err != nil {
		return err
	}
	if len(pos) == 0 && *listen == "" {
		return usagef("ingest: name at least one PATH (or - for standard input), or --listen")
	}
	if *postTimes && (*follows || *listen != "") {
		return usagef("ingest: --post-times reads files whole; it does not go with --follow or --listen")
	}
	var since time.Time
	if *sinceFlag != "" {
		if !*postTimes {
			return usagef("ingest: --since goes with --post-times")
		}
		if since, err = parseSince(*sinceFlag, time.Now()); err != nil {
			return err
		}
	}
	fmtv, err := decode.ParseFormat(*format)
	if err != nil {
		return exitError{2, err}
	}
	var m map[string]string
	if *mapping != "" {
		if m, err = decode.ParseMap(*mapping); err != nil {
			return exitError{2, err}
		}
	}
	if *listen != "" {
		if err := feed.CheckListen(*listen, *token); err != nil {
			return exitError{2, err}
		}
	}
	p, err := loadPlan(*planFile)
	if err != nil {
		return err
	}
	var rules *alert.Rules
	if !*noAlerts {
		r, err := alertRules(p)
		if err != nil {
			return err
		}
		rules = &r
	}
	clock := model.WallClock{}
	s, err := openSession(ctx, sessionOptions{notes: std.err, path: *db,
		name: strings.TrimSuffix(filepath.Base(*db), filepath.Ext(*db)), mode: data.ModeLive, clock: clock, rules: rules,
		keepIngestTime: *postTimes, postTimes: *postTimes})
	if err != nil {
		return err
	}
	// A malformed line is named with file, line and reason; a flood of
	// them is summarised after the first screenful.
	// Rejects come from the readers and, for mentions the file refuses,
	// from the writer's goroutine.
	var (
		shown   int
		shownMu sync.Mutex
	)
	const showAtMost = 20
	s.rejectFn = func(r decode.Reject) {
		if *quiet {
			return
		}
		shownMu.Lock()
		defer shownMu.Unlock()
		if shown++; shown <= showAtMost {
			fmt.Fprintf(std.err, "%s:%d: %s\n", r.Source, r.Line, r.Reason)
		}
	}
	prog := newProgress(std.err)
	var (
		errs        []error
		mu          sync.Mutex
		bg          sync.WaitGroup
		interrupted error // a --post-times load cut short: never exit 0 for it
	)
	keep := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	dopts := decode.Options{Format: fmtv, Map: m, MaxLine: *maxLine, Now: clock.Now()}
	if *listen != "" {
		wh := &feed.Webhook{Pipeline: s.pipe, Submitter: feedStore{s}, Token: *token}
		ln, err := wh.Listen(*listen)
		if err != nil {
			return errors.Join(err, s.close())
		}
		fmt.Fprintf(std.err, "listening on http://%s/mentions (Ctrl-C to stop)\n", ln.Addr())
		bg.Add(1)
		go func() {
			defer bg.Done()
			keep(wh.ServeOn(ctx, ln))
		}()
	}
	if *follows {
		// Followed files never end: each is read beside the others until
		// Ctrl-C, and so is the webhook.
		for _, path := range pos {
			bg.Add(1)
			go func() {
				defer bg.Done()
				keep(ingestOne(ctx, s, path, dopts, true, std, prog, nil))
			}()
		}
	} else {
		var posted *[]*model.Mention // with --post-times: every file's mentions, stored together in post order
		defer func() {
			if posted != nil {
				notePostTimes(*posted, since, std.err) // after the summary's commits: it reads their stamps
			}
		}()
		if *postTimes {
			posted = new([]*model.Mention)
		}
		for _, path := range pos {
			if ctx.Err() != nil {
				break
			}
			keep(ingestOne(ctx, s, path, dopts, false, std, prog, posted))
		}
		if posted != nil {
			switch {
			case ctx.Err() != nil:
				interrupted = fmt.Errorf("interrupted while reading: %d mentions read, none stored (bad records found so far are in the reject table)", len(*posted))
			case s.pipe.AddPosted(ctx, *posted, since) != nil:
				interrupted = errors.New("interrupted: only the earliest posts were stored, in post order")
			default:
				notePostSpan(*posted, since, std.err)
			}
		}
		if *listen != "" {
			<-ctx.Done() // the webhook runs until Ctrl-C
		}
	}
	bg.Wait()
	if err := s.pipe.Wait(context.Background()); err != nil {
		errs = append(errs, err)
	}
	stats := s.pipe.Stats()
	errs = append(errs, s.close())
	if shown > showAtMost {
		fmt.Fprintf(std.err, "… and %d more rejected records (all are in the file's reject table)\n", shown-showAtMost)
	}
	fmt.Fprintf(std.out, "%s: %s\n", *db, stats)
	if err := errors.Join(errs...); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if interrupted != nil {
		return exitError{1, interrupted}
	}
	return nil
}

// parseSince reads ingest's --since: a time, or a duration before now.
func parseSince(v string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	var since time.Time
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		since = t
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, v, chinaTime); since.IsZero() && err == nil {
			since = t
		}
	}
	switch {
	case since.IsZero():
		return time.Time{}, usagef("ingest: --since %q: want 2006-01-02 15:04, RFC 3339 or a duration such as 48h", v)
	case since.After(now):
		return time.Time{}, usagef("ingest: --since %q is in the future: every post would count as older", v)
	}
	return since, nil
}

// notePostSpan warns when a crawl's posts span weeks: one old post a
// keyword crawl dug up would stretch the incident's timeline over all of
// them. The range is of the post times as written.
func notePostSpan(ms []*model.Mention, since time.Time, w io.Writer) {
	if !since.IsZero() {
		return
	}
	var lo, hi time.Time
	for _, m := range ms {
		if t := m.CreatedAt; !t.IsZero() {
			if lo.IsZero() || t.Before(lo) {
				lo = t
			}
			if t.After(hi) {
				hi = t
			}
		}
	}
	if hi.Sub(lo) > 7*24*time.Hour {
		fmt.Fprintf(w, "note: the posts span %s to %s; --since sets where the timeline starts\n",
			lo.In(chinaTime).Format("2006-01-02 15:04"), hi.In(chinaTime).Format("2006-01-02 15:04"))
	}
}

// notePostTimes says, once the mentions are stored, which of them did not
// arrive at their post time, and why. It reads the stamps the writer gave
// the stored ones (duplicates and unstored mentions have no id).
func notePostTimes(ms []*model.Mention, since time.Time, w io.Writer) {
	var later, future, old, none int
	var fileTime time.Time
	for _, m := range ms {
		switch t := m.CreatedAt; {
		case m.ID == 0:
		case t.IsZero():
			none++
		case !since.IsZero() && t.Before(since):
			old++
		case t.After(m.IngestedAt):
			future++
		case m.IngestedAt.After(t):
			later++
			fileTime = m.IngestedAt
		}
	}
	say := func(n int, what string) {
		switch {
		case n == 1:
			fmt.Fprintf(w, "note: 1 mention %s\n", what)
		case n > 1:
			fmt.Fprintf(w, "note: %d mentions %s\n", n, what)
		}
	}
	say(later, "posted before the file's newest took its time ("+fileTime.In(chinaTime).Format("2006-01-02 15:04")+
		"): the file's times never go back")
	say(future, "posted in the future (a wrong time zone?) arrived now")
	say(old, "posted before --since arrived now")
	say(none, "with no post time arrived now")
}

func joinFormats() string {
	names := make([]string, len(decode.Formats))
	for i, f := range decode.Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// ingestOne reads one file (or stdin) into the pipeline, or with into set
// collects its mentions there.
func ingestOne(ctx context.Context, s *session, path string, opts decode.Options, follows bool, std stdio, prog *progressBar, into *[]*model.Mention) error {
	var r io.Reader
	var size int64
	switch {
	case path == "-":
		r = std.in
		path = "stdin"
	case follows:
		fr := follow.Open(ctx, path, follow.Options{FromStart: true})
		defer fr.Close()
		r = fr
	default:
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil {
			size = info.Size()
		}
		r = f
	}
	cr := &countingReader{r: r}
	progress := func(n int64) { prog.show(path, cr.n, size, n) }
	var err error
	if into != nil {
		err = s.pipe.Collect(ctx, cr, path, opts, progress, into)
	} else {
		err = s.pipe.Ingest(ctx, cr, path, opts, progress)
	}
	prog.done(path, cr.n, size)
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("ingest %s: %w", path, err)
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// progressBar draws bubbles' progress bar on a terminal, and a plain
// counter line per file anywhere else (logs, CI, pipes).
type progressBar struct {
	w    io.Writer
	tty  bool
	bar  progress.Model
	last time.Time
}

func newProgress(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	tty := ok && term.IsTerminal(f.Fd())
	return &progressBar{w: w, tty: tty, bar: progress.New(progress.WithWidth(40), progress.WithoutPercentage())}
}

func (p *progressBar) show(path string, done, size, records int64) {
	if !p.tty || size <= 0 || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	frac := float64(done) / float64(size)
	fmt.Fprintf(p.w, "\r%s %3.0f%%  %d records  %s", p.bar.ViewAs(frac), frac*100, records, filepath.Base(path))
}

func (p *progressBar) done(path string, done, size int64) {
	if p.tty && size > 0 {
		fmt.Fprintf(p.w, "\r%s 100%%  %s\n", p.bar.ViewAs(1), filepath.Base(path))
		return
	}
	fmt.Fprintf(p.w, "%s: read %d bytes\n", path, done)
}

// ---- warroom classify ----

const classifyUsage = `Usage: warroom classify < in.jsonl > out.jsonl

Reads canonical JSONL mentions on standard input and writes each object
back with sentiment, negative, category, terms and severity added (its
other fields as they were). Bad lines are reported on standard error with
their line number and skipped.

Flags:
`

func cmdClassify(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	pos, err := parseArgs(fs, classifyUsage, args, std)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("classify reads standard input; unexpected argument %q", pos[0])
	}
	c := classify.New()
	in := bufio.NewReaderSize(std.in, 64<<10)
	out := bufio.NewWriterSize(std.out, 64<<10)
	defer out.Flush()
	now := model.WallClock{}.Now()
	for line := int64(1); ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(raw)) > 0 {
			if err := classifyLine(c, raw, line, now, out); err != nil {
				fmt.Fprintf(std.err, "stdin:%d: %v\n", line, err)
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// classifyLine judges one canonical object and writes it back with the
// judgement appended inside the same braces, so no field of the caller's
// is dropped or reordered.
func classifyLine(c *classify.Classifier, raw []byte, line int64, now time.Time, out *bufio.Writer) error {
	obj := bytes.TrimSpace(raw)
	dr, err := decode.NewReader(bytes.NewReader(obj), "stdin", decode.Options{Format: decode.FormatJSONL, Now: now})
	if err != nil {
		return err
	}
	it, err := dr.Next()
	if err != nil {
		return err
	}
	if it.Reject != nil {
		return errors.New(it.Reject.Reason)
	}
	if obj[0] != '{' || obj[len(obj)-1] != '}' {
		return errors.New("want one JSON object per line")
	}
	m := it.Mention
	c.Classify(m)
	full := decode.EncodeClassifiedJSONL(m)
	plain := decode.EncodeJSONL(m)
	// The judgement is what the classified encoding has beyond the plain one.
	extra := bytes.TrimSpace(full[len(bytes.TrimSuffix(bytes.TrimSpace(plain), []byte("}"))):])
	body := bytes.TrimSpace(obj[1 : len(obj)-1])
	out.WriteByte('{')
	out.Write(body)
	if len(body) > 0 {
		out.WriteByte(',')
	}
	out.Write(bytes.TrimPrefix(extra, []byte(",")))
	out.WriteByte('\n')
	return nil
}

// ---- warroom drill ----

const drillUsage = `Usage: warroom drill [SCENARIO|FILE] [flags]
       warroom drill --resume DRILLFILE [--speed N]

Writes a new incident file and feeds it from a drill scenario on a virtual
clock; the team works in the console as if live, and is scored at the end.
SCENARIO is a built-in id (see --list) or a scenario TOML file. --resume
goes on with a drill that was left before its end, from where it stopped.

Flags:
`

type drillRun struct {
	common
	scenario string
	speed    float64 // 0 on resume: the file's
	seed     int64
	db       string
	resume   string // a drill file to go on with
}

func cmdDrill(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("drill", flag.ContinueOnError)
	var d drillRun
	d.common.register(fs)
	fs.Float64Var(&d.speed, "speed", 10, "virtual seconds per real second")
	fs.Int64Var(&d.seed, "seed", 1, "random seed: the same seed and actions give the same drill")
	fs.StringVar(&d.db, "db", "", "incident file to write (default: a new temporary file)")
	list := fs.Bool("list", false, "list the built-in scenarios")
	headless := fs.Bool("headless", false, "run without the console, with no team action (the worst case)")
	forDur := fs.Duration("for", 0, "with --headless: how much virtual time to run (default: the scenario's length)")
	startAt := fs.String("start", "2026-11-20T09:00:00+08:00", "with --headless: virtual start time")
	fs.StringVar(&d.resume, "resume", "", "go on with the drill in `FILE` from where it stopped (its scenario, seed and speed)")
	pos, err := parseArgs(fs, drillUsage, args, std)
	if err != nil {
		return err
	}
	if d.resume != "" {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		for _, name := range []string{"seed", "db", "headless", "for", "start", "list"} {
			if set[name] {
				return usagef("--resume goes on with the drill in its file: --%s does not apply", name)
			}
		}
		if len(pos) > 0 {
			return usagef("--resume goes on with the file's own scenario; got %q too", pos[0])
		}
		if !set["speed"] {
			d.speed = 0
		} else if d.speed <= 0 || d.speed > 3600 {
			return usagef("--speed %v: want a value from 1 to 3600", d.speed)
		}
		return runDrill(ctx, d, std)
	}
	if *list {
		for _, in := range drill.List() {
			fmt.Fprintf(std.out, "%-16s %-8s %s / %s\n", in.ID, plan.FormatDuration(in.Duration), in.Name.Zh, in.Name.En)
		}
		return nil
	}
	if len(pos) > 1 {
		return usagef("drill takes one scenario, got %d", len(pos))
	}
	d.scenario = drill.List()[0].ID
	if len(pos) == 1 {
		d.scenario = pos[0]
	}
	if d.speed <= 0 || d.speed > 3600 {
		return usagef("--speed %v: want a value from 1 to 3600", d.speed)
	}
	if *headless {
		start, err := time.Parse(time.RFC3339, *startAt)
		if err != nil {
			return usagef("--start %q: want RFC 3339, e.g. 2026-11-20T09:00:00+08:00", *startAt)
		}
		return runHeadless(ctx, d, start, *forDur, std)
	}
	return runDrill(ctx, d, std)
}

// loadScenario reads a scenario file, or a built-in by id, and returns its
// source too: a drill keeps it in its file, so it can be resumed and
// scored wherever the file goes.
func loadScenario(name string) (*drill.Scenario, []byte, error) {
	if src, err := os.ReadFile(name); err == nil {
		sc, err := drill.Parse(name, src)
		if err != nil {
			return nil, nil, exitError{2, err}
		}
		return sc, src, nil
	}
	sc, err := drill.Builtin(name)
	if err != nil {
		var ids []string
		for _, in := range drill.List() {
			ids = append(ids, in.ID)
		}
		return nil, nil, usagef("no scenario file or built-in named %q (built-ins: %s)", name, strings.Join(ids, ", "))
	}
	src, _ := drill.BuiltinSource(name)
	return sc, src, nil
}

// fileScenario is the scenario a drill file was run from: the source it
// keeps, or for files written before it kept one, the scenario by name.
func fileScenario(ctx context.Context, st *data.Store) (*drill.Scenario, error) {
	id := meta(ctx, st, "drill.scenario")
	if id == "" {
		return nil, fmt.Errorf("%s is not a drill", st.Path())
	}
	if src := meta(ctx, st, "drill.source"); src != "" {
		return drill.Parse(id, []byte(src))
	}
	sc, _, err := loadScenario(id)
	return sc, err
}

func drillFile(d drillRun) (string, error) {
	if d.db != "" {
		return d.db, nil
	}
	f, err := os.CreateTemp("", "warroom-drill-*.db")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, os.Remove(name) // data.Open creates it as an incident file
}

func runHeadless(ctx context.Context, d drillRun, start time.Time, dur time.Duration, std stdio) error {
	sc, src, err := loadScenario(d.scenario)
	if err != nil {
		return err
	}
	path, err := drillFile(d)
	if err != nil {
		return err
	}
	p, err := loadPlan(d.plan)
	if err != nil {
		return err
	}
	rules, err := alertRules(p)
	if err != nil {
		return err
	}
	clock := model.NewManualClock(start)
	s, err := openSession(ctx, sessionOptions{notes: std.err, path: path, name: sc.Name.Zh, mode: data.ModeDrill,
		clock: clock, rules: &rules, keepIngestTime: true})
	if err != nil {
		return err
	}
	setDrillMeta(ctx, s.store, sc, src, d, start)
	sum, err := drill.RunHeadless(ctx, sc, d.seed, start, dur, drill.SinkFunc(func(ms []*model.Mention) error {
		if len(ms) > 0 {
			clock.Set(ms[len(ms)-1].IngestedAt)
		}
		s.pipe.Add(ms...)
		return nil
	}))
	if err == nil {
		if dur <= 0 {
			dur = sc.Duration
		}
		setDrillUntil(ctx, s.store, sc, start, start.Add(dur))
	}
	stats := s.pipe.Stats()
	cerr := s.close()
	if err := errors.Join(err, cerr); err != nil {
		return err
	}
	stats = mergeStats(stats, s)
	fmt.Fprintf(std.out, "%s: %d mentions (%d written negative) from %s to %s; %s\n", path, sum.Mentions, sum.Negative,
		sum.First.In(chinaTime).Format("2006-01-02 15:04"), sum.Last.In(chinaTime).Format("2006-01-02 15:04"), stats)
	return nil
}

// mergeStats returns the final pipeline counts once the session is closed.
func mergeStats(before feed.Stats, s *session) feed.Stats {
	after := s.pipe.Stats()
	if after.Stored >= before.Stored {
		return after
	}
	return before
}

func setDrillMeta(ctx context.Context, st *data.Store, sc *drill.Scenario, src []byte, d drillRun, start time.Time) {
	for k, v := range map[string]string{
		"drill.scenario": d.scenario, "drill.seed": strconv.FormatInt(d.seed, 10),
		"drill.speed": strconv.FormatFloat(d.speed, 'f', -1, 64), "drill.start": start.Format(time.RFC3339),
		"drill.name": sc.Name.Zh, "drill.source": string(src),
	} {
		_ = st.SetMeta(ctx, k, v)
	}
}

// setDrillUntil records how far a drill ran (its end, or when it was
// left), so its debrief is scored at that moment wherever it is read.
func setDrillUntil(ctx context.Context, st *data.Store, sc *drill.Scenario, start, until time.Time) {
	if end := start.Add(sc.Duration); until.After(end) {
		until = end
	}
	_ = st.SetMeta(ctx, "drill.until", until.Truncate(time.Millisecond).Format(time.RFC3339Nano))
}

func runDrill(ctx context.Context, d drillRun, std stdio) error {
	lang, p, rules, err := d.load()
	if err != nil {
		return err
	}
	var (
		sc    *drill.Scenario
		src   []byte
		path  string
		start time.Time // when the drill began, in its own time
		from  time.Time // where its clock starts now
		gen   *drill.Generator
		// The crowd reacts to the team as events are committed. Only the
		// writer's goroutine touches this state; the debrief refolds the file.
		state *model.State
	)
	if d.resume != "" {
		r, err := readDrillFile(ctx, d.resume, std.err)
		if err != nil {
			return err
		}
		path, sc, start, from = d.resume, r.sc, r.start, r.stop
		d.scenario, d.seed = r.id, r.seed
		if d.speed == 0 {
			d.speed = r.speed
		}
		gen, state = drill.Resume(sc, d.seed, start, r.events, r.stop)
		if !from.Before(gen.End()) {
			fmt.Fprintln(std.err, "warroom: "+i18n.New(lang).F("drill.over", path))
		}
		fmt.Fprintf(std.err, "warroom: resuming drill %q at %gx, seed %d, in %s, from %s\n", d.scenario, d.speed, d.seed, path,
			from.In(chinaTime).Format("2006-01-02 15:04:05"))
	} else {
		if sc, src, err = loadScenario(d.scenario); err != nil {
			return err
		}
		if path, err = drillFile(d); err != nil {
			return err
		}
		fmt.Fprintf(std.err, "warroom: drill %q at %gx, seed %d, in %s\n", d.scenario, d.speed, d.seed, path)
		start = model.WallClock{}.Now().Truncate(time.Second)
		from = start
		gen, state = drill.NewGenerator(sc, d.seed, start), model.NewState()
	}
	if d.plan == "" {
		p = sc.Rebrand(p) // the sample brand must not sign the drill brand's statements
	}
	clock := model.NewScaledClock(model.WallClock{}, from, d.speed)
	clock.StopAt(gen.End())
	s, err := openSession(ctx, sessionOptions{notes: std.err, path: path, name: drillName(sc.Name, lang), mode: data.ModeDrill,
		clock: clock, rules: &rules, keepIngestTime: true, resume: d.resume != "",
		onEvents: func(evs []model.Event) {
			for _, ev := range evs {
				if state.Apply(ev) == nil {
					gen.React(ev, state)
				}
			}
		}})
	if err != nil {
		return err
	}
	if d.resume == "" {
		setDrillMeta(ctx, s.store, sc, src, d, start)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		feedDrill(ctx, gen, clock, d.speed, s.pipe)
	}()
	opts := consoleOptions(&d.common, p, lang)
	opts.Mode = ui.Drill
	opts.IncidentName = drillName(sc.Name, lang)
	uerr := runConsole(ctx, s, opts)
	cancel()
	<-done
	// What was due between the feed's last wake-up and quitting goes in
	// too: the file then holds the feed up to where it says it stopped,
	// which is where a resume goes on from.
	until := clock.Now()
	if ms := gen.Until(until); len(ms) > 0 {
		s.pipe.Add(ms...)
	}
	setDrillUntil(context.WithoutCancel(parent), s.store, sc, start, until)
	cerr := s.close()
	if err := errors.Join(uerr, cerr); err != nil {
		return err
	}
	// The debrief reads the file the session just closed, as the report
	// does: it runs on the caller's context, not the session's, which
	// quitting cancelled.
	if err := debriefFile(context.WithoutCancel(parent), path, std.out, lang); err != nil {
		return err
	}
	c := i18n.New(lang)
	fmt.Fprintf(std.out, "\n%s\n", c.F("drill.file", path, path, path))
	if until.Before(gen.End()) {
		fmt.Fprintln(std.out, c.F("drill.resume", path))
	}
	return nil
}

// drillFileState is what a drill file says about its drill.
type drillFileState struct {
	id          string
	sc          *drill.Scenario
	seed        int64
	speed       float64
	start, stop time.Time
	events      []model.Event
}

// readDrillFile reads, read-only, what resuming the drill in path needs:
// its scenario, seed, speed, start, where it stopped, and its log.
func readDrillFile(ctx context.Context, path string, notes io.Writer) (*drillFileState, error) {
	st, err := data.OpenReadOnly(path)
	if errors.Is(err, data.ErrOlderSchema) {
		// Resuming writes the file anyway: upgrade it first, as opening it
		// live would.
		if v, verr := data.FileVersion(path); verr == nil {
			fmt.Fprintf(notes, "warroom: upgrading %s from schema %d to %d\n", path, v, data.SchemaVersion)
		}
		up, uerr := data.Open(path)
		if uerr != nil {
			return nil, uerr
		}
		if uerr := up.Close(); uerr != nil {
			return nil, uerr
		}
		st, err = data.OpenReadOnly(path)
	}
	if err != nil {
		return nil, err
	}
	defer st.Close()
	in, err := st.Incident(ctx)
	if err != nil || in.Mode != data.ModeDrill {
		return nil, exitError{2, fmt.Errorf("%s is not a drill file: only a drill can be resumed", path)}
	}
	r := &drillFileState{id: meta(ctx, st, "drill.scenario")}
	if r.sc, err = fileScenario(ctx, st); err != nil {
		return nil, fmt.Errorf("resume %s: %w", path, err)
	}
	r.seed, _ = strconv.ParseInt(meta(ctx, st, "drill.seed"), 10, 64)
	r.speed, _ = strconv.ParseFloat(meta(ctx, st, "drill.speed"), 64)
	if r.speed <= 0 || r.speed > 3600 {
		r.speed = 10
	}
	if r.start, err = time.Parse(time.RFC3339, meta(ctx, st, "drill.start")); err != nil {
		return nil, fmt.Errorf("resume %s: the file does not say when the drill started", path)
	}
	if r.stop, err = time.Parse(time.RFC3339Nano, meta(ctx, st, "drill.until")); err != nil {
		// An interrupted run did not record where it stopped: the last
		// thing in the file is as far as it got.
		if _, r.stop, err = st.TimeRange(ctx); err != nil {
			return nil, err
		}
	}
	if r.stop.Before(r.start) {
		r.stop = r.start
	}
	if r.events, err = st.Events(ctx, time.Time{}, time.Time{}); err != nil {
		return nil, err
	}
	return r, nil
}

func drillName(n drill.Names, lang i18n.Lang) string {
	if lang == i18n.EN && n.En != "" {
		return n.En
	}
	return n.Zh
}

// feedDrill hands the generator's mentions to the pipeline as virtual time
// reaches them, sleeping in real time between them.
func feedDrill(ctx context.Context, gen *drill.Generator, clock model.Clock, speed float64, pipe *feed.Pipeline) {
	for {
		now := clock.Now()
		if ms := gen.Until(now); len(ms) > 0 {
			pipe.Add(ms...)
		}
		if !now.Before(gen.End()) {
			return
		}
		wait := 250 * time.Millisecond
		if next := gen.Next(); !next.IsZero() {
			if d := time.Duration(float64(next.Sub(now)) / speed); d < wait {
				wait = max(d, 5*time.Millisecond)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// printDebrief writes a drill's debrief as plain lines.
func printDebrief(w io.Writer, res *score.Result, lang i18n.Lang) {
	c := i18n.New(lang)
	head := c.T("drill.score.none")
	if res.Max > 0 {
		head = c.F("drill.score", res.Score)
	}
	at := res.At.In(chinaTime).Format("2006-01-02 15:04")
	when := c.F("drill.score.end", at)
	if !res.Finished() {
		when = c.F("drill.score.left", at, c.Duration(res.At.Sub(res.Start)), c.Duration(res.Length))
	}
	fmt.Fprintf(w, "\n%s\n%s\n", head, when)
	if res.NotDue > 0 {
		pts := func(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }
		fmt.Fprintln(w, c.F("drill.score.notdue", pts(res.Points), pts(res.Max), pts(res.NotDue)))
	}
	for _, r := range res.Reasons {
		fmt.Fprintf(w, "  %s\n", r)
	}
}

// ---- warroom replay ----

const replayUsage = `Usage: warroom replay FILE [flags]

Plays a saved incident back, read-only: the console as it looked at any
moment. space pauses, + and - change speed, left and right step a minute,
[ and ] jump between events of note, g goes to a time (14:30, 2026-11-20
14:30, or +2h30m from the start). In a replay, page down is pgdown or ctrl+f,
and the newest row is home.

Flags:
`

func cmdReplay(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	var c common
	c.register(fs)
	speed := fs.Float64("speed", 60, "virtual seconds per real second (1 to 3600)")
	from := fs.String("from", "", "start at a time (2006-01-02 15:04, 15:04, RFC 3339) or +DURATION after the first record")
	pos, err := parseArgs(fs, replayUsage, args, std)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("replay takes one incident FILE")
	}
	if *speed < 1 || *speed > 3600 {
		return usagef("--speed %v: want a value from 1 to 3600", *speed)
	}
	lang, err := c.language()
	if err != nil {
		return err
	}
	p, err := loadPlan(c.plan)
	if err != nil {
		return err
	}
	st, err := openReadOnly(ctx, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	first, last, err := st.TimeRange(ctx)
	if err != nil {
		return err
	}
	at, err := parseFrom(*from, first, last)
	if err != nil {
		return err
	}
	clock := model.NewScaledClock(model.WallClock{}, at, *speed)
	opts := consoleOptions(&c, p, lang)
	opts.Mode = ui.Replay
	opts.ReadOnly = true
	opts.IncidentName = filepath.Base(pos[0])
	opts.Backend = backend{st: st}
	opts.Replay = &ui.ReplayControl{Clock: clock, First: first, Last: last}
	return ui.Run(ctx, opts)
}

// parseFrom reads --from as g reads a time in the replay: empty is the
// first record, +D is D after it, a time of day falls on the day of the
// first record or the next one that is inside the file (an incident that
// runs past midnight), and a date-time is read in China time.
func parseFrom(s string, first, last time.Time) (time.Time, error) {
	if s == "" {
		return first, nil
	}
	t, err := ui.ParseGoto(s, first, first, last, chinaTime)
	switch {
	case errors.Is(err, ui.ErrOutside):
		return time.Time{}, usagef("--from %q is outside the file, which runs from %s to %s", s,
			first.In(chinaTime).Format("2006-01-02 15:04:05"), last.In(chinaTime).Format("2006-01-02 15:04:05"))
	case err != nil:
		return time.Time{}, usagef("--from %q: want +DURATION, HH:MM, 2006-01-02 15:04 or RFC 3339", s)
	}
	return t, nil
}

// parseDateTime reads a date and time: RFC 3339, or 2006-01-02 15:04
// (seconds optional) in China time.
func parseDateTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, chinaTime); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: want RFC 3339 or 2006-01-02 15:04", s)
}

// ---- warroom report and export ----

const reportUsage = `Usage: warroom report FILE [flags]

Writes the post-crisis analysis of an incident file (opened read-only):
summary, response timeline, key measures, the conversation, rebuilding
trust, and the team's lessons; for a drill, the drill debrief too.

Flags:
`

// reportSource adapts the store to the report.
type reportSource struct {
	st   *data.Store
	path string
}

func (r reportSource) Info(ctx context.Context) (metrics.Info, error) {
	info := metrics.Info{File: r.path, Meta: map[string]string{}}
	in, err := r.st.Incident(ctx)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return info, err
	}
	info.Name, info.Brand = in.Name, in.Brand
	for _, k := range []string{"drill.scenario", "drill.seed", "drill.speed"} {
		if v, err := r.st.Meta(ctx, k); err == nil && v != "" {
			info.Meta[k] = v
		}
	}
	return info, nil
}

func (r reportSource) Events(ctx context.Context) ([]model.Event, error) {
	return r.st.Events(ctx, time.Time{}, time.Time{})
}

func (r reportSource) Alerts(ctx context.Context) ([]*model.Alert, error) {
	return r.st.Alerts(ctx, time.Time{})
}

func (r reportSource) EachMention(ctx context.Context, fn func(*model.Mention) error) error {
	return r.st.EachMention(ctx, time.Time{}, time.Time{}, fn)
}

func outputFile(path string, std stdio) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		if f, ok := std.out.(*os.File); ok && term.IsTerminal(f.Fd()) {
			// Exports keep mention text as received, escape sequences and
			// all; a terminal would act on them (clear the screen, set the
			// clipboard). On a terminal the text is made safe; -o FILE or a
			// pipe gets it raw.
			t := &termSafe{w: f}
			return t, t.flush, nil
		}
		return std.out, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	return bw, func() error { return errors.Join(bw.Flush(), f.Close()) }, nil
}

// termSafe writes lines to a terminal with what strangers typed made safe
// to show (text.Sanitize): a line at a time, so no escape sequence is cut
// across two writes.
type termSafe struct {
	w   io.Writer
	buf []byte
}

func (t *termSafe) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	for {
		i := bytes.IndexByte(t.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		if _, err := io.WriteString(t.w, text.SanitizeN(string(t.buf[:i+1]), len(t.buf))); err != nil {
			return 0, err
		}
		t.buf = t.buf[i+1:]
	}
}

func (t *termSafe) flush() error {
	if len(t.buf) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, text.SanitizeN(string(t.buf), len(t.buf)))
	t.buf = nil
	return err
}

func cmdReport(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	format := fs.String("format", "", "md or html (default: from -o's extension, else md)")
	out := fs.String("o", "", "output file (default: standard output)")
	langFlag := fs.String("lang", "", "en or zh (default from LANG)")
	baseline := fs.String("baseline", "", "pre-crisis window FROM,TO (RFC 3339 or 2006-01-02 15:04), default: before the first alert")
	planFile := fs.String("plan", "", "crisis plan whose trusted influencers are tracked")
	pos, err := parseArgs(fs, reportUsage, args, std)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("report takes one incident FILE")
	}
	f := *format
	if f == "" {
		f = "md"
		if strings.HasSuffix(strings.ToLower(*out), ".html") || strings.HasSuffix(strings.ToLower(*out), ".htm") {
			f = "html"
		}
	}
	if f != "md" && f != "html" {
		return usagef("--format %q: want md or html", f)
	}
	c := common{lang: *langFlag}
	lang, err := c.language()
	if err != nil {
		return err
	}
	p, err := loadPlan(*planFile)
	if err != nil {
		return err
	}
	var win metrics.Window
	if *baseline != "" {
		a, b, ok := strings.Cut(*baseline, ",")
		from, err1 := parseDateTime(strings.TrimSpace(a))
		to, err2 := parseDateTime(strings.TrimSpace(b))
		if !ok || err1 != nil || err2 != nil {
			return usagef("--baseline %q: want FROM,TO", *baseline)
		}
		win = metrics.Window{From: from, To: to}
	}
	var influencers []string
	for _, in := range p.Influencers {
		influencers = append(influencers, string(in.Platform)+":"+in.Name)
		if in.AuthorID != "" {
			influencers = append(influencers, string(in.Platform)+":"+in.AuthorID)
		}
	}
	st, err := openReadOnly(ctx, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	w, closeOut, err := outputFile(*out, std)
	if err != nil {
		return err
	}
	deb, err := drillDebrief(ctx, st, lang)
	if err != nil {
		closeOut()
		return err
	}
	opts := report.Options{Lang: string(lang), Baseline: win, Influencers: influencers, Debrief: deb}
	if err := report.Render(ctx, w, reportSource{st, pos[0]}, opts, f); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

// drillDebrief scores the drill in st: as of drill.ScoreAt (the drill's
// end, or when the team left it), on the
// file's own mentions against the same drill's best and worst case up to
// that moment. The console when it closes and the report both call it, so
// they give the same score. It returns nil for a file that is not a drill,
// or whose scenario file is no longer at hand.
func drillDebrief(ctx context.Context, st *data.Store, lang i18n.Lang) (*score.Result, error) {
	id := meta(ctx, st, "drill.scenario")
	if id == "" {
		return nil, nil
	}
	sc, err := fileScenario(ctx, st)
	if err != nil {
		return nil, nil // an older file whose scenario file is no longer at hand: the report stands alone
	}
	seed, _ := strconv.ParseInt(meta(ctx, st, "drill.seed"), 10, 64)
	start, err := time.Parse(time.RFC3339, meta(ctx, st, "drill.start"))
	if err != nil {
		return nil, nil
	}
	// Where the drill stopped, as it recorded; a file that does not say
	// (an older one, an interrupted run) stopped at the last thing in it.
	stop, err := time.Parse(time.RFC3339Nano, meta(ctx, st, "drill.until"))
	if err != nil {
		if _, stop, err = st.TimeRange(ctx); err != nil {
			return nil, err
		}
	}
	end := drill.ScoreAt(sc, start, stop)
	events, err := st.Events(ctx, time.Time{}, time.Time{})
	if err != nil {
		return nil, err
	}
	state, _ := model.Fold(events, end)
	var sent score.Sentiment
	// A drill's mentions are posted as they arrive (CreatedAt is their
	// IngestedAt), and the brief pass reads the one without the text.
	err = st.EachMentionBrief(ctx, func(m *model.Mention) error {
		sent.Actual.Add(m.CreatedAt, end, m.Negative)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("debrief: read mentions: %w", err)
	}
	c := classify.New()
	sent.Best, sent.Worst, err = drill.Cases(ctx, sc, seed, start, end, func(m *model.Mention) bool {
		c.Classify(m)
		return m.Negative
	})
	if err != nil {
		return nil, err
	}
	res := score.Debrief(state, end, &sent, string(lang))
	res.Start, res.Length = start, sc.Duration
	return &res, nil
}

// meta reads a file's meta value; "" when it has none.
func meta(ctx context.Context, st *data.Store, key string) string {
	v, _ := st.Meta(ctx, key)
	return v
}

// debriefFile prints the debrief of the drill in the file at path.
func debriefFile(ctx context.Context, path string, w io.Writer, lang i18n.Lang) error {
	st, err := data.OpenReadOnly(path)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := drillDebrief(ctx, st, lang)
	if err != nil || res == nil {
		return err
	}
	printDebrief(w, res, lang)
	return nil
}

const exportUsage = `Usage: warroom export FILE --what mentions|alerts|events|tasks [flags]

Exports a table of an incident file (opened read-only) as CSV (RFC 4180;
--bom for spreadsheet programs that need it to read Chinese) or JSON Lines.
Mentions are exported with their raw text as received; on a terminal (no -o,
not piped) escape sequences and controls are removed first.

Flags:
`

func cmdExport(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	what := fs.String("what", "mentions", "mentions, alerts, events or tasks")
	format := fs.String("format", "csv", "csv or jsonl")
	bom := fs.Bool("bom", false, "start CSV with a UTF-8 byte order mark (for Excel)")
	out := fs.String("o", "", "output file (default: standard output)")
	pos, err := parseArgs(fs, exportUsage, args, std)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export takes one incident FILE")
	}
	if *format != "csv" && *format != "jsonl" {
		return usagef("--format %q: want csv or jsonl", *format)
	}
	switch *what {
	case "mentions", "alerts", "events", "tasks":
	default:
		return usagef("--what %q: want mentions, alerts, events or tasks", *what)
	}
	st, err := openReadOnly(ctx, pos[0])
	if err != nil {
		return err
	}
	defer st.Close()
	w, closeOut, err := outputFile(*out, std)
	if err != nil {
		return err
	}
	switch *what {
	case "mentions":
		err = report.ExportMentions(ctx, w, reportSource{st, pos[0]}, *format, *bom)
	case "alerts":
		var as []*model.Alert
		if as, err = st.Alerts(ctx, time.Time{}); err == nil {
			err = report.ExportAlerts(w, as, *format, *bom)
		}
	case "events":
		var evs []model.Event
		if evs, err = st.Events(ctx, time.Time{}, time.Time{}); err == nil {
			err = report.ExportEvents(w, evs, *format, *bom)
		}
	case "tasks":
		var ts []*model.Task
		if ts, err = st.Tasks(ctx); err == nil {
			err = report.ExportTasks(w, ts, *format, *bom)
		}
	}
	return errors.Join(err, closeOut())
}

// ---- warroom plan ----

const planUsage = `Usage: warroom plan check FILE
       warroom plan show [FILE]
       warroom plan init [FILE]

check validates a crisis plan and lists every problem with its line and
field (exit 2 when there is one); show prints a plan (default: the
built-in one) readably, for people, not as TOML; init writes the built-in
sample plan as a commented TOML file to start your own from, to FILE (never
over an existing one) or to stdout.

Flags:
`

func cmdPlan(ctx context.Context, args []string, std stdio) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	langFlag := fs.String("lang", "", "en or zh (default from LANG)")
	pos, err := parseArgs(fs, planUsage, args, std)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("plan: say check FILE, show [FILE] or init [FILE]")
	}
	c := common{lang: *langFlag}
	lang, err := c.language()
	if err != nil {
		return err
	}
	switch pos[0] {
	case "check":
		if len(pos) != 2 {
			return usagef("plan check takes one FILE")
		}
		p, err := loadPlan(pos[1])
		if err != nil {
			return err
		}
		if _, err := alertRules(p); err != nil {
			return err
		}
		fmt.Fprintf(std.out, "%s: ok: %d scenarios, %d people, %d influencers\n", pos[1], len(p.Scenarios), len(p.Team), len(p.Influencers))
		return nil
	case "show":
		if len(pos) > 2 {
			return usagef("plan show takes at most one FILE")
		}
		file := ""
		if len(pos) == 2 {
			file = pos[1]
		}
		p, err := loadPlan(file)
		if err != nil {
			return err
		}
		return plan.Format(std.out, p, string(lang))
	case "init":
		if len(pos) > 2 {
			return usagef("plan init takes at most one FILE")
		}
		if len(pos) == 1 {
			_, err := std.out.Write(plan.DefaultSource())
			return err
		}
		return writeNew(pos[1], plan.DefaultSource(), std)
	}
	return usagef("plan: unknown subcommand %q (check, show or init)", pos[0])
}

// writeNew writes a file that must not exist yet: a plan being started is
// never written over one someone has already edited.
func writeNew(name string, src []byte, std stdio) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("plan init: %s already exists; name a new file, or move that one away first", name)
	}
	if err != nil {
		return fmt.Errorf("plan init: %w", err)
	}
	_, err = f.Write(src)
	if err := errors.Join(err, f.Close()); err != nil {
		return fmt.Errorf("plan init: write %s: %w", name, err)
	}
	fmt.Fprintf(std.out, "%s: the sample plan; edit it, then `warroom plan check %s`\n", name, name)
	return nil
}

func (r reportSource) EachMentionBrief(ctx context.Context, fn func(*model.Mention) error) error {
	return r.st.EachMentionBrief(ctx, fn)
}

func (r reportSource) MentionsByID(ctx context.Context, ids []int64) ([]*model.Mention, error) {
	return r.st.MentionsByID(ctx, ids)
}
