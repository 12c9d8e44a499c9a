package synth

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/zonebrief/zonebrief/report"
)

// briefingHTML is a briefing as a printable web page: the same masthead,
// key figures, items (headline, kicker, byline, full body) and indicator
// tables the PDF renderer draws, in the same embedded font. It exists to
// time headless Chromium printing the same content as `zonebrief run`
// (README: "Benchmarks").
var briefingHTML = template.Must(template.New("b").Funcs(template.FuncMap{
	"paras": func(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") },
	"value": func(in report.Indicator) string { return in.Bound.Mark() + in.Value.String() + in.Unit },
}).Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
@font-face { font-family: "LXGW WenKai"; src: url("{{.FontURL}}"); }
@page { size: A4; margin: 25mm 20mm 22mm 20mm; }
body { font-family: "LXGW WenKai"; font-size: 11pt; line-height: 1.6; color: #111; }
h1 { color: #c00; text-align: center; font-size: 26pt; margin: 0; }
.issue { text-align: center; }
.issuer { display: flex; justify-content: space-between; border-bottom: 2px solid #c00; padding-bottom: 2mm; }
.tiles { display: flex; flex-wrap: wrap; gap: 3mm; margin: 4mm 0; }
.tile { border: 1px solid #ccc; background: #f6f1e8; padding: 2mm; width: 52mm; }
.tile b { display: block; font-size: 14pt; color: #c00; }
h2 { font-size: 15pt; margin: 5mm 0 1mm; }
.kicker { font-size: 12pt; margin: 4mm 0 0; }
.meta { color: #555; font-size: 9pt; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 2mm 0; }
td, th { border: 1px solid #aaa; padding: 1mm; }
.foot { border-top: 1px solid #000; margin-top: 6mm; font-size: 9pt; }
</style></head><body>
<h1>{{.Title}}</h1>
<div class="issue">{{.Year}}年第{{.Issue}}期</div>
<div class="issuer"><span>{{.Zone}}</span><span>{{.Date}}</span></div>
<div class="tiles">{{range .Briefings}}{{range .KeyFigures}}<div class="tile">{{.Metric}}<b>{{value .Indicator}}</b>{{if .Year}}{{.Year}}年{{end}} {{.Status.Mark}}</div>{{end}}{{end}}</div>
{{range .Briefings}}{{range .Items}}
<div class="kicker">{{.Kicker}}</div>
<h2>{{.Headline}}</h2>
<div class="meta">{{.Date}} 文/{{range .Authors}}{{.}} {{end}} 来源：{{.Publication}}</div>
{{range paras .Body}}<p>{{.}}</p>{{end}}
{{if .Indicators}}<table><tr><th>指标</th><th>数值</th><th>状态</th><th>年份</th><th>原文</th></tr>
{{range .Indicators}}<tr><td>{{.Metric}}</td><td>{{value .}}</td><td>{{.Status.Mark}}</td><td>{{.Year}}</td><td>{{.Text}}</td></tr>{{end}}</table>{{end}}
{{end}}{{end}}
<div class="foot">报：省科技厅　送：各园区管委会</div>
</body></html>
`))

// WriteHTML writes briefings (one zone's, or every zone's for an overview)
// as one printable page with the font at fontURL.
func WriteHTML(w io.Writer, title, zone string, p report.Period, bs []report.Briefing, fontURL string) error {
	err := briefingHTML.Execute(w, map[string]any{
		"Title": title, "Zone": zone, "Year": p.To.Year(), "Issue": p.Issue(), "Date": p.To.String(),
		"Briefings": bs, "FontURL": template.URL(fontURL),
	})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}
