package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
)

// Dir is a sender that writes each message to Path/<message id>.eml
// instead of sending it: the default when the configuration names no SMTP
// server, and a way to look at what would be sent. The file name is the
// Message-ID without its angle brackets, with characters other than
// letters, digits and @._+=- replaced by _.
type Dir struct {
	Path string
}

// Send writes eml to d.Path/<message id>.eml, creating the directory if
// needed. The write is atomic (a temporary file, synced, then linked into
// place), so a reader never sees half a message. Sending the same bytes
// again is a no-op; an existing file with other content is never
// overwritten: the error wraps fs.ErrExist and Temporary says false.
//
// from and to are checked as SMTP.Send checks them and otherwise unused:
// the To header inside eml says who the message is for. A Message-ID that
// holds a path (/, \, ..) or no Message-ID is an error.
func (d Dir) Send(ctx context.Context, from string, to []string, eml []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, _, err := envelope(from, to, eml); err != nil {
		return err
	}
	if d.Path == "" {
		return errors.New("mail: dir: no path")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		return fmt.Errorf("mail: dir: reading the message's header: %w", err)
	}
	name, err := fileName(msg.Header.Get("Message-Id"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.Path, 0o750); err != nil {
		return fmt.Errorf("mail: dir: %w", err)
	}
	final := filepath.Join(d.Path, name)
	if err := checkExisting(final, eml); !errors.Is(err, fs.ErrNotExist) {
		return err // nil: already written
	}

	tmp, err := os.CreateTemp(d.Path, ".tmp-*.eml")
	if err != nil {
		return fmt.Errorf("mail: dir: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful link, the temporary name goes
	_, err = tmp.Write(eml)
	if err == nil {
		err = tmp.Chmod(0o640)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("mail: dir: %w", err)
	}
	// Link, unlike rename, fails if final exists: two writers of the same
	// message id cannot replace each other's file.
	if err := os.Link(tmp.Name(), final); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return checkExisting(final, eml)
		}
		return fmt.Errorf("mail: dir: %w", err)
	}
	if f, err := os.Open(d.Path); err == nil {
		f.Sync() // make the new name durable; best effort
		f.Close()
	}
	return nil
}

// checkExisting returns nil if path holds eml, an error wrapping
// fs.ErrExist if it holds something else, and one wrapping fs.ErrNotExist
// if there is no such file.
func checkExisting(path string, eml []byte) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("mail: dir: %w", err)
	}
	if !bytes.Equal(old, eml) {
		return fmt.Errorf("mail: dir: %s already holds another message with this Message-ID: %w", path, fs.ErrExist)
	}
	return nil
}

// fileName turns a Message-ID into a file name, refusing ids that try to
// leave the directory.
func fileName(id string) (string, error) {
	id = strings.TrimSpace(id)
	inner := strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	switch {
	case inner == "":
		return "", errors.New("mail: dir: the message has no Message-ID")
	case strings.ContainsAny(inner, "/\\\x00") || strings.Contains(inner, "..") || strings.HasPrefix(inner, "."):
		return "", fmt.Errorf("mail: dir: Message-ID %q holds a path", id)
	}
	var b strings.Builder
	for _, r := range inner {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', strings.ContainsRune("@._+=-", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if len(name) > 200 {
		sum := sha256.Sum256([]byte(inner))
		name = name[:180] + "-" + hex.EncodeToString(sum[:8])
	}
	return name + ".eml", nil
}
