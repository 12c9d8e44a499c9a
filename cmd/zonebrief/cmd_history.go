package main

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/ledger"
)

func openLedger(ctx context.Context, e env, cfgPath string) (*ledger.Ledger, config.Config, error) {
	cfg, err := config.LoadOrDefault(cfgPath)
	if err != nil {
		return nil, cfg, usageError{err}
	}
	l, err := openState(ctx, e, cfg)
	return l, cfg, err
}

// openState opens the ledger the config names: an SQLite file or a
// PostgreSQL database.
func openState(ctx context.Context, e env, cfg config.Config) (*ledger.Ledger, error) {
	state, pwFile := cfg.StateOptions()
	return ledger.OpenWith(ctx, ledger.Options{State: state, PasswordFile: pwFile, Log: e.log})
}

func runHistory(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "history", "[--config F] [--job J] [--limit N] [--run ID]")
	cfgPath := fs.String("config", "", "config file (default ./config.yaml when present)")
	job := fs.String("job", "", "only this job")
	limit := fs.Int("limit", 20, "how many runs")
	runID := fs.Int64("run", 0, "show one run's deliveries in full")
	if rest, err := parseInterspersed(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("history takes no arguments")
	}
	l, _, err := openLedger(ctx, e, *cfgPath)
	if err != nil {
		return err
	}
	defer l.Close()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	defer tw.Flush()
	if *runID > 0 {
		ds, err := l.Deliveries(ctx, *runID)
		if err != nil {
			return err
		}
		fmt.Fprintln(tw, "DELIVERY\tZONE\tRECIPIENT\tSTATUS\tATTEMPTS\tBYTES\tUPDATED\tLAST ERROR")
		for _, d := range ds {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", d.ID, firstNonEmpty(d.Zone, "-"), d.Recipient, d.Status, d.Attempts, d.Size, stamp(d.Updated), d.LastError)
		}
		return nil
	}
	runs, err := l.Runs(ctx, *job, *limit)
	if err != nil {
		return err
	}
	fmt.Fprintln(tw, "RUN\tJOB\tPERIOD\tSCHEDULED\tSTATUS\tSENT\tPENDING\tFAILED\tERROR")
	for _, r := range runs {
		ds, err := l.Deliveries(ctx, r.ID)
		if err != nil {
			return err
		}
		n := map[report.DeliveryStatus]int{}
		for _, d := range ds {
			n[d.Status]++
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", r.ID, r.Job, r.Period, stamp(r.Scheduled), r.Status,
			n[report.DeliverySent], n[report.DeliveryPending]+n[report.DeliverySending], n[report.DeliveryFailed], r.Error)
	}
	return nil
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

func runResend(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "resend", "--run ID [--config F]")
	cfgPath := fs.String("config", "", "config file (default ./config.yaml when present)")
	runID := fs.String("run", "", "the run whose failed deliveries go back in the queue (zonebrief history lists runs)")
	if rest, err := parseInterspersed(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usagef("resend takes no arguments")
	}
	id, err := strconv.ParseInt(*runID, 10, 64)
	if err != nil || id <= 0 {
		return usagef("--run: want a run id from zonebrief history")
	}
	l, _, err := openLedger(ctx, e, *cfgPath)
	if err != nil {
		return err
	}
	defer l.Close()
	if _, err := l.Run(ctx, id); err != nil {
		return usagef("run %d: %v", id, err)
	}
	n, err := l.Requeue(ctx, id, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d failed deliveries of run %d queued again; a running zonebrief serve sends them (or zonebrief run --job … --send)\n", n, id)
	return nil
}
