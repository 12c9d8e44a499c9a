package jobs

import (
	"strings"
	"testing"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/config"
	"github.com/zonebrief/zonebrief/report/zones"
)

func TestRecipientsFor(t *testing.T) {
	job := config.Job{Recipients: map[string][]string{
		"肇庆高新区":    {"m@zq.example.org", "Office@Example.org"},
		"zhaoqing": {"alias@zq.example.org"},
		"*":        {"office@example.org"},
	}}
	got := recipientsFor(job, "肇庆高新区", zones.Default())
	if strings.Join(got, ",") != "Office@Example.org,alias@zq.example.org,m@zq.example.org" {
		t.Errorf("肇庆: %v", got)
	}
	if got := recipientsFor(job, "西安高新区", zones.Default()); strings.Join(got, ",") != "office@example.org" {
		t.Errorf("西安: %v", got)
	}
}

func TestMessageIDStable(t *testing.T) {
	k := report.DeliveryKey{Job: "weekly", Zone: "肇庆高新区", Period: "2023-W24", Recipient: "A@x.org"}
	a, b := MessageID(k), MessageID(report.DeliveryKey{Job: "weekly", Zone: "肇庆高新区", Period: "2023-W24", Recipient: "a@x.org"})
	if a != b || !strings.HasPrefix(a, "<") || !strings.HasSuffix(a, "@zonebrief>") {
		t.Errorf("%s %s", a, b)
	}
	k.Period = "2023-W25"
	if MessageID(k) == a {
		t.Error("another period, the same Message-ID")
	}
}

func TestBodyEscapesAndSubjectRefusesBreaks(t *testing.T) {
	b := report.Briefing{
		Zone: report.ZoneInfo{ShortName: "肇庆高新区"}, Issue: 6,
		Items: []report.BriefItem{{Item: report.Item{Headline: "<script>alert(1)</script>新局", Body: "正文。"}}},
		KeyFigures: []report.Figure{{Indicator: report.Indicator{Metric: "产值", Value: report.Single(800), Unit: "亿元",
			Bound: report.BoundExact, Status: report.StatusForecast, Year: 2023}}},
	}
	text, html, err := Body(b, config.Job{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
		t.Errorf("HTML not escaped: %s", html)
	}
	if !strings.Contains(text, "产值：800亿元（2023年） 预计") {
		t.Errorf("text: %s", text)
	}
	if _, err := config.Subject(config.Job{}, "肇庆高新区\r\nBcc: evil@example.org", "2023-06"); err == nil {
		t.Error("a zone name with CR/LF made a subject")
	}
}
