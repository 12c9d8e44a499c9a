// Package mailpittest starts a real Mailpit SMTP server
// (github.com/axllent/mailpit) for tests, on loopback ports. CI installs it
// with `go install github.com/axllent/mailpit@v1.33.1`; the binary is
// $MAILPIT, else mailpit on PATH, else $(go env GOPATH)/bin/mailpit. Without
// it a test fails under CI=true and is skipped, loudly, elsewhere.
package mailpittest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Install is the command that installs the Mailpit the tests expect.
const Install = "go install github.com/axllent/mailpit@v1.33.1"

var path = sync.OnceValues(func() (string, error) {
	if p := os.Getenv("MAILPIT"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("MAILPIT=%s: %w", p, err)
		}
		return p, nil
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p, nil
	}
	out, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			p := filepath.Join(dir, "bin", "mailpit")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	return "", errors.New("mailpit not found ($MAILPIT, PATH, $(go env GOPATH)/bin)")
})

// Binary finds the Mailpit binary, or fails (CI) or skips (elsewhere).
func Binary(t testing.TB) string {
	t.Helper()
	p, err := path()
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%v: CI must install it (%s) or set MAILPIT", err, Install)
	}
	t.Skipf("\n"+
		"**********************************************************************\n"+
		"*** SKIPPING the Mailpit end-to-end test %s:\n"+
		"*** %v.\n"+
		"*** Install it with: %s\n"+
		"*** (CI=true makes this a failure.)\n"+
		"**********************************************************************", t.Name(), err, Install)
	return ""
}

// FreePort finds a free loopback TCP port.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Server is a running Mailpit.
type Server struct {
	SMTPPort int
	API      string // http://127.0.0.1:PORT (its REST API is under /api/v1)
	Log      string // its log file
}

// Start starts Mailpit with extra flags and waits until both SMTP and the
// API answer; Cleanup stops it. smtpPort 0 takes a free port (retrying if
// another process takes it first).
func Start(t testing.TB, smtpPort int, flags ...string) *Server {
	t.Helper()
	bin := Binary(t)
	var lastLog string
	for attempt := 0; attempt < 3; attempt++ {
		dir := t.TempDir()
		s := &Server{SMTPPort: smtpPort, Log: filepath.Join(dir, "mailpit.log")}
		if s.SMTPPort == 0 {
			s.SMTPPort = FreePort(t)
		}
		httpPort := FreePort(t)
		s.API = "http://127.0.0.1:" + strconv.Itoa(httpPort)
		args := append([]string{
			"--smtp", "127.0.0.1:" + strconv.Itoa(s.SMTPPort),
			"--listen", "127.0.0.1:" + strconv.Itoa(httpPort),
			"--database", filepath.Join(dir, "mailpit.db"),
			"--disable-version-check", "--smtp-disable-rdns",
		}, flags...)
		logf, err := os.Create(s.Log)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = logf, logf
		if err := cmd.Start(); err != nil {
			logf.Close()
			t.Fatalf("starting %s: %v", bin, err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); logf.Close(); close(exited) }()
		stop := func() {
			cmd.Process.Signal(os.Interrupt)
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-exited
			}
		}
		if s.waitReady(exited) {
			t.Cleanup(stop)
			return s
		}
		stop()
		b, _ := os.ReadFile(s.Log)
		lastLog = string(b)
		if smtpPort != 0 || !strings.Contains(lastLog, "address already in use") {
			break
		}
	}
	t.Fatalf("mailpit did not come up; its log:\n%s", lastLog)
	return nil
}

func (s *Server) waitReady(exited <-chan struct{}) bool {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return false
		default:
		}
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(s.SMTPPort), time.Second)
		if err == nil {
			c.Close()
			resp, err := http.Get(s.API + "/api/v1/messages")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return true
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// SelfSigned writes a self-signed certificate for 127.0.0.1 and localhost
// and returns the files and a pool that trusts it.
func SelfSigned(t testing.TB) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "zonebrief test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600); err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// AuthFile writes a Mailpit --smtp-auth-file with one user.
func AuthFile(t testing.TB, user, password string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "smtp-auth")
	if err := os.WriteFile(p, []byte(user+":"+password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
