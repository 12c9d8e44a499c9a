package ledger

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/zonebrief/zonebrief/report"
)

const runColumns = `id, job, period, scheduled, started, finished, status, error, owner`

func scanRun(row interface{ Scan(...any) error }) (report.Run, error) {
	var (
		r                            report.Run
		scheduled, started, finished sql.NullInt64
		status                       string
	)
	if err := row.Scan(&r.ID, &r.Job, &r.Period, &scheduled, &started, &finished, &status, &r.Error, &r.Owner); err != nil {
		return report.Run{}, err
	}
	r.Scheduled, r.Started, r.Finished = unstamp(scheduled), unstamp(started), unstamp(finished)
	r.Status = report.RunStatus(status)
	return r, nil
}

// StartRun records that job fires for period, in status running. There is
// at most one run per (job, period): when it already exists (an earlier
// firing, a catch-up, another process), StartRun changes nothing and returns
// that run with created=false.
func (l *Ledger) StartRun(ctx context.Context, job, period string, scheduled time.Time, owner string, now time.Time) (report.Run, bool, error) {
	if job == "" || period == "" {
		return report.Run{}, false, fmt.Errorf("ledger: start run: job %q and period %q must not be empty", job, period)
	}
	sched, err := stamp("scheduled", scheduled)
	if err != nil {
		return report.Run{}, false, err
	}
	started, err := stamp("start", now)
	if err != nil {
		return report.Run{}, false, err
	}
	var (
		run     report.Run
		created bool
	)
	err = l.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (job, period, scheduled, started, status, owner)
			VALUES (?, ?, ?, ?, 'running', ?) ON CONFLICT (job, period) DO NOTHING`,
			job, period, sched, started, owner)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		created = n == 1
		run, err = scanRun(tx.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE job = ? AND period = ?`, job, period))
		return err
	})
	if err != nil {
		return report.Run{}, false, fmt.Errorf("ledger: start run %s %s: %w", job, period, err)
	}
	return run, created, nil
}

// FinishRun sets a run's final status (done or failed), its error message
// (kept short, secrets redacted) and its finish time. A run may be finished
// again: a failed run that is taken over and redone ends done.
func (l *Ledger) FinishRun(ctx context.Context, runID int64, status report.RunStatus, errMsg string, now time.Time) error {
	if status != report.RunDone && status != report.RunFailed {
		return fmt.Errorf("ledger: finish run %d: status %q is not %q or %q", runID, status, report.RunDone, report.RunFailed)
	}
	fin, err := stamp("finish", now)
	if err != nil {
		return err
	}
	err = l.write(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE runs SET status = ?, error = ?, finished = ? WHERE id = ?`,
			string(status), clean(errMsg), fin, runID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("run %d: %w", runID, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("ledger: finish run %d: %w", runID, err)
	}
	return nil
}

// Run returns the run with the given id, or an error wrapping ErrNotFound.
func (l *Ledger) Run(ctx context.Context, id int64) (report.Run, error) {
	r, err := scanRun(l.queryRow(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return report.Run{}, fmt.Errorf("ledger: run %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return report.Run{}, fmt.Errorf("ledger: run %d: %w", id, err)
	}
	return r, nil
}

// LastRun returns job's run with the latest Scheduled time (the highest id
// among equals); ok is false when job has never run. Catch-up starts from it.
func (l *Ledger) LastRun(ctx context.Context, job string) (report.Run, bool, error) {
	r, err := scanRun(l.queryRow(ctx,
		`SELECT `+runColumns+` FROM runs WHERE job = ? ORDER BY scheduled DESC, id DESC LIMIT 1`, job))
	if errors.Is(err, sql.ErrNoRows) {
		return report.Run{}, false, nil
	}
	if err != nil {
		return report.Run{}, false, fmt.Errorf("ledger: last run of %s: %w", job, err)
	}
	return r, true, nil
}

// Runs returns job's runs, or every job's when job is "", newest first (by
// Scheduled, then by id), at most limit of them; limit <= 0 means all.
func (l *Ledger) Runs(ctx context.Context, job string, limit int) ([]report.Run, error) {
	q, args := `SELECT `+runColumns+` FROM runs`, []any{}
	if job != "" {
		q, args = q+` WHERE job = ?`, append(args, job)
	}
	q += ` ORDER BY scheduled DESC, id DESC`
	if limit > 0 {
		q, args = q+` LIMIT ?`, append(args, limit)
	}
	rows, err := l.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("ledger: runs: %w", err)
	}
	defer rows.Close()
	var out []report.Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("ledger: runs: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: runs: %w", err)
	}
	return out, nil
}

// LastSuccess returns, per job, the Finished time of its latest done run
// (for metrics). Jobs without a done run are absent.
func (l *Ledger) LastSuccess(ctx context.Context) (map[string]time.Time, error) {
	rows, err := l.query(ctx, `SELECT job, max(finished) FROM runs WHERE status = 'done' AND finished IS NOT NULL GROUP BY job`)
	if err != nil {
		return nil, fmt.Errorf("ledger: last success: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var (
			job string
			fin sql.NullInt64
		)
		if err := rows.Scan(&job, &fin); err != nil {
			return nil, fmt.Errorf("ledger: last success: %w", err)
		}
		out[job] = unstamp(fin)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ledger: last success: %w", err)
	}
	return out, nil
}
