// Package notify delivers notifications outside the app: email through an
// SMTP server with github.com/wneessen/go-mail, and a signed webhook. The
// activities call them and retry a failed delivery with backoff.
package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

// NotificationHeader carries the id of the notification a message was
// sent for, so a receiving side (or a test) can count and drop copies.
const NotificationHeader = "X-Salesflow-Notification"

// SMTPConfig says where and how mail is sent.
type SMTPConfig struct {
	Addr     string // host:port; empty disables email
	From     string
	Username string // empty: no authentication
	Password string
	// TLS is "none", "opportunistic" (STARTTLS when offered), "mandatory"
	// (STARTTLS required) or "ssl" (implicit TLS).
	TLS string
}

// Mailer sends plain-text UTF-8 email.
type Mailer struct {
	cfg  SMTPConfig
	host string
	port int
}

// NewMailer checks cfg; it returns nil, nil when email is not configured.
func NewMailer(cfg SMTPConfig) (*Mailer, error) {
	if cfg.Addr == "" {
		return nil, nil
	}
	host, portText, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("SMTP address %q: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("SMTP port %q: %w", portText, err)
	}
	switch cfg.TLS {
	case "", "none", "opportunistic", "mandatory", "ssl":
	default:
		return nil, fmt.Errorf("SMTP TLS mode %q: use none, opportunistic, mandatory or ssl", cfg.TLS)
	}
	return &Mailer{cfg: cfg, host: host, port: port}, nil
}

// Send mails notification id to to. The subject may be Chinese: go-mail
// encodes it as an RFC 2047 encoded word. The Message-ID is derived from
// id, the same on every try, and id goes in NotificationHeader: at the
// SMTP boundary delivery is at least once (a crash after the server took
// the message and before it is marked sent repeats it), and these let the
// receiving side recognise the copy. A refusal that trying again cannot
// change is a *PermanentError.
func (m *Mailer) Send(ctx context.Context, id, to, subject, body string) error {
	msg := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8))
	if err := msg.From(m.cfg.From); err != nil {
		return fmt.Errorf("from address: %w", err)
	}
	if err := msg.To(to); err != nil {
		return &PermanentError{Err: fmt.Errorf("to address: %w", err)}
	}
	msg.Subject(subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(MessageID(id, m.cfg.From))
	msg.SetGenHeader(NotificationHeader, id)
	msg.SetBodyString(mail.TypeTextPlain, body)
	client, err := mail.NewClient(m.host, m.options()...)
	if err != nil {
		return err
	}
	return permanence(client.DialAndSendWithContext(ctx, msg))
}

// MessageID is the Message-ID (without angle brackets) of notification
// id's email from the address from: a hash of the id at from's domain.
func MessageID(id, from string) string {
	sum := sha256.Sum256([]byte(id))
	domain := "salesflow.invalid"
	if a, err := netmail.ParseAddress(from); err == nil {
		if at := strings.LastIndex(a.Address, "@"); at >= 0 && at < len(a.Address)-1 {
			domain = a.Address[at+1:]
		}
	}
	return "notification." + hex.EncodeToString(sum[:16]) + "@" + domain
}

// PermanentError is a refusal that trying again cannot change: the server
// refused the recipient for good (5xx to RCPT TO), or the address is not
// one. The sender dead-letters such a notification at once.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent marks the error for the activities, which know it by this
// method alone.
func (e *PermanentError) Permanent() bool { return true }

// permanence wraps a 5xx answer to RCPT TO as a *PermanentError; every
// other failure (connection, 4xx, a 5xx to MAIL FROM, which is our
// configuration and not this recipient's) may pass with time.
func permanence(err error) error {
	var se *mail.SendError
	if errors.As(err, &se) && se.Reason == mail.ErrSMTPRcptTo && se.ErrorCode()/100 == 5 {
		return &PermanentError{Err: err}
	}
	return err
}

func (m *Mailer) options() []mail.Option {
	opts := []mail.Option{mail.WithPort(m.port), mail.WithTimeout(20 * time.Second)}
	switch m.cfg.TLS {
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case "mandatory":
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case "ssl":
		opts = append(opts, mail.WithSSL())
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	}
	if m.cfg.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(m.cfg.Username), mail.WithPassword(m.cfg.Password))
	}
	return opts
}
