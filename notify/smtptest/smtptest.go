// Package smtptest runs a real SMTP server for tests (built on
// github.com/emersion/go-smtp): it records every message it accepts, can
// refuse chosen recipients with a permanent 550, and can play a server that
// is down (421 to every connection). Tests count deliveries per
// notification through the X-Salesflow-Notification header the mailer sets.
package smtptest

import (
	"bytes"
	"io"
	"log"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// NotificationHeader names the notification a message was sent for; it is
// notify.NotificationHeader, written out here so this package needs
// nothing of ours.
const NotificationHeader = "X-Salesflow-Notification"

// Message is one accepted message.
type Message struct {
	From   string
	To     []string
	Header mail.Header
	Raw    []byte
}

// Server is a recording SMTP server on 127.0.0.1.
type Server struct {
	Addr string

	mu     sync.Mutex
	msgs   []Message
	refuse map[string]bool
	down   bool
}

// Start listens on a free port until t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{refuse: map[string]bool{}}
	srv := smtp.NewServer(s)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { srv.Close() })
	return s
}

// Refuse answers RCPT TO addr with 550 5.1.1 from now on.
func (s *Server) Refuse(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse[strings.ToLower(addr)] = true
}

// SetDown makes the server answer every new connection 421 (down) or
// serve again.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// Messages returns what was accepted so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// PerNotification counts the accepted messages by their notification
// header ("" for messages without one).
func (s *Server) PerNotification() map[string]int {
	counts := map[string]int{}
	for _, m := range s.Messages() {
		counts[m.Header.Get(NotificationHeader)]++
	}
	return counts
}

// NewSession implements smtp.Backend.
func (s *Server) NewSession(*smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		return nil, &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "service not available"}
	}
	return &session{s: s}, nil
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.refuse[strings.ToLower(to)] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	x.s.msgs = append(x.s.msgs, Message{From: x.from, To: x.to, Header: msg.Header, Raw: raw})
	return nil
}
