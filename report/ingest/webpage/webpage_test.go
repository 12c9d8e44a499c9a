package webpage

import (
	"strings"
	"testing"
)

func TestHeadline(t *testing.T) {
	for _, c := range []struct{ name, page, want string }{
		{"h1 agreeing with title", `<html><head><title>锦州港吞吐量创新高_辽宁频道_新华网</title></head><body><h1><a href="/">新华网辽宁频道</a></h1><h1>锦州港吞吐量创新高</h1><p>正文。</p></body></html>`, "锦州港吞吐量创新高"},
		{"div.newst, no h1", `<html><head><title>建设区域中心城市的锦州之为-辽宁省人民政府</title></head><body><div class="newst">建设区域中心城市的锦州之为</div><div class="info">发布人：管理员 发布时间：2025-03-09</div></body></html>`, "建设区域中心城市的锦州之为"},
		{"og:title", `<html><head><meta property="og:title" content="兴安盟重点项目集中开工"><title>兴安盟</title></head><body><div class="nav">首页</div></body></html>`, "兴安盟重点项目集中开工"},
		{"title minus site", `<html><head><title>四川高新区上半年营收超1.39万亿元 | 四川日报</title></head><body><p>正文。</p></body></html>`, "四川高新区上半年营收超1.39万亿元"},
		{"chrome never", `<html><head><title>新闻中心</title></head><body><h1>发布时间：2023-04-06 来源：新华网</h1><div class="title">重庆集中签约超2000亿元重大招商项目</div></body></html>`, "重庆集中签约超2000亿元重大招商项目"},
		{"site name title, h1 headline", `<html><head><title>人民网</title></head><body><h1>呼和浩特市回民区举办重大项目集中开工动员大会</h1></body></html>`, "呼和浩特市回民区举办重大项目集中开工动员大会"},
	} {
		p, err := Parse(c.page)
		if err != nil {
			t.Fatal(err)
		}
		if p.Headline != c.want {
			t.Errorf("%s: headline %q, want %q", c.name, p.Headline, c.want)
		}
	}
}

func TestMainText(t *testing.T) {
	para := "锦州正以前所未有的力度发挥陆路、海路、航空、管道、网络等交通优势，推动港产城融创发展等“四规合一”，致力于构建全新发展格局。"
	page := `<html><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/a">今日辽宁</a></li></ul>
<div class="main"><h1>标题在这里的新闻</h1><div class="info">发布时间：2025年03月09日 来源：辽宁日报</div>
<div id="zoom"><p>` + para + `</p><p>` + para + `</p><p>第三段，锦州湾机场开通多条航线。</p></div>
<div class="share">分享到：微信 微博</div></div>
<div class="related"><ul><li><a href="/x">大连高新区前三季度营收增长12%，创新主体加速集聚，带动全市经济发展</a></li></ul></div>
<div class="footer">版权所有 辽宁省人民政府 联系我们</div>
<img src="/img/2019-01-01/photo.jpg"></body></html>`
	p, err := Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Paragraphs) != 3 || p.Paragraphs[0] != para || p.Paragraphs[2] != "第三段，锦州湾机场开通多条航线。" {
		t.Errorf("paragraphs %q", p.Paragraphs)
	}
	info := strings.Join(p.Info, "|")
	if !strings.Contains(info, "2025年03月09日") || !strings.Contains(info, "来源：辽宁日报") || strings.Contains(info, "2019") {
		t.Errorf("info %q", p.Info)
	}
}

func TestMainTextBreaks(t *testing.T) {
	page := `<html><body><div class="wrap"><div class="title">济南高新区一季度营收增长</div><div class="time">2024-04-10</div>
<div id="content">　　4月9日，记者从济南高新区获悉，一季度全区营收增长12%，实现规上工业增加值增长15%。<br><br>　　下一步，济南高新区将持续深化改革，推动高质量发展，加快建设世界领先科技园区。<br></div>
<div class="bdshare">分享</div></div></body></html>`
	p, err := Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Paragraphs) != 2 || !strings.HasPrefix(p.Paragraphs[0], "4月9日") {
		t.Errorf("paragraphs %q", p.Paragraphs)
	}
}

func TestIsDocument(t *testing.T) {
	if !IsDocument("<!DOCTYPE html><html><body>x</body></html>") || IsDocument("本报讯 <br> 近日，&nbsp;…") {
		t.Error("IsDocument")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(`<html><body><h1>标题</h1><p>正文，正文。</p></body></html>`)
	f.Add(`<div><p>一<p>二</div></span>`)
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = Parse(s)
	})
}

func TestRubyAnnotationsDropped(t *testing.T) {
	p, err := Parse(`<html><body><h1>地<ruby>區<rp>(</rp><rt>qū</rt><rp>)</rp></ruby>生產總值增長</h1><div><p>今年前三季度，全<ruby>區<rt>qū</rt></ruby>地區生產總值增長百分之五點六，規模以上工業增加值增長百分之八。</p></div></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	if p.Headline != "地區生產總值增長" || len(p.Paragraphs) != 1 || strings.Contains(p.Paragraphs[0], "qū") {
		t.Errorf("headline %q paragraphs %q", p.Headline, p.Paragraphs)
	}
}

func TestUnlabelledInfo(t *testing.T) {
	p, err := Parse(`<html><body><h1>锦州港集装箱吞吐量创新高</h1><div class="meta"><span class="source">辽宁日报</span><span class="author">张晓明</span><span class="date">2024-05-06</span></div><p>锦州港完成集装箱吞吐量52万标准箱，同比增长18%，创历史同期新高，锦州加快建设区域中心城市。</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	info := strings.Join(p.Info, "|")
	for _, want := range []string{"来源：辽宁日报", "作者：张晓明", "2024-05-06"} {
		if !strings.Contains(info, want) {
			t.Errorf("info %q lacks %q", p.Info, want)
		}
	}
}
