package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/zonebrief/zonebrief/report"
	"github.com/zonebrief/zonebrief/report/pdf"
)

func Example() {
	// Parse the embedded fonts once per process and share them.
	fonts, err := pdf.EmbeddedFonts()
	if err != nil {
		log.Fatal(err)
	}
	r, err := pdf.NewRenderer(pdf.DefaultLayout(), pdf.Options{
		Issuer:       "某某市科技局",
		Distribution: []string{"报：省科技厅", "送：各高新区管委会"},
		Copies:       40,
		Fonts:        fonts,
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	june, _ := report.ParsePeriod("2023-06")
	docs := []report.Document{{
		Source: report.Source{File: "page.txt", Publication: "中国高新技术产业导报", Date: report.MustDate("2023-06-19")},
		Items: []report.Item{{
			ID: "2023-06-19-haikou-1", Zone: "海口高新区", Kind: report.KindArticle,
			Headline: "知识产权服务业集聚区揭牌", Date: report.MustDate("2023-06-14"),
			Body: "6月14日，海口知识产权服务业集聚区在海口药谷生物医药创新综合体揭牌。目前，该集聚区已引进16家单位。",
		}},
	}}
	b := report.Build(docs, report.ZoneInfo{Name: "海口国家高新技术产业开发区", ShortName: "海口高新区", Slug: "haikou"}, june)

	var out bytes.Buffer // in a program: OUT/2023-06/haikou.pdf
	res, err := r.Briefing(context.Background(), b, &out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Pages, "page,", len(res.Missing), "missing characters, starts with", out.String()[:8])
	// Output: 1 page, 0 missing characters, starts with %PDF-1.3
}

func ExampleLoadLayout() {
	_, err := pdf.LoadLayout("mine.yaml", []byte("extends: briefing\nfonts:\n  body: {size: tiny}\ncolour: red\n"))
	fmt.Println(err)
	// Output:
	// mine.yaml:3: fonts.body.size: want a number, got "tiny"
	// mine.yaml:4: colour: unknown field (known: name, extends, description, page, fonts, fallback, colors, sections, masthead, key_figures, items, trends, colophon, footer, max_pages)
}
