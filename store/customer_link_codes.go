package store

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

// One-time codes of customer links: the second factor that ties the
// answer to the contact's mailbox, not only to whoever holds the link.

// Limits of the codes (issue 11): a code is six digits, lives ten
// minutes and takes five tries; a link gets at most five codes, so a
// guesser has 25 tries in a million over the link's life, and a contact's
// mailbox gets at most five code mails per link.
const (
	CodeLifetime    = 10 * time.Minute
	MaxCodeAttempts = 5
	MaxCodesPerLink = 5
)

// Refusals of a code, mapped to messages by the pages.
var (
	ErrTooManyCodes = errors.New("this link has had all the codes it may have")
	ErrNoCode       = errors.New("no code was sent for this link, or it was used")
	ErrCodeExpired  = errors.New("the code has expired")
	ErrCodeLocked   = errors.New("the code was entered wrongly too often")
	ErrCodeWrong    = errors.New("the code is not right")
)

// CodeHash is what a code is stored as: the SHA-256 of the code's id and
// the code. Six digits are quickly found from it by trying them all, but
// the hash is no use without the link's token, which is kept nowhere.
func CodeHash(codeID, code string) string {
	sum := sha256.Sum256([]byte(codeID + ":" + code))
	return hex.EncodeToString(sum[:])
}

// NewLinkCode records a code to be made and mailed by the worker (its
// hash comes with the mail, SetCodeHash); only the link's newest code
// counts. ErrTooManyCodes after MaxCodesPerLink.
func (s *Store) NewLinkCode(ctx context.Context, linkID, codeID string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM customer_links WHERE id = $1 FOR UPDATE`, linkID); err != nil {
			return err // the lock makes two requests for a code count one after the other
		}
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM customer_link_codes WHERE link_id = $1`, linkID); err != nil {
			return err
		}
		if n >= MaxCodesPerLink {
			return ErrTooManyCodes
		}
		const q = `INSERT INTO customer_link_codes (id, link_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`
		_, err := tx.ExecContext(ctx, q, codeID, linkID, CodeLifetime.Seconds())
		return mapErr(err)
	})
}

// CodeMail is what the worker needs to mail a code.
type CodeMail struct {
	CodeID       string    `db:"id"`
	LinkID       string    `db:"link_id"`
	Purpose      string    `db:"purpose"`
	ContactName  string    `db:"contact_name"`
	ContactEmail string    `db:"contact_email"`
	CustomerName string    `db:"customer_name"`
	ExpiresAt    time.Time `db:"expires_at"`
}

// SetCodeHash stores the hash of the code the worker is about to mail and
// returns where it goes. ErrConflict when the code was mailed already (a
// retried activity: nothing to do) or is no longer worth sending.
func (s *Store) SetCodeHash(ctx context.Context, codeID, hash string) (CodeMail, error) {
	const q = `UPDATE customer_link_codes c SET code_hash = $2
		FROM customer_links l JOIN customers cu ON cu.id = l.customer_id
		WHERE c.id = $1 AND l.id = c.link_id AND c.sent_at IS NULL AND c.used_at IS NULL AND c.expires_at > now()
		RETURNING c.id, c.link_id, l.purpose, l.contact_name, l.contact_email, cu.name AS customer_name, c.expires_at`
	var m CodeMail
	err := s.db.GetContext(ctx, &m, q, codeID, hash)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrConflict
	}
	return m, mapErr(err)
}

// MarkCodeSent records that the mail server took the code's mail.
func (s *Store) MarkCodeSent(ctx context.Context, codeID string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE customer_link_codes SET sent_at = now() WHERE id = $1 AND sent_at IS NULL`, codeID)
	return err
}

// CodeSent reports whether the code's mail was taken by the mail server.
func (s *Store) CodeSent(ctx context.Context, codeID string) (bool, error) {
	var sent bool
	err := s.db.GetContext(ctx, &sent, `SELECT sent_at IS NOT NULL FROM customer_link_codes WHERE id = $1`, codeID)
	return sent, mapErr(err)
}

// CodeCheck is the record of a code entered right: which code, on which
// try, when it was sent and when checked (database time). It goes into
// the audit of the answer it allowed.
type CodeCheck struct {
	CodeID    string    `json:"code_id" db:"id"`
	Attempt   int       `json:"attempt" db:"attempts"`
	SentAt    time.Time `json:"sent_at" db:"sent_at"`
	CheckedAt time.Time `json:"checked_at" db:"checked_at"`
}

// codeRow is the newest code of a link, locked for its check.
type codeRow struct {
	ID        string         `db:"id"`
	Hash      sql.NullString `db:"code_hash"`
	SentAt    sql.NullTime   `db:"sent_at"`
	Attempts  int            `db:"attempts"`
	UsedAt    sql.NullTime   `db:"used_at"`
	Expired   bool           `db:"expired"`
	CheckedAt time.Time      `db:"checked_at"`
}

// CheckLinkCode checks code against the link's newest code and spends it
// when right. A wrong code counts a try, which is kept (the transaction
// commits) before ErrCodeWrong is returned; with MaxCodeAttempts spent
// the code is locked (ErrCodeLocked) and a new one must be asked for.
// Left tries are returned with ErrCodeWrong.
func (s *Store) CheckLinkCode(ctx context.Context, linkID, code string) (CodeCheck, int, error) {
	var check CodeCheck
	var refusal error
	left := 0
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var r codeRow
		const q = `SELECT id, code_hash, sent_at, attempts, used_at, expires_at <= now() AS expired, now() AS checked_at
			FROM customer_link_codes WHERE link_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`
		if err := tx.GetContext(ctx, &r, q, linkID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				refusal = ErrNoCode
				return nil
			}
			return err
		}
		switch {
		case !r.Hash.Valid || !r.SentAt.Valid || r.UsedAt.Valid:
			refusal = ErrNoCode
			return nil
		case r.Expired:
			refusal = ErrCodeExpired
			return nil
		case r.Attempts >= MaxCodeAttempts:
			refusal = ErrCodeLocked
			return nil
		}
		right := subtle.ConstantTimeCompare([]byte(r.Hash.String), []byte(CodeHash(r.ID, code))) == 1
		used := `, used_at = now()`
		if !right {
			used = ""
			refusal, left = ErrCodeWrong, MaxCodeAttempts-r.Attempts-1
			if left == 0 {
				refusal = ErrCodeLocked
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customer_link_codes SET attempts = attempts + 1`+used+` WHERE id = $1`, r.ID); err != nil {
			return err
		}
		check = CodeCheck{CodeID: r.ID, Attempt: r.Attempts + 1, SentAt: r.SentAt.Time.UTC(), CheckedAt: r.CheckedAt.UTC()}
		return nil
	})
	if err != nil {
		return CodeCheck{}, 0, err
	}
	if refusal != nil {
		return CodeCheck{}, left, refusal
	}
	return check, 0, nil
}
