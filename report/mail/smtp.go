package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// SMTPConfig says how to reach the mail server.
type SMTPConfig struct {
	Host string
	// Port defaults to 587 for starttls, 465 for tls, 25 for none.
	Port int
	// TLS is starttls (the default when empty: plain connection, then
	// STARTTLS, which must succeed), tls (TLS from the first byte, "SMTPS")
	// or none (only to a loopback address).
	TLS string
	// Username and Password, when Username is set, authenticate with SMTP
	// AUTH, which is only done over TLS or STARTTLS.
	Username, Password string
	// Auth picks the AUTH mechanism: empty or "auto" takes the first the
	// server offers of PLAIN, LOGIN, SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5;
	// or one of plain, login, cram-md5, scram-sha-1, scram-sha-256.
	Auth string
	// HelloName is the name sent with EHLO; empty means the host name.
	HelloName string
	// Timeout bounds each step of a conversation: connecting, each command
	// and each 64 KiB of the message. Zero means 30 seconds. The context
	// given to Send bounds the whole.
	Timeout time.Duration
	// TLSConfig, when set, is used (cloned) for TLS and STARTTLS, for
	// example to trust a private CA. Nil means the system's roots. An empty
	// ServerName is set to Host.
	TLSConfig *tls.Config
}

// SMTP sends messages through one mail server. Each Send opens its own
// connection, so an SMTP is safe for concurrent use.
type SMTP struct {
	cfg     SMTPConfig
	addr    string
	helo    string
	tls     *tls.Config
	timeout time.Duration
	log     *slog.Logger
}

const defaultTimeout = 30 * time.Second

// NewSMTP checks cfg and returns a sender for it; it does not connect.
// It refuses TLS "none" unless Host is a loopback address (localhost,
// 127.0.0.0/8, ::1), and refuses a Username with TLS "none": credentials
// never travel in clear text. A nil log discards.
func NewSMTP(cfg SMTPConfig, log *slog.Logger) (*SMTP, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg.TLS = strings.ToLower(strings.TrimSpace(cfg.TLS))
	cfg.Host = strings.TrimSuffix(strings.TrimPrefix(cfg.Host, "["), "]") // [::1] → ::1
	if cfg.TLS == "" {
		cfg.TLS = "starttls"
	}
	if cfg.Host == "" {
		return nil, errors.New("mail: smtp: no host")
	}
	if strings.ContainsAny(cfg.Host+cfg.HelloName, "\r\n \t/") {
		return nil, fmt.Errorf("mail: smtp: host %q or hello name %q is not a name", cfg.Host, cfg.HelloName)
	}
	if cfg.Port == 0 {
		cfg.Port = map[string]int{"starttls": 587, "tls": 465, "none": 25}[cfg.TLS]
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		return nil, fmt.Errorf("mail: smtp: port %d out of range", cfg.Port)
	}
	switch cfg.TLS {
	case "starttls", "tls":
	case "none":
		if !isLoopback(cfg.Host) {
			return nil, fmt.Errorf("mail: smtp: tls none is only allowed to a loopback address, not %q: use starttls or tls", cfg.Host)
		}
		if cfg.Username != "" {
			return nil, errors.New("mail: smtp: AUTH needs tls or starttls: set tls, or remove the username")
		}
	default:
		return nil, fmt.Errorf("mail: smtp: tls %q: want starttls, tls or none", cfg.TLS)
	}
	if _, err := authOption(cfg.Auth); err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("mail: smtp: negative timeout %v", cfg.Timeout)
	}
	s := &SMTP{cfg: cfg, addr: net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)), timeout: cfg.Timeout, log: log}
	if s.timeout == 0 {
		s.timeout = defaultTimeout
	}
	s.helo = cfg.HelloName
	if s.helo == "" {
		if h, err := os.Hostname(); err == nil && h != "" {
			s.helo = h
		} else {
			s.helo = "localhost"
		}
	}
	if cfg.TLSConfig != nil {
		s.tls = cfg.TLSConfig.Clone()
	} else {
		s.tls = &tls.Config{}
	}
	if s.tls.ServerName == "" {
		s.tls.ServerName = cfg.Host
	}
	if s.tls.MinVersion == 0 {
		s.tls.MinVersion = tls.VersionTLS12
	}
	return s, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

func authOption(auth string) (gomail.Option, error) {
	switch strings.ToLower(auth) {
	case "", "auto":
		return gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin,
			gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1, gomail.SMTPAuthCramMD5), nil
	case "plain":
		return gomail.WithSMTPAuth(gomail.SMTPAuthPlain), nil
	case "login":
		return gomail.WithSMTPAuth(gomail.SMTPAuthLogin), nil
	case "cram-md5":
		return gomail.WithSMTPAuth(gomail.SMTPAuthCramMD5), nil
	case "scram-sha-1":
		return gomail.WithSMTPAuth(gomail.SMTPAuthSCRAMSHA1), nil
	case "scram-sha-256":
		return gomail.WithSMTPAuth(gomail.SMTPAuthSCRAMSHA256), nil
	}
	return nil, fmt.Errorf("mail: smtp: auth %q: want auto, plain, login, cram-md5, scram-sha-1 or scram-sha-256", auth)
}

// Send delivers eml, as it is, to the recipients: MAIL FROM the address in
// from, RCPT TO each address in to, DATA eml. from and to may carry display
// names ("name <address>"); only the addresses are used. If the server
// refuses any recipient, nothing is sent. A 552 reply to the message wraps
// ErrTooLarge. Use Temporary on the error to decide about a retry.
//
// Send returns when ctx is done, with an error wrapping ctx's error.
//
// A timeout while waiting for the reply to the end of the message is
// temporary, but the server may have taken the message all the same: SMTP
// cannot tell, and a retry may then deliver it twice (with the same
// Message-ID, which lets clients and the recipient recognise it).
func (s *SMTP) Send(ctx context.Context, from string, to []string, eml []byte) error {
	envFrom, rcpts, err := envelope(from, to, eml)
	if err != nil {
		return err
	}
	start := time.Now()
	c, closeConn, err := s.dial(ctx)
	if err != nil {
		return s.wrap(ctx, "connect", err)
	}
	defer closeConn()
	quit := func() {
		// Polite, but a server that stopped answering gets no more time.
		if c.UpdateDeadline(min(s.timeout, 2*time.Second)) == nil {
			_ = c.Quit()
		}
	}
	step := func(name string, f func() error) error {
		if err := c.UpdateDeadline(s.timeout); err != nil {
			return s.wrap(ctx, name, err)
		}
		if err := f(); err != nil {
			var te *textproto.Error
			if errors.As(err, &te) {
				quit()
			}
			return s.wrap(ctx, name, err)
		}
		return nil
	}
	if err := step("MAIL FROM "+envFrom, func() error { return c.Mail("<" + envFrom + ">") }); err != nil {
		return err
	}
	for _, r := range rcpts {
		if err := step("RCPT TO "+r, func() error { return c.Rcpt("<" + r + ">") }); err != nil {
			return err
		}
	}
	var w io.WriteCloser
	if err := step("DATA", func() (err error) { w, err = c.Data(); return err }); err != nil {
		return err
	}
	const chunk = 64 << 10
	for off := 0; off < len(eml); off += chunk {
		part := eml[off:min(off+chunk, len(eml))]
		if err := step("message", func() error { _, err := w.Write(part); return err }); err != nil {
			return err
		}
	}
	if err := step("end of DATA", w.Close); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) && te.Code == 552 {
			return fmt.Errorf("%w: %w", ErrTooLarge, err)
		}
		return err
	}
	resp := ""
	if dc, ok := w.(*gosmtp.DataCloser); ok {
		resp = dc.ServerResponse()
	}
	quit()
	s.log.DebugContext(ctx, "mail: sent", "server", s.addr, "from", envFrom, "to", rcpts,
		"bytes", len(eml), "took", time.Since(start).Round(time.Millisecond), "reply", resp)
	return nil
}

// MaxSize connects, greets (STARTTLS and AUTH as configured) and returns
// the limit the server advertises with the SIZE extension, or 0 if it
// advertises none.
func (s *SMTP) MaxSize(ctx context.Context) (int, error) {
	c, closeConn, err := s.dial(ctx)
	if err != nil {
		return 0, s.wrap(ctx, "connect", err)
	}
	defer closeConn()
	ok, v := c.Extension("SIZE")
	if c.UpdateDeadline(min(s.timeout, 2*time.Second)) == nil {
		_ = c.Quit()
	}
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("mail: smtp %s: server advertises SIZE %q", s.addr, v)
	}
	return n, nil
}

func (s *SMTP) wrap(ctx context.Context, step string, err error) error {
	if cerr := ctxErr(ctx); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("mail: smtp %s: %s: %w (%w)", s.addr, step, cerr, err)
	}
	return fmt.Errorf("mail: smtp %s: %s: %w", s.addr, step, err)
}

// ctxErr is ctx's error, and DeadlineExceeded from the moment ctx's
// deadline passes: a connection deadline clamped to it can fire before
// ctx's own timer does.
func ctxErr(ctx context.Context) error {
	if err := context.Cause(ctx); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// envelope checks the envelope addresses and the message.
func envelope(from string, to []string, eml []byte) (string, []string, error) {
	f, err := parseAddress("from", from)
	if err != nil {
		return "", nil, err
	}
	if len(to) == 0 {
		return "", nil, errors.New("mail: no recipients")
	}
	rcpts := make([]string, len(to))
	for i, t := range to {
		a, err := parseAddress("to", t)
		if err != nil {
			return "", nil, err
		}
		rcpts[i] = a.Address
	}
	if len(eml) == 0 {
		return "", nil, errors.New("mail: empty message")
	}
	return f.Address, rcpts, nil
}

// dial connects through go-mail: TLS or STARTTLS, EHLO, AUTH. The
// connection it returns honours ctx: when ctx is done, every read and write
// fails at once. closeConn releases it.
func (s *SMTP) dial(ctx context.Context) (*gosmtp.Client, func(), error) {
	var (
		mu    sync.Mutex
		conns []*ctxConn
	)
	closeConn := func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.stop()
			c.Close()
		}
		conns = nil
	}
	dialFunc := func(dctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		raw, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		c := newCtxConn(ctx, raw)
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
		if s.cfg.TLS != "tls" {
			return c, nil
		}
		tc := tls.Client(c, s.tls)
		if err := tc.HandshakeContext(dctx); err != nil {
			return nil, err
		}
		return tc, nil
	}
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.timeout),
		gomail.WithHELO(s.helo),
		gomail.WithTLSConfig(s.tls),
		gomail.WithDialContextFunc(dialFunc),
	}
	switch s.cfg.TLS {
	case "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "tls", "none":
		// With "tls" the dialer above already speaks TLS: go-mail must not
		// try STARTTLS on top. ("none" is loopback only, see NewSMTP.)
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.cfg.Username != "" {
		auth, _ := authOption(s.cfg.Auth) // checked in NewSMTP
		opts = append(opts, auth, gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	gm, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return nil, nil, err
	}
	c, err := gm.DialToSMTPClientWithContext(ctx)
	if err != nil {
		// go-mail leaves the connection open when EHLO, STARTTLS or AUTH fail.
		closeConn()
		return nil, nil, err
	}
	return c, closeConn, nil
}

// ctxConn is a connection whose deadlines never reach past its context's
// deadline and which fails every read and write once the context is done.
type ctxConn struct {
	net.Conn
	ctx  context.Context
	mu   sync.Mutex
	stop func() bool
}

var past = time.Unix(1, 0)

func newCtxConn(ctx context.Context, c net.Conn) *ctxConn {
	cc := &ctxConn{Conn: c, ctx: ctx}
	cc.stop = context.AfterFunc(ctx, func() {
		cc.mu.Lock()
		defer cc.mu.Unlock()
		cc.Conn.SetDeadline(past)
	})
	return cc
}

func (c *ctxConn) clamp(t time.Time) time.Time {
	if c.ctx.Err() != nil {
		return past
	}
	if d, ok := c.ctx.Deadline(); ok && (t.IsZero() || d.Before(t)) {
		return d
	}
	return t
}

func (c *ctxConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Conn.SetDeadline(c.clamp(t))
}

func (c *ctxConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Conn.SetReadDeadline(c.clamp(t))
}

func (c *ctxConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Conn.SetWriteDeadline(c.clamp(t))
}

// Temporary reports whether a failed send is worth another attempt later:
//
//   - 4xx replies (textproto.Error codes 400–499, go-mail's *SendError with
//     IsTemp), including a 4xx to AUTH or to the greeting: true;
//   - connection refused, reset or closed by the server, an unreachable
//     network, a timeout, a done context (the send was cut short here, not
//     refused there): true;
//   - 5xx replies (550 no such user, 554 rejected, 535 wrong password),
//     ErrTooLarge, ErrHeaderInjection, a bad address, an unknown host, a
//     certificate that does not verify, a server that does not speak TLS or
//     offers no STARTTLS or AUTH, a file in the way of Dir: false.
//
// Anything else is false: an error nobody classified is a bug or a
// configuration problem, and repeating it will not help.
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrHeaderInjection) || errors.Is(err, fs.ErrExist) {
		return false
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		return se.IsTemp()
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code >= 400 && te.Code < 500
	}
	var (
		verr  *tls.CertificateVerificationError
		uaerr x509.UnknownAuthorityError
		herr  x509.HostnameError
		cierr x509.CertificateInvalidError
		rherr tls.RecordHeaderError
		aerr  tls.AlertError
	)
	if errors.As(err, &verr) || errors.As(err, &uaerr) || errors.As(err, &herr) ||
		errors.As(err, &cierr) || errors.As(err, &rherr) || errors.As(err, &aerr) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return !dnsErr.IsNotFound
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	for _, e := range []error{syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED,
		syscall.EPIPE, syscall.ENETUNREACH, syscall.EHOSTUNREACH, syscall.ETIMEDOUT,
		io.EOF, io.ErrUnexpectedEOF, net.ErrClosed} {
		if errors.Is(err, e) {
			return true
		}
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}
