package notify

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// inbox is an in-process SMTP server that keeps what it receives.
type inbox struct {
	mu   sync.Mutex
	msgs [][]byte
	rcpt []string
}

func (b *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct{ b *inbox }

func (s *session) Reset()                               {}
func (s *session) Logout() error                        { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	s.b.rcpt = append(s.b.rcpt, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	s.b.msgs = append(s.b.msgs, raw)
	return err
}

func startInbox(t *testing.T) (*inbox, string) {
	t.Helper()
	b := &inbox{}
	srv := smtp.NewServer(b)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { srv.Close() })
	return b, l.Addr().String()
}

// TestChineseSubjectArrivesIntact: the subject goes out as RFC 2047
// encoded words and decodes to the same Chinese text at the server.
func TestChineseSubjectArrivesIntact(t *testing.T) {
	b, addr := startInbox(t)
	m, err := NewMailer(SMTPConfig{Addr: addr, From: "salesflow@example.com", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	subject := "张三 的拜访计划待您审批 / Visit plan waits for your approval"
	if err := m.Send(context.Background(), "manager@example.com", subject, "客户：华联商场\n请审批。"); err != nil {
		t.Fatal(err)
	}
	if len(b.msgs) != 1 || b.rcpt[0] != "manager@example.com" {
		t.Fatalf("one message to the manager, got %d to %v", len(b.msgs), b.rcpt)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(b.msgs[0]))
	if err != nil {
		t.Fatal(err)
	}
	raw := msg.Header.Get("Subject")
	if !strings.Contains(raw, "=?UTF-8?") {
		t.Fatalf("the subject is not RFC 2047 encoded: %q", raw)
	}
	decoded, err := new(mime.WordDecoder).DecodeHeader(raw)
	if err != nil || decoded != subject {
		t.Fatalf("subject decoded to %q (%v), want %q", decoded, err, subject)
	}
	body, _ := io.ReadAll(msg.Body)
	if !strings.Contains(decodeBody(t, msg.Header.Get("Content-Transfer-Encoding"), body), "华联商场") {
		t.Fatalf("body lost its Chinese text: %s", body)
	}
}

func TestMailerDisabledWithoutAddress(t *testing.T) {
	m, err := NewMailer(SMTPConfig{})
	if m != nil || err != nil {
		t.Fatal("no SMTP address: email off, no error")
	}
	if _, err := NewMailer(SMTPConfig{Addr: "x:25", TLS: "sometimes"}); err == nil {
		t.Fatal("an unknown TLS mode is refused")
	}
}

// decodeBody undoes the body's transfer encoding.
func decodeBody(t *testing.T, encoding string, body []byte) string {
	t.Helper()
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		out, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	case "base64":
		out, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(body)), ""))
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	return string(body)
}
