package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/zonebrief/zonebrief/report/ingest"
	"github.com/zonebrief/zonebrief/report/label"
	"github.com/zonebrief/zonebrief/report/quantity"
)

// extractRecord is one line of `zonebrief extract` output.
type extractRecord struct {
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Value     any     `json:"value"`
	Unit      string  `json:"unit"`
	BaseValue any     `json:"base_value"`
	BaseUnit  string  `json:"base_unit"`
	Bound     string  `json:"bound"`
	Status    string  `json:"status"`
	Year      *int    `json:"year"`
	Indicator bool    `json:"indicator"`
	Reason    string  `json:"reason,omitempty"`
	Metric    string  `json:"metric,omitempty"`
	Subject   string  `json:"subject,omitempty"`
	Clause    *[2]int `json:"clause,omitempty"`
}

func runExtract(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "extract", "[--year YYYY] < text")
	year := fs.Int("year", time.Now().Year(), "the year of publication: 今年 means this year, 去年 the one before")
	maxSize := fs.Int("max-size", ingest.DefaultMaxSize, "largest input in bytes")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("extract reads standard input and takes no file arguments (got %q)", rest[0])
	}
	raw, err := io.ReadAll(io.LimitReader(e.stdin, int64(*maxSize)+1))
	if err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	text, _, err := ingest.Decode(raw, *maxSize)
	if err != nil {
		return usageError{fmt.Errorf("standard input: %w", err)}
	}
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	qs := quantity.Extract(text, quantity.Options{Year: *year})
	labels := label.Default().Text(text, qs) // loads the segmenter: only this command and ingest pay for it
	for i, q := range qs {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec := extractRecord{
			Text: q.Text, Start: q.Start, End: q.End,
			Value: jsonValue(q.Value.Lo, q.Value.Hi, q.Value.IsRange), Unit: q.Unit,
			BaseValue: jsonValue(q.BaseValue.Lo, q.BaseValue.Hi, q.BaseValue.IsRange), BaseUnit: q.BaseUnit,
			Bound: string(q.Bound), Status: string(q.Status), Indicator: q.Indicator, Reason: q.Reason,
			Metric: labels[i].Metric, Subject: labels[i].Subject,
		}
		if q.Year != 0 {
			y := q.Year
			rec.Year = &y
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return w.Flush()
}

func jsonValue(lo, hi float64, isRange bool) any {
	if isRange {
		return [2]float64{lo, hi}
	}
	return lo
}
