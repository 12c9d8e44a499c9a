package report

import (
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/zonebrief/zonebrief/report/calendar"
)

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		in, name string
		issue    int
		err      bool
	}{
		{"2023-06", "2023-06", 6, false},
		{"2023-06-12..2023-06-18", "2023-W24", 24, false},
		{"2023-06-01..2023-06-19", "2023-06-01..2023-06-19", 170, false},
		{"2023-06-19", "2023-06-19..2023-06-19", 170, false},
		{"2023-06-19..2023-06-01", "", 0, true},
		{"June", "", 0, true},
	} {
		p, err := ParsePeriod(c.in)
		if (err != nil) != c.err {
			t.Errorf("%q: err %v", c.in, err)
			continue
		}
		if err == nil && (p.String() != c.name || p.Issue() != c.issue) {
			t.Errorf("%q: %s, issue %d; want %s, %d", c.in, p, p.Issue(), c.name, c.issue)
		}
	}
}

func TestValueYAML(t *testing.T) {
	for _, c := range []struct {
		v    Value
		yaml string
	}{
		{Single(193), "193\n"}, {Single(3.3), "3.3\n"}, {Range(1, 2), "[1, 2]\n"}, {Single(19300000000), "19300000000\n"},
	} {
		b, err := yaml.Marshal(c.v)
		if err != nil || string(b) != c.yaml {
			t.Errorf("%v: %q %v", c.v, b, err)
		}
		var back Value
		if err := yaml.Unmarshal(b, &back); err != nil || back != c.v {
			t.Errorf("%q: %v %v", b, back, err)
		}
	}
	var v Value
	if err := yaml.Unmarshal([]byte("[5, 1]"), &v); err == nil {
		t.Error("a range with low above high must be refused")
	}
}

func TestBuild(t *testing.T) {
	ind := func(metric string, v float64, unit, base string, bv float64, year int, st Status) Indicator {
		return Indicator{Metric: metric, Value: Single(v), Unit: unit, BaseValue: Single(bv), BaseUnit: base, Bound: BoundExact, Status: st, Year: year}
	}
	docs := []Document{{
		Source: Source{File: "a.txt", Publication: "导报", Date: MustDate("2023-06-19")},
		Items: []Item{
			{ID: "a-1", Zone: "肇庆高新区", Date: MustDate("2023-06-15"), Headline: "新局", Indicators: []Indicator{
				ind("汽车产业年产值", 193, "亿元", "元", 1.93e10, 2020, StatusActual),
				ind("汽车产业年产值", 317, "亿元", "元", 3.17e10, 2021, StatusActual),
				ind("汽车产业年产值", 800, "亿元", "元", 8e10, 2023, StatusForecast),
				ind("增长", 65, "%", "%", 65, 2022, StatusActual),
				ind("企业", 80, "家", "家", 80, 0, StatusActual),
			}},
			{ID: "b-1", Zone: "西安高新区", Date: MustDate("2023-06-15")},
			{ID: "a-2", Zone: "肇庆高新区", Date: MustDate("2023-05-01")},
		},
	}}
	p, _ := ParsePeriod("2023-06")
	b := Build(docs, ZoneInfo{ShortName: "肇庆高新区", Slug: "zhaoqing"}, p)
	if len(b.Items) != 1 || b.Items[0].Publication != "导报" || b.Issue != 6 {
		t.Fatalf("items %d, issue %d", len(b.Items), b.Issue)
	}
	if len(b.Trends) != 1 || len(b.Trends[0].Points) != 3 || b.Trends[0].Points[2].Status != StatusForecast {
		t.Errorf("trends %+v", b.Trends)
	}
	if len(b.KeyFigures) != 3 || b.KeyFigures[0].BaseUnit != "元" || b.KeyFigures[1].BaseUnit != "%" {
		t.Errorf("key figures %+v", b.KeyFigures)
	}
	if z := ZonesIn(docs, p); len(z) != 2 {
		t.Errorf("zones %v", z)
	}
}

func TestPeriodSpec(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	fire := time.Date(2023, 6, 19, 8, 0, 0, 0, sh) // a Monday
	for spec, want := range map[string]string{
		"last-week":              "2023-W24",
		"last-month":             "2023-05",
		"month-to-date":          "2023-06-01..2023-06-18",
		"last-7-days":            "2023-W24", // on a Monday the last seven days are last week
		"2023-06-01..2023-06-30": "2023-06",
	} {
		ps, err := ParsePeriodSpec(spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := ps.At(fire).String(); got != want {
			t.Errorf("%s at %v = %s, want %s", spec, fire, got, want)
		}
	}
	if _, err := ParsePeriodSpec("fortnight"); err == nil {
		t.Error("fortnight accepted")
	}
	first := time.Date(2023, 7, 1, 0, 30, 0, 0, sh)
	if got := (PeriodSpec{kind: PeriodMonthToDate}).At(first).String(); got != "2023-07-01..2023-07-01" {
		t.Errorf("month-to-date on the 1st: %s", got)
	}
}

// last-workweek: the working days of the week before (调休 Saturdays in,
// holidays out), or of the week before that when it had none.
func TestPeriodSpecLastWorkweek(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	cal, err := calendar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ParsePeriodSpec("last-workweek")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		fire time.Time
		want string
	}{
		// 国庆 2026: 5–7 October off, Saturday 10 October worked.
		{time.Date(2026, 10, 12, 9, 0, 0, 0, sh), "2026-10-08..2026-10-10"},
		// 春节 2026: 16–22 February all off; the week before had Saturday 14 worked.
		{time.Date(2026, 2, 24, 9, 0, 0, 0, sh), "2026-02-09..2026-02-14"},
		// An ordinary week.
		{time.Date(2026, 6, 29, 9, 0, 0, 0, sh), "2026-06-22..2026-06-26"},
	} {
		if got := ps.AtWith(tt.fire, cal.IsWorkday).String(); got != tt.want {
			t.Errorf("last-workweek at %s = %s, want %s", tt.fire.Format(time.DateOnly), got, tt.want)
		}
	}
	if got := ps.At(time.Date(2026, 10, 12, 9, 0, 0, 0, sh)).String(); got != "2026-10-05..2026-10-09" {
		t.Errorf("last-workweek without a calendar = %s, want Monday to Friday", got)
	}
}
