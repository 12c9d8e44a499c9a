package mail

// End-to-end tests against a real Mailpit (github.com/axllent/mailpit),
// started per test on loopback. CI installs it with
//
//	go install github.com/axllent/mailpit@v1.33.1
//
// The binary is $MAILPIT, else mailpit on PATH, else $(go env GOPATH)/bin/mailpit.
// Without it these tests fail under CI=true and are skipped, loudly,
// elsewhere.

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zonebrief/zonebrief/internal/mailpittest"
)

// mailpit is a running Mailpit.
type mailpit struct {
	smtpPort int
	api      string // http://127.0.0.1:PORT
	log      string // its log file
}

// startMailpit starts Mailpit on free loopback ports with extra flags and
// waits until both SMTP and the API answer. Cleanup stops it.
func startMailpit(t *testing.T, flags ...string) *mailpit {
	t.Helper()
	s := mailpittest.Start(t, 0, flags...)
	return &mailpit{smtpPort: s.SMTPPort, api: s.API, log: s.Log}
}

type mpAddress struct{ Name, Address string }

type mpSummary struct {
	ID, MessageID, Subject, Username string
	From                             mpAddress
	To                               []mpAddress
	Attachments                      int
}

type mpAttachment struct {
	PartID, FileName, ContentType string
	Size                          int
}

type mpMessage struct {
	ID, MessageID, Subject, Username, Text, HTML string
	From                                         mpAddress
	To                                           []mpAddress
	Attachments, Inline                          []mpAttachment
}

func (mp *mailpit) get(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := http.Get(mp.api + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v: %s", path, resp.Status, err, b)
	}
	return b
}

func (mp *mailpit) messages(t *testing.T) []mpSummary {
	t.Helper()
	var list struct {
		Total    int
		Messages []mpSummary
	}
	if err := json.Unmarshal(mp.get(t, "/api/v1/messages"), &list); err != nil {
		t.Fatal(err)
	}
	return list.Messages
}

// waitFor waits until Mailpit holds n messages and returns them.
func (mp *mailpit) waitFor(t *testing.T, n int) []mpSummary {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := mp.messages(t)
		if len(got) >= n || time.Now().After(deadline) {
			if len(got) != n {
				t.Fatalf("mailpit holds %d messages, want %d", len(got), n)
			}
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// check fetches the message with m's Message-ID and compares it with m.
func (mp *mailpit) check(t *testing.T, list []mpSummary, m Message, username string) {
	t.Helper()
	id := strings.Trim(m.MessageID, "<>")
	var sum *mpSummary
	for i := range list {
		if list[i].MessageID == id {
			sum = &list[i]
		}
	}
	if sum == nil {
		t.Fatalf("no message %s in mailpit", id)
	}
	var got mpMessage
	if err := json.Unmarshal(mp.get(t, "/api/v1/message/"+sum.ID), &got); err != nil {
		t.Fatal(err)
	}
	if got.Subject != m.Subject {
		t.Errorf("subject %q, want %q", got.Subject, m.Subject)
	}
	to := parseOrFatal(t, m.To)
	if len(got.To) != 1 || got.To[0].Address != to.Address || got.To[0].Name != to.Name {
		t.Errorf("to %+v, want %+v", got.To, to)
	}
	from := parseOrFatal(t, m.From)
	if got.From.Address != from.Address || got.From.Name != from.Name {
		t.Errorf("from %+v, want %+v", got.From, from)
	}
	if got.Username != username {
		t.Errorf("authenticated as %q, want %q", got.Username, username)
	}
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	if norm(got.Text) != norm(m.Text) {
		t.Errorf("text part %q, want %q", got.Text, m.Text)
	}
	if norm(got.HTML) != norm(m.HTML) {
		t.Errorf("HTML part %q, want %q", got.HTML, m.HTML)
	}
	if len(got.Inline) != 0 || len(got.Attachments) != len(m.Attachments) {
		t.Fatalf("%d attachments and %d inline parts, want %d attachments", len(got.Attachments), len(got.Inline), len(m.Attachments))
	}
	for i, a := range got.Attachments {
		want := m.Attachments[i]
		if a.FileName != want.Name {
			t.Errorf("attachment %d: file name %q, want %q", i, a.FileName, want.Name)
		}
		if a.ContentType != contentTypeFor(want) {
			t.Errorf("attachment %d: content type %q, want %q", i, a.ContentType, contentTypeFor(want))
		}
		if data := mp.get(t, "/api/v1/message/"+sum.ID+"/part/"+a.PartID); !bytes.Equal(data, want.Data) {
			t.Errorf("attachment %d (%s): %d bytes back, differing from the %d sent", i, a.FileName, len(data), len(want.Data))
		}
	}
}

func parseOrFatal(t *testing.T, s string) struct{ Name, Address string } {
	t.Helper()
	a, err := parseAddress("address", s)
	if err != nil {
		t.Fatal(err)
	}
	return struct{ Name, Address string }{a.Name, a.Address}
}

func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	return mailpittest.SelfSigned(t)
}

func authFile(t *testing.T, user, password string) string {
	return mailpittest.AuthFile(t, user, password)
}

// briefings returns n distinct messages, one per zone manager.
func briefings(n int) []Message {
	people := []string{"张三 <zhang.san@example.org>", "李四 <li.si@example.org>", "王五 <wang.wu@example.org>", "赵六𠀀 <zhao.liu@example.org>"}
	var ms []Message
	for i := range n {
		m := sampleMessage()
		m.To = people[i%len(people)]
		m.MessageID = fmt.Sprintf("<zb.2023-06.zone%d@briefings.example.org>", i)
		m.Subject = fmt.Sprintf("肇庆高新区动态简报（2023-06）第%d期 🚀 𠀀", i+1)
		m.Attachments[0].Data = append([]byte("%PDF-1.4\n"), noise(uint64(10+i), 40_000)...)
		ms = append(ms, m)
	}
	return ms
}

func send(t *testing.T, s *SMTP, m Message) error {
	t.Helper()
	eml, err := Build(m)
	if err != nil {
		t.Fatal(err)
	}
	return s.Send(context.Background(), m.From, []string{m.To}, eml)
}

// TestMailpitPlain: TLS none to loopback, no AUTH, two briefings sent at
// once through one SMTP.
func TestMailpitPlain(t *testing.T) {
	mp := startMailpit(t)
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: mp.smtpPort, TLS: "none", Timeout: 10 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ms := briefings(2)
	var wg sync.WaitGroup
	errs := make([]error, len(ms))
	for i, m := range ms {
		wg.Go(func() {
			eml, err := Build(m)
			if err == nil {
				err = s.Send(context.Background(), m.From, []string{m.To}, eml)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	list := mp.waitFor(t, 2)
	for _, m := range ms {
		mp.check(t, list, m, "")
	}
	if _, err := s.MaxSize(context.Background()); err != nil {
		t.Errorf("MaxSize: %v", err)
	}
}

// TestMailpitSTARTTLSAuth: STARTTLS required, AUTH PLAIN, LOGIN and auto;
// a wrong password and an untrusted certificate are permanent errors.
func TestMailpitSTARTTLSAuth(t *testing.T) {
	cert, key, pool := selfSigned(t)
	// Mailpit splits its auth file at white space, so no space in this
	// password (TestSendSTARTTLSAuth sends one through go-smtp).
	mp := startMailpit(t, "--smtp-tls-cert", cert, "--smtp-tls-key", key, "--smtp-require-starttls",
		"--smtp-auth-file", authFile(t, "zonebrief", "s3cret-密码"))
	cfg := SMTPConfig{
		Host: "127.0.0.1", Port: mp.smtpPort, TLS: "starttls", Timeout: 10 * time.Second,
		Username: "zonebrief", Password: "s3cret-密码", TLSConfig: &tls.Config{RootCAs: pool},
	}
	ms := briefings(3)
	for i, auth := range []string{"plain", "login", "auto"} {
		t.Run(auth, func(t *testing.T) {
			c := cfg
			c.Auth = auth
			s, err := NewSMTP(c, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := send(t, s, ms[i]); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("wrong password", func(t *testing.T) {
		c := cfg
		c.Password = "wrong"
		s, err := NewSMTP(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = send(t, s, briefings(4)[3])
		var te *textproto.Error
		if err == nil || Temporary(err) || !errors.As(err, &te) || te.Code != 535 {
			t.Errorf("err %v: want a permanent 535", err)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		c := cfg
		c.TLSConfig = nil // the system's roots do not know the test's CA
		s, err := NewSMTP(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := send(t, s, briefings(4)[3]); err == nil || Temporary(err) {
			t.Errorf("err %v: want a permanent certificate error", err)
		}
	})
	list := mp.waitFor(t, 3)
	for _, m := range ms {
		mp.check(t, list, m, "zonebrief")
	}
}

// TestMailpitImplicitTLS: TLS from the first byte (Mailpit's
// --smtp-require-tls), with AUTH.
func TestMailpitImplicitTLS(t *testing.T) {
	cert, key, pool := selfSigned(t)
	mp := startMailpit(t, "--smtp-tls-cert", cert, "--smtp-tls-key", key, "--smtp-require-tls",
		"--smtp-auth-file", authFile(t, "zonebrief", "s3cret"))
	s, err := NewSMTP(SMTPConfig{
		Host: "127.0.0.1", Port: mp.smtpPort, TLS: "tls", Timeout: 10 * time.Second,
		Username: "zonebrief", Password: "s3cret", TLSConfig: &tls.Config{RootCAs: pool},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := briefings(1)[0]
	if err := send(t, s, m); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MaxSize(context.Background()); err != nil {
		t.Errorf("MaxSize: %v", err)
	}
	mp.check(t, mp.waitFor(t, 1), m, "zonebrief")

	// STARTTLS against a TLS-only port is a configuration error.
	s2, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: mp.smtpPort, TLS: "starttls", Timeout: time.Second,
		TLSConfig: &tls.Config{RootCAs: pool}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := send(t, s2, m); err == nil {
		t.Error("starttls to an implicit-TLS port succeeded")
	}
}

// TestMailpitChaos: Mailpit's chaos triggers make a real server answer 451
// or 550 to RCPT.
func TestMailpitChaos(t *testing.T) {
	for _, tc := range []struct {
		code      int
		temporary bool
	}{{451, true}, {550, false}} {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			mp := startMailpit(t, "--chaos-triggers", fmt.Sprintf("Recipient:%d:100", tc.code))
			s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: mp.smtpPort, TLS: "none", Timeout: 10 * time.Second}, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = send(t, s, briefings(1)[0])
			var te *textproto.Error
			if err == nil || !errors.As(err, &te) || te.Code != tc.code || Temporary(err) != tc.temporary {
				t.Errorf("err %v: want a %d reply, temporary %v", err, tc.code, tc.temporary)
			}
			if n := len(mp.messages(t)); n != 0 {
				t.Errorf("mailpit holds %d messages", n)
			}
		})
	}
}
