// Package mail renders zonebrief's briefing e-mails and delivers them.
//
// A delivery has three steps, each a plain function or method so that the
// dispatcher can put its ledger, retries and logging between them:
//
//  1. Build renders a Message (UTF-8 subject, plain-text and HTML bodies,
//     attachments with Chinese file names) as RFC 5322 bytes. The bytes
//     depend on the Message alone, so a retry sends exactly what the first
//     attempt sent and the ledger can record one size and one Message-ID.
//  2. Fit shrinks a Message to a server's size limit (zip the attachments,
//     then leave the workbooks out and say so in the body) or reports
//     ErrTooLarge; it never truncates.
//  3. A sender delivers the bytes: SMTP (over go-mail's SMTP client) or Dir,
//     which writes .eml files and is the default when no server is
//     configured. Temporary tells the caller whether a failed send is worth
//     another attempt.
//
// Nothing here retries, sleeps or remembers what was sent: that is the
// dispatcher's job.
package mail
