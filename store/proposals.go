package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"golang.org/x/sync/errgroup"

	"salesflow/policy"
)

// ProposalItem is one priced line of a proposal version.
type ProposalItem struct {
	LineNo       int    `json:"line_no" db:"line_no"`
	ProductID    string `json:"product_id" db:"product_id"`
	ProductCode  string `json:"product_code" db:"product_code"`
	ProductName  string `json:"product_name" db:"product_name"`
	Unit         string `json:"unit" db:"unit"`
	Quantity     int64  `json:"quantity" db:"quantity"`
	UnitPriceFen int64  `json:"unit_price_fen" db:"unit_price_fen"`
	ListPriceFen int64  `json:"list_price_fen" db:"list_price_fen"`
	ItemResource
}

// ProposalVersion is one kept revision of a proposal.
type ProposalVersion struct {
	Version   int            `json:"version" db:"version"`
	Title     string         `json:"title" db:"title"`
	Body      string         `json:"body" db:"body"`
	TotalFen  int64          `json:"total_fen" db:"total_fen"`
	AuthorID  string         `json:"author_id" db:"author_id"`
	CreatedAt time.Time      `json:"created_at" db:"created_at"`
	Items     []ProposalItem `json:"items,omitempty" db:"-"`
}

// Proposal is the current state of a proposal with its current version.
type Proposal struct {
	ID           string            `json:"id" db:"id"`
	CustomerID   string            `json:"customer_id" db:"customer_id"`
	CustomerName string            `json:"customer_name" db:"customer_name"`
	OwnerID      string            `json:"owner_id" db:"owner_id"`
	OwnerName    string            `json:"owner_name" db:"owner_name"`
	Status       string            `json:"status" db:"status"`
	Version      int               `json:"version" db:"version"`
	WorkflowID   string            `json:"workflow_id" db:"workflow_id"`
	ContractID   *string           `json:"contract_id" db:"contract_id"`
	Title        string            `json:"title" db:"title"`
	Body         string            `json:"body" db:"body"`
	TotalFen     int64             `json:"total_fen" db:"total_fen"`
	CreatedAt    time.Time         `json:"created_at" db:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at" db:"updated_at"`
	OpenTaskID   *string           `json:"open_task_id" db:"open_task_id"`
	Items        []ProposalItem    `json:"items" db:"-"`
	Versions     []ProposalVersion `json:"versions,omitempty" db:"-"`
	History      []Event           `json:"history,omitempty" db:"-"`
}

// ProposalDraft is the content of one version as the author wrote it.
type ProposalDraft struct {
	Title string        `json:"title"`
	Body  string        `json:"body"`
	Lines []policy.Line `json:"lines"`
}

// NewProposal is what CreateProposal writes: the proposal and version 1.
type NewProposal struct {
	ID, WorkflowID, CustomerID, OwnerID string
	Draft                               ProposalDraft
}

// Step is one audited change: Key makes it happen once, Actor did it.
type Step struct {
	Key        string
	ActorID    string
	OnBehalfOf string
	Action     string
	Detail     any
}

// CreateProposal writes a new proposal with version 1, once per step key.
func (s *Store) CreateProposal(ctx context.Context, p NewProposal, step Step) error {
	return s.runStep(ctx, "proposal", p.ID, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO proposals (id, customer_id, owner_id, status, version, workflow_id)
			VALUES ($1, $2, $3, 'draft', 1, $4)`
		if _, err := tx.ExecContext(ctx, q, p.ID, p.CustomerID, p.OwnerID, p.WorkflowID); err != nil {
			return mapErr(err)
		}
		return insertVersion(ctx, tx, p.ID, 1, p.OwnerID, p.Draft)
	})
}

// SaveProposalRevision keeps a new version of the proposal, the one after
// its current version, makes it current and returns its number. A step
// already applied — a retried activity, or the same Update delivered again
// to a run continued as new — writes nothing and returns the version that
// step stored, so the workflow counts what the database holds.
func (s *Store) SaveProposalRevision(ctx context.Context, id, authorID string, d ProposalDraft, step Step) (int, error) {
	var version int
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &version, `SELECT (detail::jsonb->>'version')::int FROM audit_events WHERE event_key = $1`, step.Key)
		if err != sql.ErrNoRows {
			return err // nil: the step was applied before
		}
		if err := tx.GetContext(ctx, &version, `SELECT version + 1 FROM proposals WHERE id = $1 FOR UPDATE`, id); err != nil {
			return mapErr(err)
		}
		if err := insertVersion(ctx, tx, id, version, authorID, d); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE proposals SET version = $2, updated_at = now() WHERE id = $1`, id, version); err != nil {
			return mapErr(err)
		}
		detail := map[string]any{"version": version}
		if given, ok := step.Detail.(map[string]any); ok {
			for k, v := range given {
				if k != "version" {
					detail[k] = v
				}
			}
		}
		step.Detail = detail
		return stepEvent(ctx, tx, "proposal", id, step)
	})
	return version, err
}

// SetProposalStatus moves a proposal to status; extra runs in the same
// transaction (opening or deciding a task).
func (s *Store) SetProposalStatus(ctx context.Context, id string, status policy.ProposalStatus, step Step, extra func(tx *sqlx.Tx) error) error {
	return s.runStep(ctx, "proposal", id, step, func(tx *sqlx.Tx) error {
		if extra != nil {
			if err := extra(tx); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, setProposalStatusSQL, id, string(status))
		return err
	})
}

const setProposalStatusSQL = `UPDATE proposals SET status = $2, updated_at = now() WHERE id = $1`

// DecideReview records a reviewer's decision: the task closed with it,
// the proposal moved to status, the step's event, all in one statement
// (stepAsOneStatement); should that not write (the task decided already,
// the step replayed, a fault), the step runs as a transaction, which
// tells which.
func (s *Store) DecideReview(ctx context.Context, id string, status policy.ProposalStatus, step Step, d TaskDecision) error {
	err := s.stepAsOneStatement(ctx, "proposal", id, step,
		stepWrite{decideTaskSQL, d.args()}, stepWrite{setProposalStatusSQL, []any{id, string(status)}})
	if err == nil {
		return nil
	}
	return s.SetProposalStatus(ctx, id, status, step, func(tx *sqlx.Tx) error {
		return DecideTask(ctx, tx, d.ID, d.Decision, d.Comment, d.ActorID)
	})
}

// runStep runs write in one transaction together with the step's audit
// event; a step whose event is there already (a retried activity, a
// request sent again) writes nothing and succeeds.
func (s *Store) runStep(ctx context.Context, subjectType, subjectID string, step Step, write func(tx *sqlx.Tx) error) error {
	_, err := s.runStepOnce(ctx, subjectType, subjectID, step, write)
	return err
}

// runStepOnce is runStep, also reporting whether the step had been
// committed before (replayed). The write is tried first and the step's
// key looked up only when the transaction fails: the key's unique index
// refuses the event of a step committed before, and a write that meets
// the state its first run left fails earlier (a task decided, a
// generation moved on). Either way the transaction is rolled back, so a
// replay changes nothing, and the happy path spares a statement per step
// (issue 12).
func (s *Store) runStepOnce(ctx context.Context, subjectType, subjectID string, step Step, write func(tx *sqlx.Tx) error) (replayed bool, err error) {
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := write(tx); err != nil {
			return err
		}
		return stepEvent(ctx, tx, subjectType, subjectID, step)
	})
	if err == nil || ctx.Err() != nil {
		return false, err
	}
	var n int
	if lookErr := s.db.GetContext(ctx, &n, stepDoneQuery, step.Key); lookErr != nil || n == 0 {
		return false, err
	}
	return true, nil
}

// stepEvent appends the step's audit event in tx.
func stepEvent(ctx context.Context, tx *sqlx.Tx, subjectType, subjectID string, step Step) error {
	e, err := step.event(subjectType, subjectID)
	if err != nil {
		return err
	}
	return mapErr(appendEvent(ctx, tx, e))
}

// event is the audit event step appends to the subject's chain.
func (step Step) event(subjectType, subjectID string) (Event, error) {
	detail := []byte(`{}`)
	if step.Detail != nil {
		var err error
		if detail, err = json.Marshal(step.Detail); err != nil {
			return Event{}, fmt.Errorf("audit detail: %w", err)
		}
	}
	return Event{Key: step.Key, SubjectType: subjectType, SubjectID: subjectID, ActorID: step.ActorID,
		OnBehalfOf: step.OnBehalfOf, Action: step.Action, Detail: detail}, nil
}

// insertVersion writes the version row and its lines, priced against the
// rate card's list price at this moment (kept for R5.3 later).
func insertVersion(ctx context.Context, tx *sqlx.Tx, id string, version int, authorID string, d ProposalDraft) error {
	const qv = `INSERT INTO proposal_versions (proposal_id, version, title, body, total_fen, author_id)
		VALUES ($1, $2, $3, $4, $5, $6)`
	if _, err := tx.ExecContext(ctx, qv, id, version, d.Title, d.Body, policy.TotalFen(d.Lines), authorID); err != nil {
		return mapErr(err)
	}
	for i, l := range d.Lines {
		pl, err := priceLine(ctx, tx, l)
		if err != nil {
			return err
		}
		if err := insertItem(ctx, tx, "proposal_items", "proposal_id", id, version, i+1, pl); err != nil {
			return err
		}
	}
	return nil
}

const proposalSelect = `SELECT p.id, p.customer_id, c.name AS customer_name, p.owner_id, u.name AS owner_name,
	p.status, p.version, p.workflow_id, p.contract_id, v.title, v.body, v.total_fen, p.created_at, p.updated_at,
	(SELECT t.id FROM tasks t WHERE t.subject_type = 'proposal' AND t.subject_id = p.id AND t.status = 'open'
	 ORDER BY t.created_at DESC LIMIT 1) AS open_task_id
	FROM proposals p
	JOIN customers c ON c.id = p.customer_id
	JOIN users u ON u.id = p.owner_id
	JOIN proposal_versions v ON v.proposal_id = p.id AND v.version = p.version`

// ProposalByID returns a proposal with its current items, all versions and
// its audit history.
func (s *Store) ProposalByID(ctx context.Context, id string) (Proposal, error) {
	var p Proposal
	var items []versionedItem
	// The row, its lines, versions and history are read at once: every
	// answer to a step or a decision ends here, and reads in turn were a
	// fifth of a decision's time (issue 12). The lines are those of the
	// version current when they are read; should a revision land between
	// the two reads, they are read again for the row's version.
	const qv = `SELECT version, title, body, total_fen, author_id, created_at FROM proposal_versions
		WHERE proposal_id = $1 ORDER BY version`
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return mapErr(s.getPrepared(gctx, &p, proposalSelect+` WHERE p.id = $1`, id)) })
	g.Go(func() (err error) { items, err = s.proposalItems(gctx, id, 0); return })
	g.Go(func() error { return s.selectPrepared(gctx, &p.Versions, qv, id) })
	g.Go(func() (err error) { p.History, _, err = s.EventsFor(gctx, "proposal", id, Page{Limit: 200}); return })
	if err := g.Wait(); err != nil {
		return Proposal{}, err
	}
	if len(items) > 0 && items[0].Version != p.Version {
		var err error
		if items, err = s.proposalItems(ctx, id, p.Version); err != nil {
			return Proposal{}, err
		}
	}
	p.Items = make([]ProposalItem, len(items))
	for i, it := range items {
		p.Items[i] = it.ProposalItem
	}
	return p, nil
}

// versionArg is the version parameter of a lines query: NULL, which the
// query reads as the current version, for 0.
func versionArg(version int) any {
	if version > 0 {
		return version
	}
	return nil
}

// versionedItem is a line as read with the version it belongs to.
type versionedItem struct {
	ProposalItem
	Version int `db:"version"`
}

// proposalItems reads the lines of one version of a proposal, of its
// current version when version is 0.
func (s *Store) proposalItems(ctx context.Context, id string, version int) ([]versionedItem, error) {
	const q = `SELECT i.line_no, i.version, i.product_id, pr.code AS product_code, pr.name AS product_name, pr.unit,
		i.quantity, i.unit_price_fen, i.list_price_fen, ` + itemResourceColumns + `
		FROM proposal_items i JOIN products pr ON pr.id = i.product_id LEFT JOIN media_resources mr ON mr.id = i.resource_id
		WHERE i.proposal_id = $1 AND i.version = COALESCE($2, (SELECT p.version FROM proposals p WHERE p.id = $1))
		ORDER BY i.line_no`
	var items []versionedItem
	err := s.selectPrepared(ctx, &items, q, id, versionArg(version))
	return items, err
}

// ProposalFilter narrows ListProposals; OwnerIDs nil means any owner.
type ProposalFilter struct {
	OwnerIDs []string
	Status   string
	Page     Page
}

// ListProposals returns proposals newest first, keyset-paged by
// (created_at, id): proposals created in one transaction share created_at,
// and a cursor of the time alone skipped them.
func (s *Store) ListProposals(ctx context.Context, f ProposalFilter) ([]Proposal, string, error) {
	var owners any
	if f.OwnerIDs != nil {
		owners = pq.StringArray(f.OwnerIDs)
	}
	before, beforeID := newestBefore(f.Page.Cursor)
	limit := f.Page.clampLimit()
	q := proposalSelect + ` WHERE ($1::text[] IS NULL OR p.owner_id = ANY($1)) AND ($2 = '' OR p.status = $2)
		AND (p.created_at, p.id) < ($3, $4) ORDER BY p.created_at DESC, p.id DESC LIMIT $5`
	var list []Proposal
	if err := s.db.SelectContext(ctx, &list, q, owners, f.Status, before, beforeID, limit+1); err != nil {
		return nil, "", err
	}
	return pageOf(list, limit, func(p Proposal) string { return timeCursor(p.CreatedAt, p.ID) })
}

// pageOf trims a limit+1 result to limit and computes the next cursor.
func pageOf[T any](list []T, limit int, cursor func(T) string) ([]T, string, error) {
	if list == nil {
		list = []T{}
	}
	if len(list) <= limit {
		return list, "", nil
	}
	return list[:limit], cursor(list[limit-1]), nil
}

// nullable converts "" to SQL NULL.
func nullable(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
