// Command zonebrief reads newspaper pages about China's national high-tech
// zones into a structured corpus and renders briefings from it.
//
// main only parses the command line, sets up logging and signals, and calls
// the command's runX function; everything else lives under report/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"syscall"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks an error caused by bad flags, arguments or input: exit 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// env is what every command gets from main.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
	getenv         func(string) string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() map[string]command {
	cs := []command{
		{"ingest", "turn raw page text into corpus files", runIngest},
		{"extract", "print every number found in text on stdin as JSON lines", runExtract},
		{"check", "validate corpus files (and layouts, config) and report every problem", runCheck},
		{"zones", "list the zone gazetteer", runZones},
		{"run", "render briefing PDFs and indicator workbooks for a period, or run a job (--job)", runRun},
		{"serve", "the daemon: run the config's jobs on schedule and deliver their mail", runServe},
		{"history", "list runs and deliveries from the ledger", runHistory},
		{"resend", "queue a run's failed deliveries again", runResend},
		{"synth", "write the synthetic year corpus the scale benchmarks use", runSynth},
		{"calendar", "print a year's holidays and 调休 working days as the daemon sees them", runCalendar},
	}
	m := map[string]command{}
	for _, c := range cs {
		m[c.name] = c
	}
	return m
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startCPUProfile(os.Getenv("ZONEBRIEF_CPUPROFILE"), os.Stderr)
	code := run(ctx, env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		log:    newLogger(os.Stderr),
		getenv: os.Getenv,
	}, os.Args[1:])
	stop()
	stopProfile()
	os.Exit(code)
}

// startCPUProfile writes a CPU profile of the whole command to path (the
// operator's ZONEBRIEF_CPUPROFILE; read it with go tool pprof) and returns
// what stops it. An empty path profiles nothing; a path that cannot be
// written is reported and the command runs unprofiled.
func startCPUProfile(path string, stderr io.Writer) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "zonebrief: ZONEBRIEF_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(stderr, "zonebrief: ZONEBRIEF_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(stderr, "zonebrief: ZONEBRIEF_CPUPROFILE: %v\n", err)
		}
	}
}

func newLogger(w io.Writer) *slog.Logger {
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return slog.New(slog.NewTextHandler(w, nil))
		}
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

// run dispatches to a command and maps its error to an exit code.
func run(ctx context.Context, e env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := cmds[args[1]]; ok {
				return run(ctx, e, []string{c.name, "--help"})
			}
		}
		printUsage(e.stdout, cmds)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "zonebrief: unknown command %q\n\n", args[0])
		printUsage(e.stderr, cmds)
		return exitUsage
	}
	err := c.run(ctx, e, args[1:])
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	}
	fmt.Fprintf(e.stderr, "zonebrief %s: %v\n", c.name, err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFailure
}

func printUsage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "zonebrief: briefings on China's national high-tech zones from newspaper pages")
	fmt.Fprintln(w, "\nUsage: zonebrief <command> [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'zonebrief <command> --help' for a command's flags.")
	fmt.Fprintln(w, "Exit codes: 0 ok, 1 failure, 2 usage or bad input.")
}

// newFlags makes a FlagSet that writes its usage to e.stderr and returns
// errors instead of exiting.
func newFlags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: zonebrief %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	return nil
}

// parseInterspersed parses flags that may stand before, between or after
// the positional arguments (zonebrief ingest page.txt --date 2023-06-19).
// "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
