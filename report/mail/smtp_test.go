package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/textproto"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	esmtp "github.com/emersion/go-smtp"
	gomail "github.com/wneessen/go-mail"
)

// fakeServer is an in-process github.com/emersion/go-smtp server whose
// replies a test chooses.
type fakeServer struct {
	port    int
	srv     *esmtp.Server
	mailErr error
	rcptErr func(to string) error
	dataErr error
	hang    chan struct{} // when set, DATA's final reply waits for it
	size    int64         // when set, advertised as SIZE and enforced
	tls     *tls.Config   // when set, STARTTLS is offered
	users   map[string]string
	authErr error // when set, the reply to AUTH

	mu  sync.Mutex
	got []delivered
}

type delivered struct {
	user string // who authenticated
	from string
	to   []string
	data []byte
}

type fakeSession struct {
	f    *fakeServer
	user string
	from string
	to   []string
}

// authSession offers AUTH PLAIN against fakeServer.users.
type authSession struct{ *fakeSession }

func (s authSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s authSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if s.f.authErr != nil {
			return s.f.authErr
		}
		if want, ok := s.f.users[user]; !ok || password != want {
			return smtpErr(535, esmtp.EnhancedCode{5, 7, 8}, "bad credentials")
		}
		s.user = user
		return nil
	}), nil
}

func (s *fakeSession) Reset()        { s.from, s.to = "", nil }
func (s *fakeSession) Logout() error { return nil }

func (s *fakeSession) Mail(from string, _ *esmtp.MailOptions) error {
	if s.f.mailErr != nil {
		return s.f.mailErr
	}
	s.from = from
	return nil
}

func (s *fakeSession) Rcpt(to string, _ *esmtp.RcptOptions) error {
	if s.f.rcptErr != nil {
		if err := s.f.rcptErr(to); err != nil {
			return err
		}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *fakeSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if s.f.hang != nil {
		<-s.f.hang
		return errors.New("released")
	}
	if s.f.dataErr != nil {
		return s.f.dataErr
	}
	s.f.mu.Lock()
	s.f.got = append(s.f.got, delivered{s.user, s.from, s.to, b})
	s.f.mu.Unlock()
	return nil
}

// startFake starts a fake server on loopback; setup may change it before
// it serves.
func startFake(t *testing.T, setup func(*fakeServer)) *fakeServer {
	t.Helper()
	f := &fakeServer{}
	if setup != nil {
		setup(f)
	}
	f.srv = esmtp.NewServer(esmtp.BackendFunc(func(*esmtp.Conn) (esmtp.Session, error) {
		if f.users != nil {
			return authSession{&fakeSession{f: f}}, nil
		}
		return &fakeSession{f: f}, nil
	}))
	f.srv.Domain = "fake.test"
	f.srv.TLSConfig = f.tls
	f.srv.ErrorLog = log.New(io.Discard, "", 0)
	f.srv.MaxMessageBytes = f.size
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.port = l.Addr().(*net.TCPAddr).Port
	go f.srv.Serve(l)
	t.Cleanup(func() {
		if f.hang != nil {
			close(f.hang)
		}
		f.srv.Close()
	})
	return f
}

func (f *fakeServer) delivered() []delivered {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]delivered(nil), f.got...)
}

func plainSMTP(t *testing.T, port int, timeout time.Duration) *SMTP {
	t.Helper()
	s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: "none", Timeout: timeout, HelloName: "zonebrief.test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sampleEML(t *testing.T) []byte {
	t.Helper()
	eml, err := Build(sampleMessage())
	if err != nil {
		t.Fatal(err)
	}
	return eml
}

func TestSendFake(t *testing.T) {
	f := startFake(t, nil)
	s := plainSMTP(t, f.port, 5*time.Second)
	eml := sampleEML(t)
	err := s.Send(context.Background(), "高新区动态简报 <briefings@example.org>",
		[]string{"张三 <zhang.san@example.org>", "li.si@example.org"}, eml)
	if err != nil {
		t.Fatal(err)
	}
	got := f.delivered()
	if len(got) != 1 {
		t.Fatalf("%d messages delivered, want 1", len(got))
	}
	if got[0].from != "briefings@example.org" || strings.Join(got[0].to, ",") != "zhang.san@example.org,li.si@example.org" {
		t.Errorf("envelope from %q to %q", got[0].from, got[0].to)
	}
	if !bytes.Equal(got[0].data, eml) {
		t.Error("the server received other bytes than Build made")
	}
}

// TestSendConcurrent shares one SMTP between goroutines (run with -race).
func TestSendConcurrent(t *testing.T) {
	f := startFake(t, nil)
	s := plainSMTP(t, f.port, 5*time.Second)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			m := sampleMessage()
			m.MessageID = fmt.Sprintf("<concurrent.%d@example.org>", i)
			eml, err := Build(m)
			if err == nil {
				err = s.Send(context.Background(), m.From, []string{m.To}, eml)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(f.delivered()); n != 8 {
		t.Errorf("%d delivered, want 8", n)
	}
}

func smtpErr(code int, enh esmtp.EnhancedCode, msg string) error {
	return &esmtp.SMTPError{Code: code, EnhancedCode: enh, Message: msg}
}

// TestSendReplies checks how the server's refusals come back.
func TestSendReplies(t *testing.T) {
	for _, tc := range []struct {
		name      string
		setup     func(*fakeServer)
		code      int
		temporary bool
		tooLarge  bool
	}{
		{"451 to MAIL", func(f *fakeServer) { f.mailErr = smtpErr(451, esmtp.EnhancedCode{4, 3, 0}, "try later") }, 451, true, false},
		{"451 to RCPT", func(f *fakeServer) {
			f.rcptErr = func(string) error { return smtpErr(451, esmtp.EnhancedCode{4, 7, 1}, "greylisted") }
		}, 451, true, false},
		{"452 to RCPT", func(f *fakeServer) {
			f.rcptErr = func(string) error { return smtpErr(452, esmtp.EnhancedCode{4, 2, 2}, "mailbox full") }
		}, 452, true, false},
		{"550 to RCPT", func(f *fakeServer) {
			f.rcptErr = func(string) error { return smtpErr(550, esmtp.EnhancedCode{5, 1, 1}, "no such user") }
		}, 550, false, false},
		{"554 to DATA", func(f *fakeServer) { f.dataErr = smtpErr(554, esmtp.EnhancedCode{5, 7, 1}, "rejected as spam") }, 554, false, false},
		{"451 to DATA", func(f *fakeServer) { f.dataErr = smtpErr(451, esmtp.EnhancedCode{4, 3, 0}, "local error") }, 451, true, false},
		{"552 too large", func(f *fakeServer) { f.size = 1000 }, 552, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := startFake(t, tc.setup)
			s := plainSMTP(t, f.port, 5*time.Second)
			err := s.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
			if err == nil {
				t.Fatal("Send succeeded")
			}
			var te *textproto.Error
			if !errors.As(err, &te) || te.Code != tc.code {
				t.Errorf("err %v: want a %d reply in the chain", err, tc.code)
			}
			if Temporary(err) != tc.temporary {
				t.Errorf("Temporary(%v) = %v, want %v", err, !tc.temporary, tc.temporary)
			}
			if errors.Is(err, ErrTooLarge) != tc.tooLarge {
				t.Errorf("errors.Is(%v, ErrTooLarge) = %v", err, !tc.tooLarge)
			}
			if n := len(f.delivered()); n != 0 {
				t.Errorf("%d delivered", n)
			}
		})
	}
}

// TestSendRecipientRefused: one refused recipient of two means nothing is
// sent, and the error names the recipient.
func TestSendRecipientRefused(t *testing.T) {
	f := startFake(t, func(f *fakeServer) {
		f.rcptErr = func(to string) error {
			if to == "nobody@example.org" {
				return smtpErr(550, esmtp.EnhancedCode{5, 1, 1}, "no such user")
			}
			return nil
		}
	})
	s := plainSMTP(t, f.port, 5*time.Second)
	err := s.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org", "nobody@example.org"}, sampleEML(t))
	if err == nil || !strings.Contains(err.Error(), "nobody@example.org") || Temporary(err) {
		t.Errorf("err %v", err)
	}
	if n := len(f.delivered()); n != 0 {
		t.Errorf("%d delivered", n)
	}
}

// TestSendHangAfterData: a server that takes the message and never answers
// the final dot. The timeout ends the wait; the error is temporary.
func TestSendHangAfterData(t *testing.T) {
	f := startFake(t, func(f *fakeServer) { f.hang = make(chan struct{}) })
	s := plainSMTP(t, f.port, 300*time.Millisecond)
	start := time.Now()
	err := s.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
	took := time.Since(start)
	if err == nil {
		t.Fatal("Send succeeded")
	}
	if !Temporary(err) {
		t.Errorf("Temporary(%v) = false", err)
	}
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("err %v: want a timeout", err)
	}
	if took > 3*time.Second {
		t.Errorf("Send took %v with a 300ms timeout", took)
	}
}

// TestSendContext: the context bounds the whole send, whatever Timeout is.
func TestSendContext(t *testing.T) {
	f := startFake(t, func(f *fakeServer) { f.hang = make(chan struct{}) })
	s := plainSMTP(t, f.port, time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Send(ctx, "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Send took %v with a 300ms context", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !Temporary(err) {
		t.Errorf("err %v: want context.DeadlineExceeded, temporary", err)
	}

	// Cancelled while waiting for the reply to the final dot.
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	err = s.Send(ctx, "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v: want context.Canceled", err)
	}
}

// TestSendSilentServer: a server that accepts the connection and never
// greets.
func TestSendSilentServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns sync.WaitGroup
	done := make(chan struct{})
	t.Cleanup(func() { close(done); l.Close(); conns.Wait() })
	conns.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns.Go(func() { <-done; c.Close() })
		}
	})
	s := plainSMTP(t, l.Addr().(*net.TCPAddr).Port, 300*time.Millisecond)
	err = s.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
	if err == nil || !Temporary(err) {
		t.Errorf("err %v: want a temporary error", err)
	}
}

func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestSendConnectionRefused(t *testing.T) {
	port := closedPort(t)
	for _, mode := range []string{"none", "starttls", "tls"} {
		s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: port, TLS: mode, Timeout: 2 * time.Second}, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
		if err == nil || !Temporary(err) {
			t.Errorf("%s: err %v: want a temporary error", mode, err)
		}
		if _, err := s.MaxSize(context.Background()); err == nil || !Temporary(err) {
			t.Errorf("%s: MaxSize: err %v: want a temporary error", mode, err)
		}
	}
}

// TestSendTLSMismatch: TLS settings that do not match the server are
// configuration errors, not worth a retry.
func TestSendTLSMismatch(t *testing.T) {
	f := startFake(t, nil) // plain SMTP, no STARTTLS
	for _, mode := range []string{"tls", "starttls"} {
		s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: f.port, TLS: mode, Timeout: 2 * time.Second}, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
		if err == nil || Temporary(err) {
			t.Errorf("%s to a plain server: err %v: want a permanent error", mode, err)
		}
	}
	if n := len(f.delivered()); n != 0 {
		t.Errorf("%d delivered", n)
	}
}

// TestSendSTARTTLSAuth: credentials (with a space and Chinese in the
// password) arrive intact after STARTTLS; a 454 to AUTH is temporary, a 535
// is not.
func TestSendSTARTTLSAuth(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	const password = "s3cret 密码"
	for _, tc := range []struct {
		name      string
		password  string
		authErr   error
		ok        bool
		temporary bool
	}{
		{"right password", password, nil, true, false},
		{"wrong password", "wrong", nil, false, false},
		{"454", password, smtpErr(454, esmtp.EnhancedCode{4, 7, 0}, "try again later"), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := startFake(t, func(f *fakeServer) {
				f.tls = &tls.Config{Certificates: []tls.Certificate{cert}}
				f.users = map[string]string{"zonebrief": password}
				f.authErr = tc.authErr
			})
			s, err := NewSMTP(SMTPConfig{Host: "127.0.0.1", Port: f.port, TLS: "starttls", Timeout: 5 * time.Second,
				Username: "zonebrief", Password: tc.password, TLSConfig: &tls.Config{RootCAs: pool}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = s.Send(context.Background(), "briefings@example.org", []string{"zhang@example.org"}, sampleEML(t))
			if (err == nil) != tc.ok || err != nil && Temporary(err) != tc.temporary {
				t.Fatalf("err %v (temporary %v): want ok %v, temporary %v", err, Temporary(err), tc.ok, tc.temporary)
			}
			if got := f.delivered(); tc.ok && (len(got) != 1 || got[0].user != "zonebrief") {
				t.Errorf("delivered %d, as %q", len(got), got[0].user)
			}
		})
	}
}

func TestMaxSize(t *testing.T) {
	f := startFake(t, func(f *fakeServer) { f.size = 10 << 20 })
	if n, err := plainSMTP(t, f.port, 5*time.Second).MaxSize(context.Background()); err != nil || n != 10<<20 {
		t.Errorf("MaxSize = %d, %v; want %d", n, err, 10<<20)
	}
	g := startFake(t, nil)
	if n, err := plainSMTP(t, g.port, 5*time.Second).MaxSize(context.Background()); err != nil || n != 0 {
		t.Errorf("MaxSize without SIZE = %d, %v; want 0", n, err)
	}
}

func TestSendBadInput(t *testing.T) {
	s := plainSMTP(t, closedPort(t), time.Second)
	eml := sampleEML(t)
	for _, tc := range []struct {
		from string
		to   []string
		eml  []byte
		inj  bool
	}{
		{"briefings@example.org\r\nRCPT TO:<x@y>", []string{"a@example.org"}, eml, true},
		{"briefings@example.org", []string{"a@example.org>\r\nRCPT TO:<x@y"}, eml, true},
		{"not an address", []string{"a@example.org"}, eml, false},
		{"briefings@example.org", nil, eml, false},
		{"briefings@example.org", []string{"a@example.org"}, nil, false},
	} {
		err := s.Send(context.Background(), tc.from, tc.to, tc.eml)
		if err == nil || Temporary(err) || errors.Is(err, ErrHeaderInjection) != tc.inj {
			t.Errorf("Send(%q, %q): err %v", tc.from, tc.to, err)
		}
	}
}

func TestNewSMTP(t *testing.T) {
	for _, tc := range []struct {
		cfg  SMTPConfig
		ok   bool
		port int
	}{
		{SMTPConfig{Host: "127.0.0.1", TLS: "none"}, true, 25},
		{SMTPConfig{Host: "::1", TLS: "none", Port: 2525}, true, 2525},
		{SMTPConfig{Host: "[::1]", TLS: "none"}, true, 25},
		{SMTPConfig{Host: "localhost", TLS: "None"}, true, 25},
		{SMTPConfig{Host: "127.8.9.10", TLS: "none"}, true, 25},
		{SMTPConfig{Host: "smtp.example.org", TLS: "none"}, false, 0},
		{SMTPConfig{Host: "10.0.0.1", TLS: "none"}, false, 0},
		{SMTPConfig{Host: "127.0.0.1", TLS: "none", Username: "u", Password: "p"}, false, 0},
		{SMTPConfig{Host: "smtp.example.org"}, true, 587},
		{SMTPConfig{Host: "smtp.example.org", TLS: "tls", Username: "u", Password: "p"}, true, 465},
		{SMTPConfig{Host: "smtp.example.org", TLS: "starttls", Auth: "login", Username: "u"}, true, 587},
		{SMTPConfig{Host: "smtp.example.org", TLS: "ssl"}, false, 0},
		{SMTPConfig{Host: "smtp.example.org", Auth: "ntlm"}, false, 0},
		{SMTPConfig{Host: "smtp.example.org", Port: 70000}, false, 0},
		{SMTPConfig{Host: "smtp.example.org", Timeout: -time.Second}, false, 0},
		{SMTPConfig{Host: ""}, false, 0},
		{SMTPConfig{Host: "smtp.example.org\r\nX"}, false, 0},
	} {
		s, err := NewSMTP(tc.cfg, nil)
		if (err == nil) != tc.ok {
			t.Errorf("NewSMTP(%+v): err %v, want ok=%v", tc.cfg, err, tc.ok)
			continue
		}
		if err == nil && s.cfg.Port != tc.port {
			t.Errorf("NewSMTP(%+v): port %d, want %d", tc.cfg, s.cfg.Port, tc.port)
		}
	}
}

// TestTemporaryGoMailSendError drives go-mail's own Client against the fake
// server to get real *mail.SendError values, and checks Temporary reads
// their IsTemp.
func TestTemporaryGoMailSendError(t *testing.T) {
	for _, code := range []int{451, 550} {
		f := startFake(t, func(f *fakeServer) {
			f.rcptErr = func(string) error { return smtpErr(code, esmtp.EnhancedCode{code / 100, 0, 0}, "no") }
		})
		c, err := gomail.NewClient("127.0.0.1", gomail.WithPort(f.port), gomail.WithTLSPolicy(gomail.NoTLS), gomail.WithTimeout(5*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		msg := gomail.NewMsg()
		if err := msg.From("briefings@example.org"); err != nil {
			t.Fatal(err)
		}
		if err := msg.To("zhang@example.org"); err != nil {
			t.Fatal(err)
		}
		msg.Subject("test")
		msg.SetBodyString(gomail.TypeTextPlain, "test")
		err = c.DialAndSendWithContext(context.Background(), msg)
		var se *gomail.SendError
		if !errors.As(err, &se) {
			t.Fatalf("%d: err %v (%T) is not a *mail.SendError", code, err, err)
		}
		if want := code < 500; Temporary(fmt.Errorf("wrapped: %w", err)) != want || se.IsTemp() != want {
			t.Errorf("%d: Temporary = %v, IsTemp = %v; want %v", code, Temporary(err), se.IsTemp(), want)
		}
	}
}

func TestTemporary(t *testing.T) {
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("something odd"), false},
		{fmt.Errorf("x: %w", &textproto.Error{Code: 421, Msg: "closing"}), true},
		{fmt.Errorf("x: %w", &textproto.Error{Code: 454, Msg: "TLS not available"}), true},
		{fmt.Errorf("SMTP AUTH failed: %w", &textproto.Error{Code: 535, Msg: "bad credentials"}), false},
		{fmt.Errorf("x: %w", &textproto.Error{Code: 550, Msg: "no"}), false},
		{fmt.Errorf("%w: %w", ErrTooLarge, &textproto.Error{Code: 452, Msg: "too big for now"}), false},
		{fmt.Errorf("x: %w", ErrHeaderInjection), false},
		{fmt.Errorf("x: %w", fs.ErrExist), false},
		{timeout, true},
		{&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true},
		{io.EOF, true},
		{io.ErrUnexpectedEOF, true},
		{context.DeadlineExceeded, true},
		{context.Canceled, true},
		{&net.DNSError{Err: "no such host", Name: "smtp.example.invalid", IsNotFound: true}, false},
		{&net.DNSError{Err: "server misbehaving", Name: "smtp.example.org", IsTemporary: true}, true},
		{&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}, false},
		{x509.HostnameError{Host: "smtp.example.org"}, false},
		{tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}, false},
	} {
		if got := Temporary(tc.err); got != tc.want {
			t.Errorf("Temporary(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
