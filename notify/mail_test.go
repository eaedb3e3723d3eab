package notify

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"salesflow/notify/smtptest"
)

// TestChineseSubjectArrivesIntact: the subject goes out as RFC 2047
// encoded words and decodes to the same Chinese text at the server.
func TestChineseSubjectArrivesIntact(t *testing.T) {
	b := smtptest.Start(t)
	m, err := NewMailer(SMTPConfig{Addr: b.Addr, From: "salesflow@example.com", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	subject := "张三 的拜访计划待您审批 / Visit plan waits for your approval"
	if err := m.Send(context.Background(), "visit-v1/created/visit_plan/m", "manager@example.com", subject, "客户：华联商场\n请审批。"); err != nil {
		t.Fatal(err)
	}
	msgs := b.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "manager@example.com" {
		t.Fatalf("one message to the manager, got %v", msgs)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(msgs[0].Raw))
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

// TestNotificationHeaders: every try of one notification carries the same
// Message-ID, derived from its id, and the id itself (even a long one, so
// folded); a refused recipient is a permanent error, a server that is down
// is not.
func TestNotificationHeaders(t *testing.T) {
	b := smtptest.Start(t)
	b.Refuse("gone@example.com")
	m, err := NewMailer(SMTPConfig{Addr: b.Addr, From: "Salesflow <salesflow@example.com>", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	id := "task/0b5c7a52-7cf1-4b0a-9b1e-0c7e0d5d1f11/task_escalated/5b4f5c86-0a3b-4f0e-8d57-3f0a52f6b1de"
	ctx := context.Background()
	for range 2 {
		if err := m.Send(ctx, id, "boss@example.com", "提醒 / Reminder", "body"); err != nil {
			t.Fatal(err)
		}
	}
	msgs := b.Messages()
	want := "<" + MessageID(id, "salesflow@example.com") + ">"
	for _, msg := range msgs {
		if got := msg.Header.Get("Message-Id"); got != want {
			t.Errorf("Message-ID %q, want %q on every try", got, want)
		}
		if got := msg.Header.Get(NotificationHeader); got != id {
			t.Errorf("%s: %q, want %q", NotificationHeader, got, id)
		}
	}
	if !strings.HasSuffix(want, "@example.com>") || MessageID("other", "salesflow@example.com") == MessageID(id, "salesflow@example.com") {
		t.Errorf("Message-ID %s: the id's hash at the sender's domain", want)
	}
	var perm interface{ Permanent() bool }
	if err := m.Send(ctx, "n2", "gone@example.com", "s", "b"); !errors.As(err, &perm) {
		t.Errorf("550 to RCPT TO: %v, want a permanent error", err)
	}
	b.SetDown(true)
	if err := m.Send(ctx, "n3", "boss@example.com", "s", "b"); err == nil || errors.As(err, &perm) {
		t.Errorf("server down: %v, want an error worth retrying", err)
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
