package prodshape

import (
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// notificationHeader is where the worker names the notification a message
// delivers, so the recorder can count mails per notification.
const notificationHeader = "X-Salesflow-Notification"

// message is one mail the recorder accepted.
type message struct {
	To, Subject, Notification string
	Body                      string
	At                        time.Time
}

// recorder is a real SMTP listener that keeps every message it accepts. It
// refuses one recipient address for good (550 on RCPT, a permanent
// failure), and can be taken down and brought back on the same port.
type recorder struct {
	addr    string
	refused string

	mu       sync.Mutex
	srv      *smtp.Server
	messages []message
	refusals int
}

func newRecorder(refused string) (*recorder, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &recorder{addr: l.Addr().String(), refused: strings.ToLower(refused)}
	r.serve(l)
	return r, nil
}

func (r *recorder) serve(l net.Listener) {
	s := smtp.NewServer(backend{r})
	s.Domain, s.AllowInsecureAuth = "prodshape.test", true
	s.ReadTimeout, s.WriteTimeout = 30*time.Second, 30*time.Second
	r.mu.Lock()
	r.srv = s
	r.mu.Unlock()
	go func() { _ = s.Serve(l) }()
}

// down closes the listener and every open session: senders get
// "connection refused" until up.
func (r *recorder) down() {
	r.mu.Lock()
	s := r.srv
	r.srv = nil
	r.mu.Unlock()
	if s != nil {
		_ = s.Close()
	}
}

// up listens again on the same address.
func (r *recorder) up() error {
	var l net.Listener
	var err error
	for i := 0; i < 50; i++ { // the old socket may linger a moment
		if l, err = net.Listen("tcp", r.addr); err == nil {
			r.serve(l)
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

func (r *recorder) close() { r.down() }

// snapshot returns the messages so far and how many RCPTs were refused.
func (r *recorder) snapshot() ([]message, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]message(nil), r.messages...), r.refusals
}

type backend struct{ r *recorder }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{r: b.r}, nil }

type session struct {
	r  *recorder
	to []string
}

func (s *session) Reset()        { s.to = nil }
func (s *session) Logout() error { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error {
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.EqualFold(strings.Trim(to, "<>"), s.r.refused) {
		s.r.mu.Lock()
		s.r.refusals++
		s.r.mu.Unlock()
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	m, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(decodedBody(m))
	if err != nil {
		return err
	}
	if len(s.to) == 0 {
		return errors.New("no recipient")
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	msg := message{To: strings.ToLower(s.to[0]), Subject: subject, Body: string(body),
		Notification: m.Header.Get(notificationHeader), At: time.Now()}
	s.r.mu.Lock()
	s.r.messages = append(s.r.messages, msg)
	s.r.mu.Unlock()
	return nil
}

// decodedBody undoes the transfer encoding of a single-part message.
func decodedBody(m *mail.Message) io.Reader {
	switch strings.ToLower(m.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		return quotedprintable.NewReader(m.Body)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, m.Body)
	}
	return m.Body
}
