package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/jmoiron/sqlx"
)

// Customer links (R5.5, F1; issue 11): what the owner sends a contact of
// the customer so the customer answers for themselves — signs the
// contract's signing document, or accepts or declines a proposal version.
// A link is single use, expires, is bound to its subject's hash and is
// known to the database only by its token's SHA-256.

// Purposes of a customer link.
const (
	LinkContractSign     = "contract_sign"
	LinkProposalResponse = "proposal_response"
)

// Channels a link is handed over by: mailed to the contact by the worker,
// or shown once to the owner to paste into a chat (WeChat).
const (
	LinkByEmail = "email"
	LinkByCopy  = "copy"
)

// States of a link as its page shows it.
const (
	LinkOpen    = "open"
	LinkUsed    = "used"
	LinkRevoked = "revoked"
	LinkExpired = "expired"
)

// CustomerLink is one link as stored (never its token).
type CustomerLink struct {
	ID              string     `json:"id" db:"id"`
	Purpose         string     `json:"purpose" db:"purpose"`
	ContractID      string     `json:"contract_id,omitempty" db:"contract_id"`
	ProposalID      string     `json:"proposal_id,omitempty" db:"proposal_id"`
	ProposalVersion int        `json:"proposal_version,omitempty" db:"proposal_version"`
	DocumentSHA256  string     `json:"document_sha256" db:"document_sha256"`
	CustomerID      string     `json:"customer_id" db:"customer_id"`
	ContactName     string     `json:"contact_name" db:"contact_name"`
	ContactEmail    string     `json:"contact_email" db:"contact_email"`
	Channel         string     `json:"channel" db:"channel"`
	CreatedBy       string     `json:"created_by" db:"created_by"`
	CreatedByName   string     `json:"created_by_name" db:"created_by_name"`
	CreatedAt       time.Time  `json:"created_at" db:"created_at"`
	ExpiresAt       time.Time  `json:"expires_at" db:"expires_at"`
	MailedAt        *time.Time `json:"mailed_at,omitempty" db:"mailed_at"`
	UsedAt          *time.Time `json:"used_at,omitempty" db:"used_at"`
	RevokedAt       *time.Time `json:"revoked_at,omitempty" db:"revoked_at"`
	// State is open, used, revoked or expired, by the database's clock.
	State string `json:"state" db:"state"`
}

// NewCustomerLink is what CreateCustomerLink writes. TokenHash is set for
// a copied link; an emailed one gets it from the worker (SetLinkToken).
type NewCustomerLink struct {
	ID, TokenHash, Purpose, ContractID, ProposalID string
	ProposalVersion                                int
	DocumentSHA256, CustomerID                     string
	ContactName, ContactEmail, Channel, CreatedBy  string
	Lifetime                                       time.Duration
}

// NewLinkToken is a customer link's token: 256 random bits, URL-safe.
func NewLinkToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// TokenHash is what a link's token is stored and looked up as.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

const linkSelect = `SELECT l.id, l.purpose, COALESCE(l.contract_id, '') AS contract_id,
	COALESCE(l.proposal_id, '') AS proposal_id, COALESCE(l.proposal_version, 0) AS proposal_version,
	l.document_sha256, l.customer_id, l.contact_name, l.contact_email, l.channel, l.created_by,
	u.name AS created_by_name, l.created_at, l.expires_at, l.mailed_at, l.used_at, l.revoked_at,
	CASE WHEN l.used_at IS NOT NULL THEN 'used' WHEN l.revoked_at IS NOT NULL THEN 'revoked'
		WHEN l.expires_at <= now() THEN 'expired' ELSE 'open' END AS state
	FROM customer_links l JOIN users u ON u.id = l.created_by`

// CreateCustomerLink stores a new link and revokes the subject's earlier
// open ones, so only the link last sent can be used; the owner's act is
// audited on the subject.
func (s *Store) CreateCustomerLink(ctx context.Context, n NewCustomerLink) (CustomerLink, error) {
	subjectType, subjectID, action := "contract", n.ContractID, "contract.customer_link_created"
	if n.Purpose == LinkProposalResponse {
		subjectType, subjectID, action = "proposal", n.ProposalID, "proposal.customer_link_created"
	}
	step := Step{Key: "customer-link/" + n.ID + "/created", ActorID: n.CreatedBy, Action: action,
		Detail: map[string]any{"link_id": n.ID, "channel": n.Channel, "contact_email": n.ContactEmail,
			"document_sha256": n.DocumentSHA256, "proposal_version": n.ProposalVersion}}
	err := s.runStep(ctx, subjectType, subjectID, step, func(tx *sqlx.Tx) error {
		const revoke = `UPDATE customer_links SET revoked_at = now()
			WHERE (contract_id = $1 OR proposal_id = $1) AND used_at IS NULL AND revoked_at IS NULL`
		if _, err := tx.ExecContext(ctx, revoke, subjectID); err != nil {
			return err
		}
		const q = `INSERT INTO customer_links (id, token_hash, purpose, contract_id, proposal_id, proposal_version,
			document_sha256, customer_id, contact_name, contact_email, channel, created_by, expires_at)
			VALUES ($1, NULLIF($2, ''), $3, NULLIF($4, ''), NULLIF($5, ''), NULLIF($6, 0), $7, $8, $9, $10, $11, $12,
			now() + make_interval(secs => $13))`
		_, err := tx.ExecContext(ctx, q, n.ID, n.TokenHash, n.Purpose, n.ContractID, n.ProposalID, n.ProposalVersion,
			n.DocumentSHA256, n.CustomerID, n.ContactName, n.ContactEmail, n.Channel, n.CreatedBy, n.Lifetime.Seconds())
		return mapErr(err)
	})
	if err != nil {
		return CustomerLink{}, err
	}
	return s.CustomerLinkByID(ctx, n.ID)
}

// CustomerLinkByID returns one link.
func (s *Store) CustomerLinkByID(ctx context.Context, id string) (CustomerLink, error) {
	var l CustomerLink
	return l, mapErr(s.db.GetContext(ctx, &l, linkSelect+` WHERE l.id = $1`, id))
}

// CustomerLinkByToken returns the link whose token is token; ErrNotFound
// for a token never issued (or of a link still waiting for its mail).
func (s *Store) CustomerLinkByToken(ctx context.Context, token string) (CustomerLink, error) {
	var l CustomerLink
	return l, mapErr(s.db.GetContext(ctx, &l, linkSelect+` WHERE l.token_hash = $1`, TokenHash(token)))
}

// CustomerLinksOf lists the links sent for a contract or proposal, newest
// first.
func (s *Store) CustomerLinksOf(ctx context.Context, subjectID string) ([]CustomerLink, error) {
	out := []CustomerLink{}
	err := s.db.SelectContext(ctx, &out, linkSelect+` WHERE l.contract_id = $1 OR l.proposal_id = $1
		ORDER BY l.created_at DESC, l.id`, subjectID)
	return out, err
}

// SetLinkToken stores the token the worker made for an emailed link that
// is still open and not mailed yet; ErrConflict otherwise (mailed already,
// or used, revoked or expired meanwhile: nothing to send).
func (s *Store) SetLinkToken(ctx context.Context, id, tokenHash string) error {
	const q = `UPDATE customer_links SET token_hash = $2 WHERE id = $1 AND channel = 'email' AND mailed_at IS NULL
		AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`
	return oneRow(s.db.ExecContext(ctx, q, id, tokenHash))
}

// MarkLinkMailed records that the mail server took the link's mail.
func (s *Store) MarkLinkMailed(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE customer_links SET mailed_at = now() WHERE id = $1 AND mailed_at IS NULL`, id)
	return err
}

// useCustomerLink spends the link inside the transaction that records the
// customer's answer, so a link answers once however many requests race: it
// must be open and still bound to the document it was sent for.
func useCustomerLink(ctx context.Context, tx *sqlx.Tx, id, documentSHA string) error {
	const q = `UPDATE customer_links SET used_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL
		AND expires_at > now() AND document_sha256 = $2`
	return oneRow(tx.ExecContext(ctx, q, id, documentSHA))
}

// UseCustomerLink is useCustomerLink for a step run by another file's
// transaction (the proposal's customer response).
func UseCustomerLink(ctx context.Context, tx *sqlx.Tx, id, documentSHA string) error {
	return useCustomerLink(ctx, tx, id, documentSHA)
}

// ContactByEmail finds the customer's contact with this address (letter
// case aside); ErrNotFound when none has it.
func (s *Store) ContactByEmail(ctx context.Context, customerID, email string) (Contact, error) {
	const q = `SELECT name, title, is_decision_maker, phone, email FROM customer_contacts
		WHERE customer_id = $1 AND lower(email) = lower($2) AND email <> '' ORDER BY id LIMIT 1`
	var c Contact
	return c, mapErr(s.db.GetContext(ctx, &c, q, customerID, email))
}

// oneRow maps an UPDATE that changed no row to ErrConflict.
func oneRow(res interface{ RowsAffected() (int64, error) }, err error) error {
	if err != nil {
		return mapErr(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrConflict
	}
	return nil
}
