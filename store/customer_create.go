package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// RecordCustomer inserts the customer, its contacts and, when it has an
// owner, the first ownership event, audited as one step; entered_at is the
// server's time (R5.4). The unique duplicate keys make the first record win
// (R2.2): a later one fails with *DuplicateCustomerError. The duplicate is
// looked up first — one probe of the unique indexes — so a refused record
// costs no transaction, no audit work and no index writes; the unique
// indexes still decide a race between two records the probe let through.
// A record that passes the probe is written by one statement, atomic on
// its own (recordCustomerQuery), which answers with the stored row; its
// near-duplicate warnings (SimilarCustomers) come with the probe: two
// round trips in all.
func (s *Store) RecordCustomer(ctx context.Context, n NewCustomer) (Customer, []SimilarCustomer, error) {
	c := normalised(n.Customer)
	p, err := s.probeNew(ctx, c)
	switch {
	case err != nil:
		return Customer{}, nil, err
	case p.dup != nil && p.dup.ExistingID == c.ID: // a resent request: recorded already
		return s.recordedAlready(ctx, c)
	case p.dup != nil:
		return Customer{}, nil, p.dup
	}
	cust, err := s.recordCustomer(ctx, n, c, p.at)
	if errors.Is(err, ErrDuplicate) {
		// The same record (its ID derived from an idempotency key) committed
		// meanwhile by a resent request: it is recorded, as a retry finds.
		if same, gerr := s.CustomerByID(ctx, c.ID); gerr == nil {
			return same, p.warnings, nil
		}
	}
	if err != nil {
		return Customer{}, nil, s.duplicateOr(ctx, err, c)
	}
	return cust, p.warnings, nil
}

// recordedAlready answers a record sent again as the first send did.
func (s *Store) recordedAlready(ctx context.Context, c Customer) (Customer, []SimilarCustomer, error) {
	cust, err := s.CustomerByID(ctx, c.ID)
	if err != nil {
		return Customer{}, nil, err
	}
	warnings, err := s.SimilarCustomers(ctx, c.Name, c.ID)
	return cust, warnings, err
}

// newProbe is what RecordCustomer learns before it writes: the first
// record of c's keys, or else c's near-duplicates, and the server's clock.
type newProbe struct {
	dup      *DuplicateCustomerError
	warnings []SimilarCustomer
	at       time.Time
}

// probeNewQuery is the probe of the unique duplicate keys — c's own row
// first (a retry), else the earliest other match — with the server's
// clock and, only when the probe found nothing, the near-duplicates
// (similarQuery, one row each): a refused duplicate is still one probe of
// the unique indexes, the block's scan never run (its LIMIT is 0, which
// also keeps the planner from lifting the scan out of the lateral join).
var probeNewQuery = `SELECT clock_timestamp() AS at, d.id AS dup_id, d.owner_name AS dup_owner,
		w.id, w.owner_name, w.similarity
	FROM (SELECT 1) AS one
	LEFT JOIN LATERAL (SELECT c.id, COALESCE(u.name, '') AS owner_name FROM customers c
		LEFT JOIN users u ON u.id = c.owner_id
		WHERE (c.normalised_name = $1 AND $1 <> '') OR (c.normalised_phone = $2 AND $2 <> '')
		ORDER BY (c.id = $3) DESC, c.entered_at, c.id LIMIT 1) d ON true
	LEFT JOIN LATERAL (` + similarQuery("$1", "$4", "$5", "$3", "CASE WHEN d.id IS NULL AND $1 <> '' THEN $6 ELSE 0 END") + `) w
		ON true
	ORDER BY w.similarity DESC, w.id`

// probeNew runs probeNewQuery for the normalised c.
func (s *Store) probeNew(ctx context.Context, c Customer) (newProbe, error) {
	var rows []struct {
		At         time.Time       `db:"at"`
		DupID      sql.NullString  `db:"dup_id"`
		DupOwner   sql.NullString  `db:"dup_owner"`
		ID         sql.NullString  `db:"id"`
		OwnerName  sql.NullString  `db:"owner_name"`
		Similarity sql.NullFloat64 `db:"similarity"`
	}
	if err := s.db.SelectContext(ctx, &rows, probeNewQuery, c.NormalisedName, c.NormalisedPhone, c.ID,
		pq.StringArray(corePrefixes(c.NameCore)), c.NameCore+"%", similarBlockScan); err != nil {
		return newProbe{}, err
	}
	p := newProbe{at: rows[0].At, warnings: []SimilarCustomer{}}
	for _, r := range rows {
		switch {
		case r.DupID.Valid:
			p.dup = &DuplicateCustomerError{ExistingID: r.DupID.String, OwnerName: r.DupOwner.String}
		case r.ID.Valid:
			p.warnings = append(p.warnings, SimilarCustomer{ExistingID: r.ID.String, OwnerName: r.OwnerName.String,
				Similarity: r.Similarity.Float64})
		}
	}
	return p, nil
}

// createdEvent is the "customer.created" event of the normalised c at the
// server's time at: the first of the customer's own chain, so chained to
// the genesis hash and hashed here (a new customer's chain has no head to
// lock and wait for; its head is created with it).
func createdEvent(c Customer, at time.Time) (Event, error) {
	detail, err := json.Marshal(map[string]any{"name": c.Name, "channel": c.Channel, "owner_id": c.OwnerID})
	if err != nil {
		return Event{}, fmt.Errorf("audit detail: %w", err)
	}
	e := Event{Key: "customer/" + c.ID + "/created", SubjectType: "customer", SubjectID: c.ID,
		ActorID: c.CreatedBy, Action: "customer.created", Detail: detail,
		At: at.UTC().Truncate(time.Microsecond), PrevHash: genesisHash}
	e.Hash = eventHash(e)
	return e, nil
}

// recordCustomerQuery writes a customer, its contacts, its first
// ownership event, its audit event, the head of its new chain and, when
// it has an owner, its contact deadline's outbox row, and reads the
// customer back, in one statement. The audit event is drawn
// from the customer's row, so its seq is taken after the insert gave the
// statement a transaction id (settledSeq counts on it); every
// sub-statement runs to completion whether read or not, and a unique key
// taken meanwhile fails them all.
const recordCustomerQuery = `WITH c AS (
		INSERT INTO customers (id, name, channel, owner_id, collected_on, created_by, phone, address,
			industry, needs, notes, normalised_name, normalised_phone, name_core, owner_generation, owned_since,
			contact_due_at)
		VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7, $8, $9, $10, $11, $12, $13, $15,
			CASE WHEN $4 = '' THEN 0 ELSE 1 END, CASE WHEN $4 = '' THEN NULL ELSE now() END,
			CASE WHEN $4 = '' THEN NULL ELSE now() + make_interval(secs => $14) END)
		RETURNING *),
	ct AS (INSERT INTO customer_contacts (customer_id, name, title, is_decision_maker, phone, email)
		SELECT c.id, x.name, x.title, x.dm, x.phone, x.email FROM c,
			unnest($16::text[], $17::text[], $18::bool[], $19::text[], $20::text[]) WITH ORDINALITY
				AS x(name, title, dm, phone, email, n)
		ORDER BY x.n),
	o AS (INSERT INTO customer_ownership_events (customer_id, generation, owner_id, kind, reason, actor_id)
		SELECT c.id, 1, c.owner_id, 'collected', '', c.created_by FROM c WHERE c.owner_id IS NOT NULL),
	e AS (INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, action, detail, at, prev_hash, hash)
		SELECT $21, 'customer', c.id, NULLIF($22, ''), 'customer.created', $23, $24, $25, $26 FROM c
		RETURNING seq, subject_type, subject_id, hash),
	h AS (INSERT INTO audit_heads (subject_type, subject_id, head_seq, head_hash)
		SELECT subject_type, subject_id, seq, hash FROM e),
	` + outboxOfInserted + `
	SELECT ` + customerColumns + ` FROM c LEFT JOIN users u ON u.id = c.owner_id`

// recordCustomer runs recordCustomerQuery for the normalised c, its event
// at the server's time at.
func (s *Store) recordCustomer(ctx context.Context, n NewCustomer, c Customer, at time.Time) (Customer, error) {
	e, err := createdEvent(c, at)
	if err != nil {
		return Customer{}, err
	}
	k := len(n.Contacts)
	names, titles, phones, emails, dms := make([]string, k), make([]string, k), make([]string, k), make([]string, k), make([]bool, k)
	for i, ct := range n.Contacts {
		names[i], titles[i], dms[i], phones[i], emails[i] = ct.Name, ct.Title, ct.IsDecisionMaker, ct.Phone, ct.Email
	}
	var r customerRow
	err = s.db.GetContext(ctx, &r, recordCustomerQuery, c.ID, c.Name, c.Channel, c.OwnerID, c.CollectedOn,
		c.CreatedBy, c.Phone, c.Address, c.Industry, c.Needs, c.Notes, c.NormalisedName, c.NormalisedPhone,
		n.ContactDeadline.Seconds(), c.NameCore, pq.StringArray(names), pq.StringArray(titles), pq.BoolArray(dms),
		pq.StringArray(phones), pq.StringArray(emails), e.Key, e.ActorID, string(e.Detail), e.At, e.PrevHash, e.Hash)
	if err != nil {
		return Customer{}, mapErr(err)
	}
	return r.toCustomer(), nil
}
