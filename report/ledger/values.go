package ledger

import (
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The range of times an int64 of nanoseconds holds, with a margin.
var (
	minTime = time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2250, 1, 1, 0, 0, 0, 0, time.UTC)
)

// stamp encodes a non-zero time for the database.
func stamp(what string, t time.Time) (int64, error) {
	if t.IsZero() {
		return 0, fmt.Errorf("ledger: %s time is zero", what)
	}
	if t.Before(minTime) || !t.Before(maxTime) {
		return 0, fmt.Errorf("ledger: %s time %s is out of range", what, t.Format(time.RFC3339))
	}
	return t.UnixNano(), nil
}

// unstamp decodes a time; NULL is the zero time.
func unstamp(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

var (
	// scheme://user:password@host → scheme://REDACTED@host
	urlUserinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)[^/\s@]+@`)
	// password=…, token: … and the like.
	secretField = regexp.MustCompile(`(?i)\b(pass(?:word|wd)?|pwd|secret|token|api[_-]?key|auth)\b(\s*[=:]\s*)\S+`)
	spaces      = regexp.MustCompile(`\s+`)
)

// clean makes an error message fit to keep: one line, secrets that look
// like URL credentials or key=value pairs redacted, at most maxErrorLen
// bytes of valid UTF-8.
func clean(msg string) string {
	msg = strings.ToValidUTF8(msg, "\uFFFD")
	msg = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, msg)
	msg = spaces.ReplaceAllString(strings.TrimSpace(msg), " ")
	msg = urlUserinfo.ReplaceAllString(msg, "${1}REDACTED@")
	msg = secretField.ReplaceAllString(msg, "${1}${2}REDACTED")
	if len(msg) <= maxErrorLen {
		return msg
	}
	const ellipsis = "…"
	cut := maxErrorLen - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + ellipsis
}

// normRecipient is the form a recipient is kept and compared in.
func normRecipient(addr string) string { return strings.ToLower(strings.TrimSpace(addr)) }
