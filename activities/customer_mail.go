package activities

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"go.temporal.io/sdk/temporal"

	"salesflow/i18n"
	"salesflow/policy"
	"salesflow/store"
)

// Mail to the customer's contacts (R5.5, F1; issue 11): the customer link
// and the one-time code. Both secrets are made here, on the worker, and
// leave it only in the mail: the database keeps their hashes, and neither
// passes through the API or a workflow's history. The discipline is the
// notifications' (delivery.go): store what the mail proves, send, mark it
// sent on a context of its own (patiently). A retry after the mail server took the
// message but before the mark makes a new secret and mails it again: the
// contact then holds two mails and only the newer one works. That window
// is a few milliseconds wide; losing a code instead would leave the
// customer waiting, which is worse.

// ErrTypeNoMailer refuses a customer mail on a worker without SMTP.
const ErrTypeNoMailer = "NoMailer"

// CustomerMailInput names what to mail: a link (LinkID, with the public
// address the link's page is under) or a code (CodeID).
type CustomerMailInput struct {
	LinkID  string `json:"link_id,omitempty"`
	CodeID  string `json:"code_id,omitempty"`
	BaseURL string `json:"base_url,omitempty"`
}

// MailCustomerLink makes the token of an emailed customer link, stores its
// hash and mails the link to the contact the owner picked.
func (a *Activities) MailCustomerLink(ctx context.Context, in CustomerMailInput) error {
	if a.Mailer == nil {
		return temporal.NewNonRetryableApplicationError("no mail server configured on this worker", ErrTypeNoMailer, nil)
	}
	link, err := a.Store.CustomerLinkByID(ctx, in.LinkID)
	if err != nil {
		return classify(err)
	}
	if link.MailedAt != nil {
		return nil // a retry after the mark: sent
	}
	token, err := store.NewLinkToken()
	if err != nil {
		return err
	}
	if err := a.Store.SetLinkToken(ctx, link.ID, store.TokenHash(token)); err != nil {
		return classify(err) // used, revoked or expired meanwhile: nothing to send
	}
	subject, body := linkMail(link, strings.TrimRight(in.BaseURL, "/")+"/sign/"+token)
	if err := a.Mailer.Send(ctx, "customer-link/"+link.ID, link.ContactEmail, subject, body); err != nil {
		return mailErr(err)
	}
	return patiently(ctx, func(ctx context.Context) error { return a.Store.MarkLinkMailed(ctx, link.ID) })
}

// MailLinkCode makes a one-time code, stores its hash and mails it to the
// link's contact.
func (a *Activities) MailLinkCode(ctx context.Context, in CustomerMailInput) error {
	if a.Mailer == nil {
		return temporal.NewNonRetryableApplicationError("no mail server configured on this worker", ErrTypeNoMailer, nil)
	}
	code, err := newCode()
	if err != nil {
		return err
	}
	m, err := a.Store.SetCodeHash(ctx, in.CodeID, store.CodeHash(in.CodeID, code))
	if errors.Is(err, store.ErrConflict) {
		return nil // mailed already (a retry), or expired before it could be
	}
	if err != nil {
		return classify(err)
	}
	subject, body := codeMail(m, code)
	if err := a.Mailer.Send(ctx, "customer-code/"+m.CodeID, m.ContactEmail, subject, body); err != nil {
		return mailErr(err)
	}
	return patiently(ctx, func(ctx context.Context) error { return a.Store.MarkCodeSent(ctx, m.CodeID) })
}

// newCode is six random digits.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// mailErr makes a refusal of the address for good final: the owner picks
// another contact. Anything else is retried.
func mailErr(err error) error {
	if permanent(err) {
		return temporal.NewNonRetryableApplicationError("the mail server refused the contact's address", ErrTypeInvalid, err)
	}
	return err
}

// linkMail is the link's mail, in Chinese then English.
func linkMail(l store.CustomerLink, url string) (subject, body string) {
	subjectID, bodyID := "mail.customer_link.contract_subject", "mail.customer_link.contract_body"
	if l.Purpose == store.LinkProposalResponse {
		subjectID, bodyID = "mail.customer_link.proposal_subject", "mail.customer_link.proposal_body"
	}
	expires := l.ExpiresAt.In(policy.Shanghai).Format("2006-01-02 15:04")
	return bilingual(subjectID, bodyID, l.ContactName, url, expires)
}

// codeMail is the code's mail, in Chinese then English.
func codeMail(m store.CodeMail, code string) (subject, body string) {
	expires := m.ExpiresAt.In(policy.Shanghai).Format("15:04")
	return bilingual("mail.customer_code.subject", "mail.customer_code.body", m.ContactName, code, expires)
}

// bilingual renders a subject and a body in both languages: the
// contact's language is not known, and Chinese comes first.
func bilingual(subjectID, bodyID string, args ...any) (string, string) {
	subject := i18n.T(i18n.ZH, subjectID) + " / " + i18n.T(i18n.EN, subjectID)
	body := i18n.T(i18n.ZH, bodyID, args...) + "\n\n----\n\n" + i18n.T(i18n.EN, bodyID, args...)
	return subject, body
}
