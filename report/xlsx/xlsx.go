package xlsx

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/zonebrief/zonebrief/report"
)

// The sheets of a workbook, in tab order.
const (
	sheetSummary    = "概览"
	sheetIndicators = "指标"
	sheetItems      = "动态"
	sheetTrends     = "趋势"
)

// DefaultMaxLinks is how many hyperlinks a sheet gets at most when
// Options.MaxLinks is 0: Excel's limit. Links past it are left out and
// counted in Stats.LinksOmitted.
const DefaultMaxLinks = 65530

// Options tune a workbook. The zero value is ready to use.
type Options struct {
	// Creator is the author in the document properties; default "zonebrief".
	Creator string
	// Title is the workbook's title, shown in the summary sheet and the
	// document properties; default "<zone> 动态与指标 <period>" or
	// "高新区动态与指标 <period>".
	Title string
	// MaxLinks caps the hyperlinks of one sheet (see DefaultMaxLinks).
	MaxLinks int
	// TmpDir is where the streamed sheets spill once they pass 16 MB;
	// default os.TempDir(). The files are removed before return.
	TmpDir string
}

// Stats says what a workbook holds and what had to be changed to write it.
type Stats struct {
	Rows                int // rows of the 指标 sheet: one per indicator
	Items               int // rows of the 动态 sheet: one per item
	Zones               int // zones with a row in the summary
	Trends              int // zone × year tables on the 趋势 sheet
	Charts              int // native charts
	IllegalCharsRemoved int // characters XML forbids, removed from corpus text
	Truncated           int // texts cut at Excel's 32,767 characters a cell
	NonFinite           int // NaN or infinite values left as empty cells
	LinksOmitted        int // hyperlinks left out over Options.MaxLinks
}

// Zone writes one zone's workbook for the briefing's period to w.
//
// The workbook has four sheets: 概览 (summary), 指标 (one row per
// indicator), 动态 (one row per item) and 趋势 (zone × year tables and
// charts). Nothing in it depends on the clock: the same briefing gives the
// same bytes.
func Zone(ctx context.Context, b report.Briefing, opts Options, w io.Writer) (Stats, error) {
	if opts.Title == "" {
		opts.Title = strings.TrimSpace(zoneLabel(b.Zone) + " 动态与指标 " + b.Period.String())
	}
	return write(ctx, []report.Briefing{b}, b.Period, opts, false, w)
}

// All writes the all-zones workbook for period p to w; bs are the period's
// briefings, one per zone, in the order their rows should appear. Each
// briefing must be for p. The 指标 and 动态 sheets are streamed: besides
// excelize's stream buffers (at most 32 MB each, then temporary files) the
// writer keeps a few words per item and nothing per indicator; the summary
// and trend sheets grow with the zones and metrics.
func All(ctx context.Context, bs []report.Briefing, p report.Period, opts Options, w io.Writer) (Stats, error) {
	for _, b := range bs {
		if b.Period != p {
			return Stats{}, fmt.Errorf("xlsx: briefing of %s is for %s, not %s", zoneLabel(b.Zone), b.Period, p)
		}
	}
	if opts.Title == "" {
		opts.Title = "高新区动态与指标 " + p.String()
	}
	return write(ctx, bs, p, opts, true, w)
}

// book is one workbook being written.
type book struct {
	ctx    context.Context
	f      *excelize.File
	opts   Options
	period report.Period
	all    bool // the all-zones workbook
	bs     []report.Briefing
	st     *styles
	clean  cleaner // for 指标 and 动态, where each corpus field appears once
	quiet  cleaner // for the summary, trends and properties, which repeat fields; not counted
	stats  Stats
	plan   plan
}

func write(ctx context.Context, bs []report.Briefing, p report.Period, opts Options, all bool, w io.Writer) (st Stats, err error) {
	if opts.Creator == "" {
		opts.Creator = "zonebrief"
	}
	if opts.MaxLinks <= 0 {
		opts.MaxLinks = DefaultMaxLinks
	}
	f := excelize.NewFile(excelize.Options{TmpDir: opts.TmpDir})
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("xlsx: removing temporary files: %w", cerr)
		}
	}()
	bk := &book{ctx: ctx, f: f, opts: opts, period: p, all: all, bs: bs, st: newStyles(f)}
	bk.plan = bk.makePlan()
	if n := max(bk.plan.rows, len(bk.plan.items)); n >= excelize.TotalRows {
		return Stats{}, fmt.Errorf("xlsx: %d rows do not fit one sheet (Excel's limit is %d): write a shorter period", n, excelize.TotalRows-1)
	}
	bk.linkPlan()
	steps := []struct {
		name string
		fn   func() error
	}{
		{"sheets", bk.addSheets},
		{sheetIndicators, bk.writeIndicators},
		{sheetItems, bk.writeItems},
		{sheetTrends, bk.writeTrends},
		{sheetSummary, bk.writeSummary},
		{"properties", bk.writeProps},
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return bk.stats, fmt.Errorf("xlsx: %w", err)
		}
		if err := s.fn(); err != nil {
			return bk.stats, fmt.Errorf("xlsx: %s: %w", s.name, err)
		}
		if err := bk.st.err(); err != nil {
			return bk.stats, err
		}
	}
	bk.stats.IllegalCharsRemoved = bk.clean.illegal
	bk.stats.Truncated = bk.clean.truncated
	// excelize builds the whole file in a buffer unless it is given a zip
	// writer: this one writes straight to w, in a stable order.
	ind, items := bk.sheetPath(sheetIndicators), bk.sheetPath(sheetItems)
	splice := map[string]func(io.Writer) error{ind: bk.indicatorLinks, items: bk.itemLinks}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return newPackageWriter(w, opts.TmpDir, []string{ind, items}, splice)
	})
	if err := f.Write(io.Discard); err != nil {
		return bk.stats, fmt.Errorf("xlsx: writing workbook: %w", err)
	}
	return bk.stats, nil
}

// addSheets creates the sheets in tab order, the summary first and active.
func (bk *book) addSheets() error {
	if err := bk.f.SetSheetName("Sheet1", sheetSummary); err != nil {
		return err
	}
	for _, name := range []string{sheetIndicators, sheetItems, sheetTrends} {
		if _, err := bk.f.NewSheet(name); err != nil {
			return err
		}
	}
	bk.f.SetActiveSheet(0)
	return nil
}

// writeProps sets the document properties. Created and modified are the
// period's last day, so a rerun gives the same bytes.
func (bk *book) writeProps() error {
	stamp := bk.period.To.UTC().Format(time.RFC3339)
	if bk.period.To.IsZero() {
		stamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	subject := "全部高新区 " + bk.period.String() + " 动态与指标"
	if !bk.all && len(bk.bs) == 1 {
		subject = strings.TrimSpace(zoneLabel(bk.bs[0].Zone) + " " + bk.period.String() + " 动态与指标")
	}
	err := bk.f.SetDocProps(&excelize.DocProperties{
		Title:          bk.quiet.text(bk.opts.Title),
		Subject:        bk.quiet.text(subject),
		Creator:        bk.quiet.text(bk.opts.Creator),
		LastModifiedBy: bk.quiet.text(bk.opts.Creator),
		Created:        stamp,
		Modified:       stamp,
		Keywords:       "高新区; 指标; " + bk.period.String(),
		Description:    fmt.Sprintf("%d 个高新区，%d 条动态，%d 个指标", bk.stats.Zones, bk.stats.Items, bk.stats.Rows),
		Category:       "高新区简报",
		Language:       "zh-CN",
	})
	if err != nil {
		return err
	}
	return bk.f.SetAppProps(&excelize.AppProperties{Application: "zonebrief", Company: ""})
}

// sheetPath is the part name excelize gives the worksheet called name.
func (bk *book) sheetPath(name string) string {
	for id, n := range bk.f.GetSheetMap() {
		if n == name {
			return "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
		}
	}
	return ""
}

// zoneLabel is the name a zone goes by in titles.
func zoneLabel(z report.ZoneInfo) string {
	if z.ShortName != "" {
		return z.ShortName
	}
	return z.Name
}

// checkCtx is called every so many rows of a long loop.
func (bk *book) checkCtx() error { return bk.ctx.Err() }
