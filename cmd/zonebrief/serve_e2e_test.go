package main

// End-to-end tests of delivery: the real binary, a real SMTP server (Mailpit,
// or an in-process go-smtp server for faults), a real SQLite ledger.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/zonebrief/zonebrief/internal/mailpittest"
	"github.com/zonebrief/zonebrief/internal/pgtest"
	"github.com/zonebrief/zonebrief/internal/testdata"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// zonebriefBinary builds the command once per test process.
func zonebriefBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "zonebrief-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "zonebrief")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func freePort(t *testing.T) int { return mailpittest.FreePort(t) }

// mailpit is a Mailpit server started for one test.
type mailpit struct {
	smtpPort int
	api      string
}

// startMailpit starts Mailpit, on smtpPort when not 0.
func startMailpit(t *testing.T, smtpPort int) *mailpit {
	t.Helper()
	s := mailpittest.Start(t, smtpPort)
	return &mailpit{smtpPort: s.SMTPPort, api: s.API + "/api/v1"}
}

type mpMessage struct {
	ID        string
	MessageID string
	Subject   string
	To        []struct{ Address string }
}

func (m *mailpit) messages(t *testing.T) []mpMessage {
	t.Helper()
	resp, err := http.Get(m.api + "/messages?limit=500")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Messages []mpMessage }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Messages
}

type mpAttachment struct {
	PartID, FileName string
	Size             int
}

func (m *mailpit) attachments(t *testing.T, id string) []mpAttachment {
	t.Helper()
	resp, err := http.Get(m.api + "/message/" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Attachments []mpAttachment }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Attachments
}

func (m *mailpit) part(t *testing.T, id, part string) []byte {
	t.Helper()
	resp, err := http.Get(m.api + "/message/" + id + "/part/" + part)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

// jobConfig writes a config with one job delivering the sample corpus's June
// 2023 (9 messages: 8 zones to office@, 肇庆 also to its manager).
func jobConfig(t *testing.T, dir string, smtpPort int, extra string) string {
	t.Helper()
	wd, _ := os.Getwd()
	corpusDir := filepath.Join(wd, "..", "..", "corpus")
	cfg := fmt.Sprintf(`corpus: %s
out: out/
state: %s
timezone: Asia/Shanghai
http: ""
smtp:
  host: 127.0.0.1
  port: %d
  tls: none
  from: 高新区动态简报 <briefings@example.org>
  timeout: 10s
retry: {first: 1s, max: 2s, max_attempts: 20, lease: 3s}
jobs:
  - name: monthly
    schedule: "0 9 1 * *"
    period: last-month
    zones: all
    formats: [pdf, xlsx]
    catch_up: once
    recipients:
      肇庆高新区: [manager@zq.example.org]
      "*": [office@example.org]
%s`, corpusDir, stateOf(t), smtpPort, extra)
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// eachEngine runs an exactly-once scenario on both ledger engines, as the
// subtests sqlite and postgres; jobConfig gives each its state.
func eachEngine(t *testing.T, test func(t *testing.T)) {
	t.Run("sqlite", test)
	t.Run("postgres", test)
}

// stateOf is the state of a test's config: a new PostgreSQL schema under
// eachEngine's postgres subtest (and its subtests), else an SQLite file
// in the test's dir.
func stateOf(t *testing.T) string {
	if strings.Contains(t.Name()+"/", "/postgres/") {
		return pgtest.URL(t)
	}
	return "zonebrief.db"
}

func zb(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(zonebriefBinary(t), args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, string(out)
}

// eventually polls cond every 200 ms until it holds or 45 s pass: the e2e
// tests wait for effects, not for fixed times, so a loaded machine (CI, -race)
// does not make them flaky.
func eventually(cond func() bool) bool {
	deadline := time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(200 * time.Millisecond)
	}
	return cond()
}

// countByKey counts messages per (recipient, subject): each must be 1.
func countByKey(msgs []mpMessage) map[string]int {
	n := map[string]int{}
	for _, m := range msgs {
		for _, to := range m.To {
			n[to.Address+"|"+m.Subject]++
		}
	}
	return n
}

func assertExactlyOnce(t *testing.T, msgs []mpMessage, want int) {
	t.Helper()
	n := countByKey(msgs)
	if len(msgs) != want || len(n) != want {
		t.Errorf("%d messages for %d distinct (recipient, subject), want %d of each", len(msgs), len(n), want)
	}
	for k, c := range n {
		if c != 1 {
			t.Errorf("%s delivered %d times", k, c)
		}
	}
}

// TestDeliveryEndToEnd: a job fired five times for one period sends each
// (zone, recipient) once; subjects decode; attachments are the files on disk.
func TestDeliveryEndToEnd(t *testing.T) { eachEngine(t, testDeliveryEndToEnd) }

func testDeliveryEndToEnd(t *testing.T) {
	mp := startMailpit(t, 0)
	dir := t.TempDir()
	cfg := jobConfig(t, dir, mp.smtpPort, "")
	for i := 0; i < 5; i++ {
		code, out := zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01T09:00:00+08:00", "--send")
		if code != 0 {
			t.Fatalf("firing %d: exit %d\n%s", i, code, out)
		}
	}
	msgs := mp.messages(t)
	assertExactlyOnce(t, msgs, 9)
	var zq *mpMessage
	for i := range msgs {
		if msgs[i].Subject == "肇庆高新区动态简报（2023-06）" && msgs[i].To[0].Address == "manager@zq.example.org" {
			zq = &msgs[i]
		}
	}
	if zq == nil {
		t.Fatalf("no message for 肇庆's manager with a decoded Chinese subject: %+v", msgs)
	}
	atts := mp.attachments(t, zq.ID)
	if len(atts) != 2 {
		t.Fatalf("attachments %+v", atts)
	}
	for _, a := range atts {
		ext := filepath.Ext(a.FileName)
		if a.FileName != "肇庆高新区动态简报（2023-06）"+ext {
			t.Errorf("attachment name %q", a.FileName)
		}
		onDisk, err := os.ReadFile(filepath.Join(dir, "out", "jobs", "monthly", "2023-06", "zhaoqing"+ext))
		if err != nil {
			t.Fatal(err)
		}
		if got := mp.part(t, zq.ID, a.PartID); !bytes.Equal(got, onDisk) {
			t.Errorf("%s: %d bytes received, %d on disk, not equal", a.FileName, len(got), len(onDisk))
		}
	}
	code, out := zb(t, dir, "history", "--config", cfg)
	if code != 0 || !strings.Contains(out, "monthly") || !strings.Contains(out, "done") {
		t.Errorf("history: %d\n%s", code, out)
	}
}

// TestSMTPDownThenBack: with the server down the run queues everything as
// temporary failures; once it is back every message goes out once.
func TestSMTPDownThenBack(t *testing.T) { eachEngine(t, testSMTPDownThenBack) }

func testSMTPDownThenBack(t *testing.T) {
	port := freePort(t) // nothing listens yet
	dir := t.TempDir()
	cfg := jobConfig(t, dir, port, "")
	code, out := zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send")
	if code != 0 || !strings.Contains(out, "0 sent, 9 to retry") {
		t.Fatalf("with the server down: exit %d\n%s", code, out)
	}
	mp := startMailpit(t, port)
	// Retried as the backoff (retry.first 1s, max 2s) makes them due.
	if !eventually(func() bool {
		code, out = zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send")
		return code == 0 && len(mp.messages(t)) >= 9
	}) {
		t.Fatalf("with the server back: exit %d\n%s", code, out)
	}
	assertExactlyOnce(t, mp.messages(t), 9)
}

// slowSMTP is an in-process SMTP server that can stall in MAIL FROM, so a
// test can kill the sender at a known point, and counts what it accepted.
type slowSMTP struct {
	reject   map[string]bool // recipients refused with 550
	mu       sync.Mutex
	got      map[string]int // recipient|subject → count
	stall    time.Duration
	stalling chan struct{}
}

func (s *slowSMTP) NewSession(*smtp.Conn) (smtp.Session, error) { return &slowSession{srv: s}, nil }

type slowSession struct {
	srv *slowSMTP
	to  []string
}

func (s *slowSession) AuthPlain(string, string) error { return nil }
func (s *slowSession) Mail(string, *smtp.MailOptions) error {
	s.srv.mu.Lock()
	d := s.srv.stall
	s.srv.mu.Unlock()
	if d > 0 {
		select {
		case s.srv.stalling <- struct{}{}:
		default:
		}
		time.Sleep(d)
	}
	return nil
}
func (s *slowSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if s.srv.reject[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.to = append(s.to, to)
	return nil
}
func (s *slowSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	subject := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "Message-Id:") || strings.HasPrefix(sc.Text(), "Message-ID:") {
			subject = strings.TrimSpace(sc.Text()[len("Message-Id:"):])
		}
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	for _, to := range s.to {
		s.srv.got[to+"|"+subject]++
	}
	return nil
}
func (s *slowSession) Reset()        { s.to = nil }
func (s *slowSession) Logout() error { return nil }

func (s *slowSMTP) counts() (total int, dup []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, c := range s.got {
		total += c
		if c > 1 {
			dup = append(dup, k)
		}
	}
	return
}

// TestKilledMidRunResumes: the sender is killed with SIGKILL while a message
// is in flight; a restart sends what is missing and nothing twice.
func TestKilledMidRunResumes(t *testing.T) { eachEngine(t, testKilledMidRunResumes) }

func testKilledMidRunResumes(t *testing.T) {
	backend := &slowSMTP{got: map[string]int{}, stall: 3 * time.Second, stalling: make(chan struct{}, 1)}
	srv := smtp.NewServer(backend)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	port := ln.Addr().(*net.TCPAddr).Port
	dir := t.TempDir()
	cfg := jobConfig(t, dir, port, "")
	cmd := exec.Command(zonebriefBinary(t), "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send")
	cmd.Dir = dir
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-backend.stalling: // the first message is in flight
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("no message reached the server:\n%s", out.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if total, _ := backend.counts(); total != 0 {
		t.Fatalf("%d messages accepted before the kill", total)
	}
	backend.mu.Lock()
	backend.stall = 0
	backend.mu.Unlock()
	// Restart until the killed sender's lease (retry.lease 3s) has expired
	// and its message is sent too.
	var o string
	eventually(func() bool {
		var code int
		code, o = zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send")
		if code != 0 {
			t.Fatalf("restart: exit %d\n%s", code, o)
		}
		total, _ := backend.counts()
		return total >= 9
	})
	total, dup := backend.counts()
	if total != 9 || len(dup) > 0 {
		t.Errorf("after the restart: %d messages, duplicates %v; want 9 and none\n%s", total, dup, o)
	}
}

// TestTwoDaemonsOneLedger: two serve processes on one ledger, a job
// firing every second: every (zone, recipient) once; SIGTERM exits 0.
func TestTwoDaemonsOneLedger(t *testing.T) { eachEngine(t, testTwoDaemonsOneLedger) }

func testTwoDaemonsOneLedger(t *testing.T) {
	mp := startMailpit(t, 0)
	dir := t.TempDir()
	cfg := jobConfig(t, dir, mp.smtpPort, "")
	b, _ := os.ReadFile(cfg)
	// Fire every second, for the month before the firing day: pin the period.
	b = bytes.Replace(b, []byte(`schedule: "0 9 1 * *"`), []byte(`schedule: "@every 1s"`), 1)
	b = bytes.Replace(b, []byte("period: last-month"), []byte("period: 2023-06-01..2023-06-30"), 1)
	os.WriteFile(cfg, b, 0o644)
	var procs []*exec.Cmd
	var outs []*bytes.Buffer
	for i := 0; i < 2; i++ {
		cmd := exec.Command(zonebriefBinary(t), "serve", "--config", cfg)
		cmd.Dir = dir
		var o bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &o
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs, outs = append(procs, cmd), append(outs, &o)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && len(mp.messages(t)) < 9 {
		time.Sleep(250 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // let more firings come: they must add nothing
	for i, p := range procs {
		p.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- p.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("daemon %d: %v\n%s", i, err, outs[i].String())
			}
		case <-time.After(30 * time.Second):
			p.Process.Kill()
			t.Errorf("daemon %d did not stop on SIGTERM", i)
		}
	}
	assertExactlyOnce(t, mp.messages(t), 9)
}

// TestServeReloadAndEndpoints: /healthz and /metrics answer; a SIGHUP with a
// broken config keeps the running one; SIGTERM exits 0.
func TestServeReloadAndEndpoints(t *testing.T) {
	mp := startMailpit(t, 0)
	dir := t.TempDir()
	httpPort := freePort(t)
	cfg := jobConfig(t, dir, mp.smtpPort, "")
	b, _ := os.ReadFile(cfg)
	b = bytes.Replace(b, []byte(`http: ""`), []byte(fmt.Sprintf("http: 127.0.0.1:%d", httpPort)), 1)
	os.WriteFile(cfg, b, 0o644)
	cmd := exec.Command(zonebriefBinary(t), "serve", "--config", cfg)
	cmd.Dir = dir
	o := &syncBuffer{} // read while the daemon writes
	cmd.Stdout, cmd.Stderr = o, o
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, _ := get("/healthz"); c == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no /healthz:\n%s", o.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if c, body := get("/metrics"); c != 200 || !strings.Contains(body, `zonebrief_deliveries{status="pending"}`) {
		t.Errorf("/metrics: %d\n%.400s", c, body)
	}
	os.WriteFile(cfg, bytes.Replace(b, []byte(`"0 9 1 * *"`), []byte(`"61 9 1 * *"`), 1), 0o644)
	cmd.Process.Signal(syscall.SIGHUP)
	eventually(func() bool { return strings.Contains(o.String(), "reload refused") })
	if c, _ := get("/healthz"); c != 200 || !strings.Contains(o.String(), "reload refused") {
		t.Errorf("after a bad reload: healthz %d\n%s", c, o.String())
	}
	// A good config is taken: a second job appears.
	good := bytes.Replace(b, []byte("jobs:\n"), []byte("jobs:\n  - name: daily\n    schedule: \"@daily\"\n    period: last-7-days\n    recipients:\n      \"*\": [d@example.org]\n"), 1)
	os.WriteFile(cfg, good, 0o644)
	cmd.Process.Signal(syscall.SIGHUP)
	if !eventually(func() bool { return strings.Contains(o.String(), `"msg":"config reloaded","jobs":2`) }) {
		t.Errorf("a good reload was not taken:\n%s", o.String())
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, o.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("no exit on SIGTERM\n%s", o.String())
	}
}

// TestCatchUpOnStart: the ledger's last run of a daily job is long past; on
// start-up catch_up once runs the latest missed firing once, skip none.
func TestCatchUpOnStart(t *testing.T) {
	eachEngine(t, testCatchUpOnStart)
}

func testCatchUpOnStart(t *testing.T) {
	for _, policy := range []string{"once", "skip"} {
		t.Run(policy, func(t *testing.T) {
			mp := startMailpit(t, 0)
			dir := t.TempDir()
			cfg := jobConfig(t, dir, mp.smtpPort, "")
			b, _ := os.ReadFile(cfg)
			b = bytes.Replace(b, []byte(`"0 9 1 * *"`), []byte(`"0 9 * * *"`), 1)
			b = bytes.Replace(b, []byte("catch_up: once"), []byte("catch_up: "+policy), 1)
			os.WriteFile(cfg, b, 0o644)
			if code, out := zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01T09:00:00+08:00", "--send"); code != 0 {
				t.Fatalf("first run: %s", out)
			}
			cmd := exec.Command(zonebriefBinary(t), "serve", "--config", cfg)
			cmd.Dir = dir
			o := &syncBuffer{}
			cmd.Stdout, cmd.Stderr = o, o
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			want := map[string]int{"once": 2, "skip": 1}[policy]
			runs := func() int {
				_, hist := zb(t, dir, "history", "--config", cfg)
				return strings.Count(hist, "\n") - 1
			}
			if policy == "once" {
				eventually(func() bool { return runs() >= want })
			} else {
				eventually(func() bool { return strings.Contains(o.String(), "zonebrief serve started") })
				time.Sleep(2 * time.Second) // nothing may come
			}
			cmd.Process.Signal(syscall.SIGTERM)
			if err := cmd.Wait(); err != nil {
				t.Fatalf("serve: %v\n%s", err, o.String())
			}
			_, hist := zb(t, dir, "history", "--config", cfg)
			if got := strings.Count(hist, "\n") - 1; got != want {
				t.Errorf("%d runs after start-up, want %d:\n%s\n%s", got, want, hist, o.String())
			}
			assertExactlyOnce(t, mp.messages(t), 9) // the catch-up run (last month now) has nothing new to send
		})
	}
}

// TestAttachmentBudget: a server cap below the message size zips the
// attachments, then drops the workbook with a note; never an empty message.
func TestAttachmentBudget(t *testing.T) {
	dir := t.TempDir()
	cfg := jobConfig(t, dir, freePort(t), "")
	b, _ := os.ReadFile(cfg)
	b = bytes.Replace(b, []byte("  timeout: 10s\n"), []byte("  timeout: 10s\n  max_message_bytes: 240000\n"), 1)
	os.WriteFile(cfg, b, 0o644)
	code, out := zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(line, "@") {
			continue
		}
		f := strings.Fields(line)
		size := 0
		fmt.Sscan(f[3], &size)
		if size > 240000 || size == 0 {
			t.Errorf("message of %d bytes over the 240000 budget: %s", size, line)
		}
		if strings.HasPrefix(line, "肇庆高新区") && (len(f) < 6 || strings.HasSuffix(f[5], ".xlsx,") || !strings.Contains(line, "left out workbook")) {
			t.Errorf("肇庆's message keeps its workbook or says nothing: %s", line)
		}
	}
	if !strings.Contains(out, "肇庆高新区动态简报（2023-06）.pdf") || strings.Count(out, "@") != 9 {
		t.Errorf("dry run:\n%s", out)
	}
	// A budget no briefing fits: refused, reported, nothing half-sent.
	os.WriteFile(cfg, bytes.Replace(b, []byte("240000"), []byte("60000"), 1), 0o644)
	code, out = zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--dry-run")
	if code != 1 || !strings.Contains(out, "message too large") {
		t.Errorf("60000-byte budget: exit %d\n%s", code, out)
	}
}

// TestPermanentFailureAlertsAndResend: a 550 is not retried; it is recorded,
// the operators get an alert, and resend --run queues it again once fixed.
func TestPermanentFailureAlertsAndResend(t *testing.T) {
	eachEngine(t, testPermanentFailureAlertsAndResend)
}

func testPermanentFailureAlertsAndResend(t *testing.T) {
	backend := &slowSMTP{got: map[string]int{}, stalling: make(chan struct{}, 1), reject: map[string]bool{"manager@zq.example.org": true}}
	srv := smtp.NewServer(backend)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	dir := t.TempDir()
	cfg := jobConfig(t, dir, ln.Addr().(*net.TCPAddr).Port, "")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(b, []byte("jobs:"), []byte("alerts: [ops@example.org]\njobs:"), 1), 0o644)
	code, out := zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send")
	if code != 1 || !strings.Contains(out, "9 sent, 0 to retry (zonebrief serve retries them), 1 failed") {
		t.Errorf("first run: exit %d (want 1)\n%s", code, out)
	}
	total, _ := backend.counts()
	backend.mu.Lock()
	alerts := 0
	for k, c := range backend.got {
		if strings.HasPrefix(k, "ops@example.org|") {
			alerts += c
		}
	}
	backend.mu.Unlock()
	if total != 9 || alerts != 1 { // 8 briefings + 1 alert
		t.Fatalf("accepted %d messages with %d alerts; want 8 briefings and 1 alert\n%s", total, alerts, out)
	}
	_, hist := zb(t, dir, "history", "--config", cfg, "--run", "1")
	if !strings.Contains(hist, "manager@zq.example.org") || !strings.Contains(hist, "failed") || !strings.Contains(hist, "550") {
		t.Errorf("history --run 1:\n%s", hist)
	}
	backend.mu.Lock()
	backend.reject = nil
	backend.mu.Unlock()
	code, out = zb(t, dir, "resend", "--config", cfg, "--run", "1")
	if code != 0 || !strings.Contains(out, "1 failed deliveries of run 1 queued again") {
		t.Fatalf("resend: %d %s", code, out)
	}
	if code, out = zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send"); code != 0 || !strings.Contains(out, "1 sent") {
		t.Fatalf("after resend: %d %s", code, out)
	}
	if total, dup := backend.counts(); total != 10 || len(dup) > 0 {
		t.Errorf("%d messages, duplicates %v; want 10 (9 briefings, 1 alert) and none", total, dup)
	}
}

// TestInboxBeforeRun: a page dropped in the inbox is ingested before the run,
// moved to inbox/done/, and its items are delivered.
func TestInboxBeforeRun(t *testing.T) {
	mp := startMailpit(t, 0)
	dir := t.TempDir()
	cfg := jobConfig(t, dir, mp.smtpPort, "")
	b, _ := os.ReadFile(cfg)
	wd, _ := os.Getwd()
	b = bytes.Replace(b, []byte(filepath.Join(wd, "..", "..", "corpus")), []byte("corpus/"), 1)
	b = bytes.Replace(b, []byte("out: out/"), []byte("out: out/\ninbox: inbox/\npublication: 中国高新技术产业导报"), 1)
	os.WriteFile(cfg, b, 0o644)
	page, err := os.ReadFile(testdata.Path(t, "seed", "page-2023-06.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "inbox"), 0o755)
	os.WriteFile(filepath.Join(dir, "inbox", "导报-2023-06-19.txt"), page, 0o644)
	code, out := zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "inbox", "done", "导报-2023-06-19.txt")); err != nil {
		t.Errorf("not moved to done: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "corpus", "2023-06-19-*.yaml")); len(m) != 1 {
		t.Errorf("corpus files %v", m)
	}
	assertExactlyOnce(t, mp.messages(t), 9)
}

// syncBuffer is a bytes.Buffer that a running process writes while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSTARTTLSAuthThroughConfig: the binary delivers with tls: starttls,
// AUTH from password_file and the server's certificate trusted through
// smtp.ca_file; Mailpit records the user.
func TestSTARTTLSAuthThroughConfig(t *testing.T) {
	cert, key, _ := mailpittest.SelfSigned(t)
	s := mailpittest.Start(t, 0, "--smtp-tls-cert", cert, "--smtp-tls-key", key, "--smtp-require-starttls",
		"--smtp-auth-file", mailpittest.AuthFile(t, "briefings", "s3cret-密码"))
	mp := &mailpit{smtpPort: s.SMTPPort, api: s.API + "/api/v1"}
	dir := t.TempDir()
	pw := filepath.Join(dir, "smtp-password")
	os.WriteFile(pw, []byte("s3cret-密码\n"), 0o600)
	cfg := jobConfig(t, dir, mp.smtpPort, "")
	b, _ := os.ReadFile(cfg)
	b = bytes.Replace(b, []byte("  tls: none\n"), []byte("  tls: starttls\n  username: briefings\n  password_file: "+pw+"\n  ca_file: "+cert+"\n"), 1)
	os.WriteFile(cfg, b, 0o644)
	code, out := zb(t, dir, "run", "--config", cfg, "--job", "monthly", "--at", "2023-07-01", "--send")
	if code != 0 || !strings.Contains(out, "9 sent") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if strings.Contains(out, "s3cret") {
		t.Error("the password appears in the output")
	}
	msgs := mp.messages(t)
	assertExactlyOnce(t, msgs, 9)
	resp, err := http.Get(mp.api + "/messages?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct{ Messages []struct{ Username string } }
	json.NewDecoder(resp.Body).Decode(&list)
	if len(list.Messages) != 1 || list.Messages[0].Username != "briefings" {
		t.Errorf("Mailpit saw user %+v, want briefings", list.Messages)
	}
}
