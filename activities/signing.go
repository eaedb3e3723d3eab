package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"go.temporal.io/sdk/temporal"

	"salesflow/document"
	"salesflow/policy"
	"salesflow/signing"
	"salesflow/store"
)

// ErrTypeNotConfigured marks a worker without a signing key or PDF font.
// A missing font is retried: the contract workflow keeps issuing the
// signing document until a worker that has the font takes the attempt.
const ErrTypeNotConfigured = "NotConfigured"

// SigningDocumentInput asks for the document the parties will sign.
type SigningDocumentInput struct {
	ContractID string `json:"contract_id"`
	StepKey    string `json:"step_key"`
}

// PrepareSigningDocument renders the approved contract once and keeps the
// exact bytes; every signature binds their SHA-256 (R5.5), and they are
// what the API serves from then on, signed or not. It returns that hash.
func (a *Activities) PrepareSigningDocument(ctx context.Context, in SigningDocumentInput) (string, error) {
	if existing, err := a.Store.SigningDocumentOf(ctx, in.ContractID); err == nil {
		return existing.SHA256, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	if len(a.Font) == 0 {
		return "", temporal.NewApplicationError("no PDF font configured on this worker", ErrTypeNotConfigured)
	}
	c, err := a.Store.ContractByID(ctx, in.ContractID)
	if err != nil {
		return "", classify(err)
	}
	now, err := a.Store.Now(ctx)
	if err != nil {
		return "", err
	}
	content := store.DocumentOf(c, now)
	content.ForSignature = true
	pdf, err := document.Render(a.Font, content)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(pdf)
	sha := hex.EncodeToString(sum[:])
	step := store.Step{Key: in.StepKey, Action: "contract.document_issued",
		Detail: map[string]any{"version": c.Version, "sha256": sha}}
	if err := a.Store.StoreSigningDocument(ctx, in.ContractID, c.Version, sha, pdf, step); err != nil {
		return "", classify(err)
	}
	doc, err := a.Store.SigningDocumentOf(ctx, in.ContractID) // a concurrent first write wins
	return doc.SHA256, classify(err)
}

// SignContractInput is one party's signature. Method says how it was
// given: account (the company's), link (the customer through a customer
// link: Customer set, no Actor) or paper (PaperScanSHA256 set).
type SignContractInput struct {
	ContractID      string            `json:"contract_id"`
	StepKey         string            `json:"step_key"`
	SignerRole      policy.SignerRole `json:"signer_role"`
	Actor           policy.Actor      `json:"actor"`
	OnBehalfOf      string            `json:"on_behalf_of,omitempty"`
	SignatoryName   string            `json:"signatory_name,omitempty"`
	Completes       bool              `json:"completes"`
	Method          string            `json:"method,omitempty"`
	Customer        *CustomerEvidence `json:"customer,omitempty"`
	PaperScanSHA256 string            `json:"paper_scan_sha256,omitempty"`
}

// CustomerEvidence is what is recorded of an answer the customer gave
// through a customer link (R5.5, issue 11): the link and the hash it is
// bound to, the contact it was sent to, the check of the one-time code
// mailed there, and the client's address. The activity spends the link in
// the answer's own transaction.
type CustomerEvidence struct {
	LinkID         string          `json:"link_id"`
	DocumentSHA256 string          `json:"document_sha256"`
	ContactName    string          `json:"contact_name"`
	ContactEmail   string          `json:"contact_email"`
	Code           store.CodeCheck `json:"code"`
	ClientIP       string          `json:"client_ip"`
	ForwardedFor   string          `json:"forwarded_for,omitempty"`
	UserAgent      string          `json:"user_agent,omitempty"`
}

// SignContract binds the signer, on whose behalf, how the signature was
// given and its evidence (the customer link and contact, or the paper
// scan's hash), the database's time (R5.4) and the signing document's
// SHA-256 into one record sealed with the worker's Ed25519 key, stored
// with the key's id so the API knows which trusted public key verifies
// it. With Completes the contract and its customer become signed (R4.1,
// R5.5).
func (a *Activities) SignContract(ctx context.Context, in SignContractInput) error {
	if len(a.SigningKey) == 0 {
		return temporal.NewNonRetryableApplicationError("no signing key configured", ErrTypeNotConfigured, nil)
	}
	doc, err := a.Store.SigningDocumentOf(ctx, in.ContractID)
	if err != nil {
		return classify(err)
	}
	at, err := a.Store.Now(ctx)
	if err != nil {
		return err
	}
	rec := signing.Record{ContractID: in.ContractID, SignerRole: string(in.SignerRole), SignerID: in.Actor.ID,
		OnBehalfOf: in.OnBehalfOf, CustomerSignatoryName: in.SignatoryName, DocumentSHA256: doc.SHA256, SignedAt: at,
		Method: in.Method, EvidenceSHA256: in.PaperScanSHA256}
	if in.Customer != nil {
		rec.LinkID, rec.SignerContact = in.Customer.LinkID, in.Customer.ContactEmail
	}
	keyID, seal := signing.Seal(a.SigningKey, rec)
	sig := store.Signature{ContractID: in.ContractID, SignerRole: rec.SignerRole, SignerID: rec.SignerID,
		OnBehalfOf: rec.OnBehalfOf, CustomerSignatoryName: rec.CustomerSignatoryName, DocumentSHA256: rec.DocumentSHA256,
		SignedAt: at, ServerSignature: seal, SigningKeyID: keyID, Method: rec.Method, LinkID: rec.LinkID,
		SignerContact: rec.SignerContact, PaperScanSHA256: rec.EvidenceSHA256}
	step := store.Step{Key: in.StepKey, ActorID: in.Actor.ID, OnBehalfOf: in.OnBehalfOf,
		Action: "contract.signed_" + string(in.SignerRole), Detail: signDetail(in, doc.SHA256)}
	err = a.Store.AddSignature(ctx, sig, in.Completes, step)
	if _, taken := store.AsClaimTaken(err); !taken && errors.Is(err, store.ErrConflict) && in.Customer != nil {
		return temporal.NewNonRetryableApplicationError("the customer link was used, has expired or is bound to another document",
			ErrTypeConflict, err)
	}
	return classify(err)
}

// signDetail is the audit's account of a signature: what it binds and how
// it was given, with a link's whole evidence.
func signDetail(in SignContractInput, docSHA string) map[string]any {
	d := map[string]any{"document_sha256": docSHA, "signatory_name": in.SignatoryName, "completes": in.Completes}
	if in.Method != "" {
		d["method"] = in.Method
	}
	if in.PaperScanSHA256 != "" {
		d["paper_scan_sha256"] = in.PaperScanSHA256
	}
	if in.Customer != nil {
		in.Customer.addTo(d)
	}
	return d
}

// addTo puts the evidence into an audit event's detail.
func (c *CustomerEvidence) addTo(d map[string]any) {
	d["link_id"], d["link_document_sha256"] = c.LinkID, c.DocumentSHA256
	d["contact_name"], d["contact_email"] = c.ContactName, c.ContactEmail
	d["code"], d["client_ip"], d["forwarded_for"], d["user_agent"] = c.Code, c.ClientIP, c.ForwardedFor, c.UserAgent
}
