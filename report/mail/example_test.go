package mail_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/zonebrief/zonebrief/report/mail"
)

// A dispatcher builds the message, fits it to the server's limit, and sends
// the bytes; here to a directory, the default without an SMTP server.
func Example() {
	m := mail.Message{
		From:    "高新区动态简报 <briefings@example.org>",
		To:      "张三 <zhang.san@example.org>",
		Subject: "肇庆高新区动态简报（2023-06）",
		Text:    "张三同志：\n本期简报及数据工作簿见附件。\n",
		HTML:    "<p>张三同志：</p><p>本期简报及数据工作簿见附件。</p>",
		Attachments: []mail.Attachment{
			{Name: "肇庆高新区动态简报（2023-06）.pdf", Data: []byte(strings.Repeat("%PDF stand-in ", 4000))},
			{Name: "肇庆高新区动态指标（2023-06）.xlsx", Data: []byte(strings.Repeat("PK stand-in ", 4000))},
		},
		MessageID: "<zb.2023-06.zhaoqing.1@briefings.example.org>",
		Date:      time.Date(2023, 7, 3, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)),
	}

	// The limit would come from (*mail.SMTP).MaxSize.
	fitted, notes, err := mail.Fit(m, 20_000)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range notes {
		fmt.Println("note:", n)
	}
	eml, err := mail.Build(fitted)
	if err != nil {
		log.Fatal(err)
	}

	dir, err := os.MkdirTemp("", "zonebrief-outbox")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	out := mail.Dir{Path: dir}
	if err := out.Send(context.Background(), fitted.From, []string{fitted.To}, eml); err != nil {
		log.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	for _, f := range files {
		fmt.Println("wrote", filepath.Base(f))
	}
	fmt.Println("attachments:", fitted.Attachments[0].Name)
	// Output:
	// note: zipped 2 attachment(s) into 肇庆高新区动态简报（2023-06）.zip: message 144269 → 2454 bytes (limit 20000)
	// wrote zb.2023-06.zhaoqing.1@briefings.example.org.eml
	// attachments: 肇庆高新区动态简报（2023-06）.zip
}
