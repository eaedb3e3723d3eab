// Package notify delivers notifications outside the app: email through an
// SMTP server with github.com/wneessen/go-mail. The activities call it, so
// a failed delivery is retried by Temporal.
package notify

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	mail "github.com/wneessen/go-mail"
)

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

// Send mails one message to to. The subject may be Chinese: go-mail
// encodes it as an RFC 2047 encoded word.
func (m *Mailer) Send(ctx context.Context, to, subject, body string) error {
	msg := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8))
	if err := msg.From(m.cfg.From); err != nil {
		return fmt.Errorf("from address: %w", err)
	}
	if err := msg.To(to); err != nil {
		return fmt.Errorf("to address: %w", err)
	}
	msg.Subject(subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(mail.TypeTextPlain, body)
	client, err := mail.NewClient(m.host, m.options()...)
	if err != nil {
		return err
	}
	return client.DialAndSendWithContext(ctx, msg)
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
