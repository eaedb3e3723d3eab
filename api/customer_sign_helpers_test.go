package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"salesflow/notify"
	"salesflow/notify/smtptest"
	"salesflow/service"
	"salesflow/worker"
)

// sendFile posts form with content as its file "file" (none when nil),
// as a browser's multipart form does, and returns the status, the
// Location and the body.
func (b *pageClient) sendFile(path string, form url.Values, name string, content []byte) (int, string, string) {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			if err := w.WriteField(k, v); err != nil {
				b.t.Fatal(err)
			}
		}
	}
	if content != nil {
		part, err := w.CreateFormFile("file", name)
		if err == nil {
			_, err = part.Write(content)
		}
		if err != nil {
			b.t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.t.Fatal(err)
	}
	req, err := http.NewRequest("POST", b.base+path, &body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", b.base)
	res, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(raw)
}

// mailEnv is the integration environment with mail: a recording SMTP
// server, a worker of its own that mails through it (the shared worker
// mails nothing), and an API starting its workflows on that worker's
// task queue. The database, Temporal and the people are the shared ones.
type mailEnv struct {
	*testEnv
	SMTP *smtptest.Server
}

func newMailEnv(t *testing.T) *mailEnv {
	t.Helper()
	shared := newTestEnv(t)
	e := *shared
	srv := smtptest.Start(t)
	mailer, err := notify.NewMailer(notify.SMTPConfig{Addr: srv.Addr, From: "salesflow@example.com", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	acts := shared.activities()
	acts.Mailer = mailer
	e.TaskQueue = "test-mail-" + randomSuffix()
	e.Worker = worker.New(shared.Temporal, e.TaskQueue, acts)
	if err := e.Worker.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Worker.Stop)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.handler = testHandler(shared.Store, shared.Temporal, log, service.Config{TaskQueue: e.TaskQueue, ContractTiming: hourTimings,
		SigningKeys: shared.trustedKeys()}, Config{PDFFont: shared.Font})
	api := httptest.NewServer(e.handler)
	t.Cleanup(api.Close)
	e.URL = api.URL
	return &mailEnv{testEnv: &e, SMTP: srv}
}

// mailTo waits for the n-th message (from 1) to addr and returns its text.
func (m *mailEnv) mailTo(t *testing.T, addr string, n int) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var got []string
		for _, msg := range m.SMTP.Messages() {
			for _, to := range msg.To {
				if strings.EqualFold(to, addr) {
					got = append(got, string(msg.Raw))
				}
			}
		}
		if len(got) >= n {
			return decodeMail(t, got[n-1])
		}
		if time.Now().After(deadline) {
			t.Fatalf("mail %d to %s did not arrive (%d did)", n, addr, len(got))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// decodeMail undoes the body's transfer encoding (go-mail writes
// quoted-printable or base64 for UTF-8 text).
func decodeMail(t *testing.T, raw string) string {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("mail: %v", err)
	}
	body, _ := io.ReadAll(msg.Body)
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body, err = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
	case "base64":
		body, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(body)), ""))
	}
	if err != nil {
		t.Fatalf("mail body: %v", err)
	}
	return string(body)
}

var (
	signLink = regexp.MustCompile(`https?://[^\s]+/sign/[A-Za-z0-9_-]{43}`)
	mailCode = regexp.MustCompile(`\b[0-9]{6}\b`)
)

// withContact gives the customer of a contract or proposal a contact with
// an address.
func (e *testEnv) withContact(t *testing.T, customerID, name, email string) {
	t.Helper()
	_, err := e.Store.DB().ExecContext(context.Background(), `INSERT INTO customer_contacts (customer_id, name, email, is_decision_maker)
		VALUES ($1, $2, $3, true)`, customerID, name, email)
	if err != nil {
		t.Fatal(err)
	}
}
