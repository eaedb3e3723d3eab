package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/lib/pq"
	"golang.org/x/sync/errgroup"

	"salesflow/policy"
)

// ContractItem is one priced line of a contract version, with the list
// price it was judged against (R5.3).
type ContractItem struct {
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

// ContractApproval is one recorded approval decision; Voided ones no longer
// count (the content changed or a new round began).
type ContractApproval struct {
	Role           string     `json:"role" db:"role"`
	Version        int        `json:"version" db:"version"`
	ContentHash    string     `json:"content_hash" db:"content_hash"`
	Round          int        `json:"round" db:"round"`
	DecidedBy      string     `json:"decided_by" db:"decided_by"`
	DecidedByName  string     `json:"decided_by_name" db:"decided_by_name"`
	OnBehalfOf     *string    `json:"on_behalf_of" db:"on_behalf_of"`
	OnBehalfOfName *string    `json:"on_behalf_of_name" db:"on_behalf_of_name"`
	Decision       string     `json:"decision" db:"decision"`
	Comment        *string    `json:"comment" db:"comment"`
	At             time.Time  `json:"at" db:"at"`
	Voided         bool       `json:"voided" db:"voided"`
	VoidedAt       *time.Time `json:"voided_at,omitempty" db:"voided_at"`
	VoidReason     *string    `json:"void_reason,omitempty" db:"void_reason"`
}

// Signature is one party's signature (R5.5): who signed, for whom, when by
// the server's clock (R5.4), over which document, sealed by the server's
// Ed25519 signature.
type Signature struct {
	ContractID            string    `json:"contract_id" db:"contract_id"`
	SignerRole            string    `json:"signer_role" db:"signer_role"`
	SignerID              string    `json:"signer_id,omitempty" db:"signer_id"`
	SignerName            string    `json:"signer_name" db:"signer_name"`
	OnBehalfOf            string    `json:"on_behalf_of,omitempty" db:"on_behalf_of"`
	OnBehalfOfName        string    `json:"on_behalf_of_name,omitempty" db:"on_behalf_of_name"`
	CustomerSignatoryName string    `json:"customer_signatory_name,omitempty" db:"customer_signatory_name"`
	DocumentSHA256        string    `json:"document_sha256" db:"document_sha256"`
	SignedAt              time.Time `json:"signed_at" db:"signed_at"`
	ServerSignature       string    `json:"server_signature" db:"server_signature"`
	// SigningKeyID names the key that sealed it; "" for seals made before
	// key ids were stored (migration 00010).
	SigningKeyID string `json:"signing_key_id,omitempty" db:"signing_key_id"`
	// Method is how it was given: account (a signed-in user), link (the
	// customer's contact through a customer link; SignerID is then "" and
	// SignerContact the address the link and its code went to) or paper
	// (recorded by the owner with the signed scan's SHA-256). "" for
	// signatures made before methods were stored (migration 00015).
	Method          string `json:"method,omitempty" db:"method"`
	LinkID          string `json:"link_id,omitempty" db:"link_id"`
	SignerContact   string `json:"signer_contact,omitempty" db:"signer_contact"`
	PaperScanSHA256 string `json:"paper_scan_sha256,omitempty" db:"paper_scan_sha256"`
}

// Contract is the current state of a contract with its current version.
type Contract struct {
	ID                string              `json:"id"`
	ProposalID        string              `json:"proposal_id"`
	ProposalVersion   int                 `json:"proposal_version"`
	CustomerID        string              `json:"customer_id"`
	CustomerName      string              `json:"customer_name"`
	OwnerID           string              `json:"owner_id"`
	OwnerName         string              `json:"owner_name"`
	Status            string              `json:"status"`
	Version           int                 `json:"version"`
	ContentHash       string              `json:"content_hash"`
	WorkflowID        string              `json:"workflow_id"`
	Major             bool                `json:"major"`
	RequiredApprovals []string            `json:"required_approvals"`
	ServiceTerms      policy.ServiceTerms `json:"service_terms"`
	StartsOn          *string             `json:"starts_on"`
	EndsOn            *string             `json:"ends_on"`
	TotalFen          int64               `json:"total_fen"`
	CreatedAt         time.Time           `json:"created_at"`
	UpdatedAt         time.Time           `json:"updated_at"`
	OpenTaskID        *string             `json:"open_task_id"`
	Items             []ContractItem      `json:"items"`
	Approvals         []ContractApproval  `json:"approvals"`
	Signatures        []Signature         `json:"signatures"`
	History           []Event             `json:"history,omitempty"`
}

type contractRow struct {
	ID, ProposalID, CustomerID, CustomerName, OwnerID, OwnerName string
	ProposalVersion                                              int `db:"proposal_version"`
	Status, ContentHash, WorkflowID                              string
	Version                                                      int
	Major                                                        bool
	RequiredApprovals                                            pq.StringArray `db:"required_approvals"`
	FreeRevisions                                                sql.NullInt64  `db:"free_revisions"`
	ServiceFee                                                   sql.NullString `db:"service_fee"`
	StartsOn, EndsOn                                             sql.NullTime
	TotalFen                                                     int64 `db:"total_fen"`
	CreatedAt, UpdatedAt                                         time.Time
	OpenTaskID                                                   sql.NullString `db:"open_task_id"`
}

func (r contractRow) toContract() Contract {
	c := Contract{ID: r.ID, ProposalID: r.ProposalID, ProposalVersion: r.ProposalVersion, CustomerID: r.CustomerID,
		CustomerName: r.CustomerName, OwnerID: r.OwnerID, OwnerName: r.OwnerName, Status: r.Status,
		Version: r.Version, ContentHash: r.ContentHash, WorkflowID: r.WorkflowID, Major: r.Major,
		RequiredApprovals: []string(r.RequiredApprovals), TotalFen: r.TotalFen, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt, ServiceTerms: policy.ServiceTerms{ServiceFee: r.ServiceFee.String}}
	if r.FreeRevisions.Valid {
		n := int(r.FreeRevisions.Int64)
		c.ServiceTerms.FreeRevisions = &n
	}
	c.StartsOn, c.EndsOn, c.OpenTaskID = dateOrNil(r.StartsOn), dateOrNil(r.EndsOn), stringOrNil(r.OpenTaskID)
	if c.RequiredApprovals == nil {
		c.RequiredApprovals = []string{}
	}
	return c
}

func dateOrNil(t sql.NullTime) *string {
	if !t.Valid {
		return nil
	}
	s := t.Time.Format(time.DateOnly)
	return &s
}

func stringOrNil(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

const contractSelect = `SELECT c.id, c.proposal_id AS proposalid, c.proposal_version, c.customer_id AS customerid,
	cu.name AS customername, c.owner_id AS ownerid, u.name AS ownername, c.status, c.content_hash AS contenthash,
	c.workflow_id AS workflowid, c.version, c.major, c.required_approvals, v.free_revisions, v.service_fee,
	v.starts_on AS startson, v.ends_on AS endson, v.total_fen, c.created_at AS createdat, c.updated_at AS updatedat,
	(SELECT t.id FROM tasks t WHERE t.subject_type = 'contract' AND t.subject_id = c.id AND t.status = 'open'
	 ORDER BY t.created_at DESC LIMIT 1) AS open_task_id
	FROM contracts c JOIN customers cu ON cu.id = c.customer_id JOIN users u ON u.id = c.owner_id
	JOIN contract_versions v ON v.contract_id = c.id AND v.version = c.version`

// ContractByID returns a contract with its current items, every approval
// (voided ones marked), its signatures and its audit history.
func (s *Store) ContractByID(ctx context.Context, id string) (Contract, error) {
	var r contractRow
	var items []versionedContractItem
	c := Contract{Approvals: []ContractApproval{}}
	// The parts are read at once, as a proposal's are (ProposalByID),
	// the lines again should a revision land between the reads.
	const qa = `SELECT a.role, a.version, a.content_hash, a.round, a.decided_by, d.name AS decided_by_name,
		a.on_behalf_of, b.name AS on_behalf_of_name, a.decision, a.comment, a.at, a.voided, a.voided_at, a.void_reason
		FROM contract_approvals a JOIN users d ON d.id = a.decided_by LEFT JOIN users b ON b.id = a.on_behalf_of
		WHERE a.contract_id = $1 ORDER BY a.id`
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return mapErr(s.getPrepared(gctx, &r, contractSelect+` WHERE c.id = $1`, id)) })
	g.Go(func() (err error) { items, err = s.contractItems(gctx, id, 0); return })
	g.Go(func() error { return s.selectPrepared(gctx, &c.Approvals, qa, id) })
	g.Go(func() (err error) { c.Signatures, err = s.SignaturesFor(gctx, id); return })
	g.Go(func() (err error) { c.History, _, err = s.EventsFor(gctx, "contract", id, Page{Limit: 200}); return })
	if err := g.Wait(); err != nil {
		return Contract{}, err
	}
	head := r.toContract()
	head.Approvals, head.Signatures, head.History = c.Approvals, c.Signatures, c.History
	if len(items) > 0 && items[0].Version != head.Version {
		var err error
		if items, err = s.contractItems(ctx, id, head.Version); err != nil {
			return Contract{}, err
		}
	}
	head.Items = make([]ContractItem, len(items))
	for i, it := range items {
		head.Items[i] = it.ContractItem
	}
	return head, nil
}

// versionedContractItem is a contract line as read with its version.
type versionedContractItem struct {
	ContractItem
	Version int `db:"version"`
}

// contractItems reads the lines of one version of a contract, of its
// current version when version is 0.
func (s *Store) contractItems(ctx context.Context, id string, version int) ([]versionedContractItem, error) {
	const q = `SELECT i.line_no, i.version, i.product_id, p.code AS product_code, p.name AS product_name, p.unit,
		i.quantity, i.unit_price_fen, i.list_price_fen, ` + itemResourceColumns + `
		FROM contract_items i JOIN products p ON p.id = i.product_id LEFT JOIN media_resources mr ON mr.id = i.resource_id
		WHERE i.contract_id = $1 AND i.version = COALESCE($2, (SELECT c.version FROM contracts c WHERE c.id = $1))
		ORDER BY i.line_no`
	var items []versionedContractItem
	err := s.selectPrepared(ctx, &items, q, id, versionArg(version))
	return items, err
}

// ContractSummary is what an inbox card shows of a contract: for the
// director and the company approver its lines against list price and the
// owner's discount authority (R5.3).
type ContractSummary struct {
	ID                string `db:"id"`
	Major             bool   `db:"major"`
	TotalFen          int64  `db:"total_fen"`
	OwnerAuthorityPct int    `db:"owner_authority_pct"`
	Items             []ContractItem
}

// ContractSummaries returns the summaries of the contracts ids by id, in
// two queries (contracts, then their current lines); an unknown id is
// absent.
func (s *Store) ContractSummaries(ctx context.Context, ids []string) (map[string]ContractSummary, error) {
	const q = `SELECT c.id, c.major, v.total_fen, u.discount_authority_pct AS owner_authority_pct FROM contracts c
		JOIN contract_versions v ON v.contract_id = c.id AND v.version = c.version
		JOIN users u ON u.id = c.owner_id WHERE c.id = ANY($1)`
	var rows []ContractSummary
	if err := s.db.SelectContext(ctx, &rows, q, pq.StringArray(ids)); err != nil {
		return nil, err
	}
	const qi = `SELECT i.contract_id, i.line_no, i.product_id, p.code AS product_code, p.name AS product_name, p.unit,
		i.quantity, i.unit_price_fen, i.list_price_fen, ` + itemResourceColumns + `
		FROM contract_items i JOIN products p ON p.id = i.product_id LEFT JOIN media_resources mr ON mr.id = i.resource_id
		JOIN contracts c ON c.id = i.contract_id AND c.version = i.version
		WHERE i.contract_id = ANY($1) ORDER BY i.contract_id, i.line_no`
	var items []struct {
		ContractID string `db:"contract_id"`
		ContractItem
	}
	if err := s.db.SelectContext(ctx, &items, qi, pq.StringArray(ids)); err != nil {
		return nil, err
	}
	out := make(map[string]ContractSummary, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	for _, it := range items {
		k := out[it.ContractID]
		k.Items = append(k.Items, it.ContractItem)
		out[it.ContractID] = k
	}
	return out, nil
}

// SignaturesFor returns a contract's signatures, company first.
func (s *Store) SignaturesFor(ctx context.Context, id string) ([]Signature, error) {
	const q = `SELECT s.contract_id, s.signer_role, COALESCE(s.signer_id, '') AS signer_id,
		COALESCE(u.name, l.contact_name, '') AS signer_name,
		COALESCE(s.on_behalf_of, '') AS on_behalf_of, COALESCE(b.name, '') AS on_behalf_of_name,
		COALESCE(s.customer_signatory_name, '') AS customer_signatory_name, s.document_sha256, s.signed_at, s.server_signature,
		COALESCE(s.signing_key_id, '') AS signing_key_id, COALESCE(s.method, '') AS method,
		COALESCE(s.link_id, '') AS link_id, COALESCE(s.signer_contact, '') AS signer_contact,
		COALESCE(s.paper_scan_sha256, '') AS paper_scan_sha256
		FROM signatures s LEFT JOIN users u ON u.id = s.signer_id LEFT JOIN users b ON b.id = s.on_behalf_of
		LEFT JOIN customer_links l ON l.id = s.link_id
		WHERE s.contract_id = $1 ORDER BY s.signer_role`
	out := []Signature{}
	err := s.db.SelectContext(ctx, &out, q, id)
	for i := range out {
		out[i].SignedAt = out[i].SignedAt.UTC()
	}
	return out, err
}

// SigningDocument is the stored PDF put before the signers.
type SigningDocument struct {
	ContractID string    `db:"contract_id"`
	Version    int       `db:"version"`
	SHA256     string    `db:"sha256"`
	PDF        []byte    `db:"pdf"`
	CreatedAt  time.Time `db:"created_at"`
}

// SigningDocumentOf returns the stored signing document; ErrNotFound
// before the contract is approved.
func (s *Store) SigningDocumentOf(ctx context.Context, id string) (SigningDocument, error) {
	var d SigningDocument
	err := s.db.GetContext(ctx, &d, `SELECT contract_id, version, sha256, pdf, created_at FROM contract_documents WHERE contract_id = $1`, id)
	return d, mapErr(err)
}
