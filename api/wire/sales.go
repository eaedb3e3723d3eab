package wire

import (
	"time"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// The answers about the rate card, proposals and contracts.

// Product is a line of the rate card: an ad placement or service.
type Product struct {
	ID           string    `json:"id"`
	Code         string    `json:"code"`
	Name         string    `json:"name"`
	Unit         string    `json:"unit"`
	ListPriceFen int64     `json:"list_price_fen"`
	Active       bool      `json:"active"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// ProductOf is s as the API answers it.
func ProductOf(s store.Product) Product { return Product(s) }

// ProductPrice is a dated rate-card price (a season such as 春节档).
type ProductPrice struct {
	ID        int64     `json:"id"`
	ProductID string    `json:"product_id"`
	Label     string    `json:"label"`
	ValidFrom string    `json:"valid_from"`
	ValidTo   string    `json:"valid_to,omitempty"`
	PriceFen  int64     `json:"price_fen"`
	CreatedAt time.Time `json:"created_at"`
}

// ProductPriceOf is s as the API answers it.
func ProductPriceOf(s store.ProductPrice) ProductPrice { return ProductPrice(s) }

// Proposal is a proposal with its current version, its lines and, on a
// single proposal, its versions and trail.
type Proposal struct {
	ID           string            `json:"id"`
	CustomerID   string            `json:"customer_id"`
	CustomerName string            `json:"customer_name"`
	OwnerID      string            `json:"owner_id"`
	OwnerName    string            `json:"owner_name"`
	Status       string            `json:"status"`
	Version      int               `json:"version"`
	WorkflowID   string            `json:"workflow_id"`
	ContractID   *string           `json:"contract_id"`
	Title        string            `json:"title"`
	Body         string            `json:"body"`
	TotalFen     int64             `json:"total_fen"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
	OpenTaskID   *string           `json:"open_task_id"`
	Items        []ProposalItem    `json:"items"`
	Versions     []ProposalVersion `json:"versions,omitempty"`
	History      []Event           `json:"history,omitempty"`
}

// ProposalOf is s as the API answers it.
func ProposalOf(s store.Proposal) Proposal {
	return Proposal{ID: s.ID, CustomerID: s.CustomerID, CustomerName: s.CustomerName, OwnerID: s.OwnerID,
		OwnerName: s.OwnerName, Status: s.Status, Version: s.Version, WorkflowID: s.WorkflowID, ContractID: s.ContractID,
		Title: s.Title, Body: s.Body, TotalFen: s.TotalFen, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt,
		OpenTaskID: s.OpenTaskID, Items: Map(s.Items, ProposalItemOf), Versions: Map(s.Versions, ProposalVersionOf),
		History: Map(s.History, EventOf)}
}

// ProposalItem is one priced line of a proposal version.
type ProposalItem struct {
	LineNo       int    `json:"line_no"`
	ProductID    string `json:"product_id"`
	ProductCode  string `json:"product_code"`
	ProductName  string `json:"product_name"`
	Unit         string `json:"unit"`
	Quantity     int64  `json:"quantity"`
	UnitPriceFen int64  `json:"unit_price_fen"`
	ListPriceFen int64  `json:"list_price_fen"`
	ItemResource
}

// ProposalItemOf is s as the API answers it.
func ProposalItemOf(s store.ProposalItem) ProposalItem {
	return ProposalItem{LineNo: s.LineNo, ProductID: s.ProductID, ProductCode: s.ProductCode,
		ProductName: s.ProductName, Unit: s.Unit, Quantity: s.Quantity, UnitPriceFen: s.UnitPriceFen,
		ListPriceFen: s.ListPriceFen, ItemResource: ItemResourceOf(s.ItemResource)}
}

// ProposalVersion is one kept revision of a proposal.
type ProposalVersion struct {
	Version   int            `json:"version"`
	Title     string         `json:"title"`
	Body      string         `json:"body"`
	TotalFen  int64          `json:"total_fen"`
	AuthorID  string         `json:"author_id"`
	CreatedAt time.Time      `json:"created_at"`
	Items     []ProposalItem `json:"items,omitempty"`
}

// ProposalVersionOf is s as the API answers it.
func ProposalVersionOf(s store.ProposalVersion) ProposalVersion {
	return ProposalVersion{Version: s.Version, Title: s.Title, Body: s.Body, TotalFen: s.TotalFen, AuthorID: s.AuthorID,
		CreatedAt: s.CreatedAt, Items: Map(s.Items, ProposalItemOf)}
}

// ItemResource is what a proposal or contract line says of the resource it
// books (issue 13); all empty for a line without one.
type ItemResource struct {
	ResourceID   string `json:"resource_id,omitempty"`
	ResourceCode string `json:"resource_code,omitempty"`
	ResourceName string `json:"resource_name,omitempty"`
	StartsOn     string `json:"starts_on,omitempty"`
	EndsOn       string `json:"ends_on,omitempty"`
	ListTotalFen int64  `json:"list_total_fen,omitempty"`
}

// ItemResourceOf is s as the API answers it.
func ItemResourceOf(s store.ItemResource) ItemResource { return ItemResource(s) }

// Contract is a contract with its current version, approvals, signatures
// and trail.
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

// ContractOf is s as the API answers it.
func ContractOf(s store.Contract) Contract {
	return Contract{ID: s.ID, ProposalID: s.ProposalID, ProposalVersion: s.ProposalVersion, CustomerID: s.CustomerID,
		CustomerName: s.CustomerName, OwnerID: s.OwnerID, OwnerName: s.OwnerName, Status: s.Status, Version: s.Version,
		ContentHash: s.ContentHash, WorkflowID: s.WorkflowID, Major: s.Major, RequiredApprovals: s.RequiredApprovals,
		ServiceTerms: s.ServiceTerms, StartsOn: s.StartsOn, EndsOn: s.EndsOn, TotalFen: s.TotalFen, CreatedAt: s.CreatedAt,
		UpdatedAt: s.UpdatedAt, OpenTaskID: s.OpenTaskID, Items: Map(s.Items, ContractItemOf),
		Approvals: Map(s.Approvals, ContractApprovalOf), Signatures: Map(s.Signatures, SignatureOf),
		History: Map(s.History, EventOf)}
}

// ContractItem is one priced line of a contract version, with the list
// price it was judged against (R5.3).
type ContractItem struct {
	LineNo       int    `json:"line_no"`
	ProductID    string `json:"product_id"`
	ProductCode  string `json:"product_code"`
	ProductName  string `json:"product_name"`
	Unit         string `json:"unit"`
	Quantity     int64  `json:"quantity"`
	UnitPriceFen int64  `json:"unit_price_fen"`
	ListPriceFen int64  `json:"list_price_fen"`
	ItemResource
}

// ContractItemOf is s as the API answers it.
func ContractItemOf(s store.ContractItem) ContractItem {
	return ContractItem{LineNo: s.LineNo, ProductID: s.ProductID, ProductCode: s.ProductCode,
		ProductName: s.ProductName, Unit: s.Unit, Quantity: s.Quantity, UnitPriceFen: s.UnitPriceFen,
		ListPriceFen: s.ListPriceFen, ItemResource: ItemResourceOf(s.ItemResource)}
}

// ContractApproval is one recorded approval decision; voided ones no
// longer count.
type ContractApproval struct {
	Role           string     `json:"role"`
	Version        int        `json:"version"`
	ContentHash    string     `json:"content_hash"`
	Round          int        `json:"round"`
	DecidedBy      string     `json:"decided_by"`
	DecidedByName  string     `json:"decided_by_name"`
	OnBehalfOf     *string    `json:"on_behalf_of"`
	OnBehalfOfName *string    `json:"on_behalf_of_name"`
	Decision       string     `json:"decision"`
	Comment        *string    `json:"comment"`
	At             time.Time  `json:"at"`
	Voided         bool       `json:"voided"`
	VoidedAt       *time.Time `json:"voided_at,omitempty"`
	VoidReason     *string    `json:"void_reason,omitempty"`
}

// ContractApprovalOf is s as the API answers it.
func ContractApprovalOf(s store.ContractApproval) ContractApproval { return ContractApproval(s) }

// Signature is one party's signature (R5.5), sealed by the server.
type Signature struct {
	ContractID            string    `json:"contract_id"`
	SignerRole            string    `json:"signer_role"`
	SignerID              string    `json:"signer_id,omitempty"`
	SignerName            string    `json:"signer_name"`
	OnBehalfOf            string    `json:"on_behalf_of,omitempty"`
	OnBehalfOfName        string    `json:"on_behalf_of_name,omitempty"`
	CustomerSignatoryName string    `json:"customer_signatory_name,omitempty"`
	DocumentSHA256        string    `json:"document_sha256"`
	SignedAt              time.Time `json:"signed_at"`
	ServerSignature       string    `json:"server_signature"`
	SigningKeyID          string    `json:"signing_key_id,omitempty"`
	Method                string    `json:"method,omitempty"`
	LinkID                string    `json:"link_id,omitempty"`
	SignerContact         string    `json:"signer_contact,omitempty"`
	PaperScanSHA256       string    `json:"paper_scan_sha256,omitempty"`
}

// SignatureOf is s as the API answers it.
func SignatureOf(s store.Signature) Signature { return Signature(s) }

// CustomerLink is one link sent to a customer (never its token).
type CustomerLink struct {
	ID              string     `json:"id"`
	Purpose         string     `json:"purpose"`
	ContractID      string     `json:"contract_id,omitempty"`
	ProposalID      string     `json:"proposal_id,omitempty"`
	ProposalVersion int        `json:"proposal_version,omitempty"`
	DocumentSHA256  string     `json:"document_sha256"`
	CustomerID      string     `json:"customer_id"`
	ContactName     string     `json:"contact_name"`
	ContactEmail    string     `json:"contact_email"`
	Channel         string     `json:"channel"`
	CreatedBy       string     `json:"created_by"`
	CreatedByName   string     `json:"created_by_name"`
	CreatedAt       time.Time  `json:"created_at"`
	ExpiresAt       time.Time  `json:"expires_at"`
	MailedAt        *time.Time `json:"mailed_at,omitempty"`
	UsedAt          *time.Time `json:"used_at,omitempty"`
	RevokedAt       *time.Time `json:"revoked_at,omitempty"`
	State           string     `json:"state"`
}

// CustomerLinkOf is s as the API answers it.
func CustomerLinkOf(s store.CustomerLink) CustomerLink { return CustomerLink(s) }

// PaperScan is the signed paper copy of a contract, without its bytes
// (GET …/paper-scans/{sha256} serves those).
type PaperScan struct {
	ContractID     string    `json:"contract_id"`
	SHA256         string    `json:"sha256"`
	ContentType    string    `json:"content_type"`
	Filename       string    `json:"filename"`
	Size           int       `json:"size"`
	UploadedBy     string    `json:"uploaded_by"`
	UploadedByName string    `json:"uploaded_by_name"`
	CreatedAt      time.Time `json:"created_at"`
}

// PaperScanOf is s as the API answers it.
func PaperScanOf(s store.PaperScan) PaperScan {
	return PaperScan{ContractID: s.ContractID, SHA256: s.SHA256, ContentType: s.ContentType, Filename: s.Filename,
		Size: s.Size, UploadedBy: s.UploadedBy, UploadedByName: s.UploadedByName, CreatedAt: s.CreatedAt}
}

// CustomerLinkCreated is a link just sent, with its URL when it is to be
// pasted (service.CustomerLinkCreated).
type CustomerLinkCreated struct {
	Link CustomerLink `json:"link"`
	URL  string       `json:"url,omitempty"`
}

// CustomerLinkCreatedOf is s as the API answers it.
func CustomerLinkCreatedOf(s service.CustomerLinkCreated) CustomerLinkCreated {
	return CustomerLinkCreated{Link: CustomerLinkOf(s.Link), URL: s.URL}
}
