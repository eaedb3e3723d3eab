package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"salesflow/policy"
	"salesflow/signing"
	"salesflow/store"
)

// ContractVerification is the check of a contract's signatures (R5.5): the
// stored signing document's SHA-256 recomputed, and every signature's seal.
type ContractVerification struct {
	// Issued: the signing document exists (from the last approval on);
	// before, the hashes are "" and nothing is intact or valid.
	Issued bool
	// DocumentSHA256 is the hash stored when the document was issued;
	// RecomputedSHA256 the hash of its bytes as stored now.
	DocumentSHA256, RecomputedSHA256 string
	Intact                           bool // the two hashes agree
	// Valid: intact, and both parties' signatures hold over it.
	Valid  bool
	Checks []SignatureCheck
}

// SignatureCheck is the verification of one signature.
type SignatureCheck struct {
	SignerRole      string    `json:"signer_role"`
	SignerID        string    `json:"signer_id"`
	OnBehalfOf      string    `json:"on_behalf_of,omitempty"`
	SignedAt        time.Time `json:"signed_at"`
	DocumentMatches bool      `json:"document_matches"`
	SignatureValid  bool      `json:"signature_valid"`
	// KeyID is the key the seal names; "" for seals made before key ids
	// were stored.
	KeyID string `json:"key_id,omitempty"`
	// Problem says why the signature does not hold: unknown_key (sealed
	// by a key this API does not trust), bad_signature (the seal does not
	// match the record) or document_mismatch (it binds another document).
	Problem string `json:"problem,omitempty"`
}

// Problems of a signature check.
const (
	ProblemUnknownKey       = "unknown_key"
	ProblemBadSignature     = "bad_signature"
	ProblemDocumentMismatch = "document_mismatch"
)

// VerifyContract recomputes k's signing document's SHA-256 and checks
// every signature's Ed25519 seal with the trusted key it names (R5.5).
// The caller has checked that the user may see k.
func (s *Service) VerifyContract(ctx context.Context, k store.Contract) (ContractVerification, error) {
	doc, err := s.store.SigningDocumentOf(ctx, k.ID)
	if errors.Is(err, store.ErrNotFound) {
		return ContractVerification{Checks: s.checkSignatures(k.Signatures, "")}, nil
	}
	if err != nil {
		return ContractVerification{}, err
	}
	sum := sha256.Sum256(doc.PDF)
	v := ContractVerification{Issued: true, DocumentSHA256: doc.SHA256, RecomputedSHA256: hex.EncodeToString(sum[:])}
	v.Intact = v.RecomputedSHA256 == doc.SHA256
	v.Checks = s.checkSignatures(k.Signatures, v.RecomputedSHA256)
	holds := map[string]bool{}
	for _, ch := range v.Checks {
		holds[ch.SignerRole] = ch.DocumentMatches && ch.SignatureValid
	}
	v.Valid = v.Intact && holds[string(policy.SignerCompany)] && holds[string(policy.SignerCustomer)]
	return v, nil
}

// checkSignatures verifies each seal and that it binds the document as it
// is now (docSHA, "" when there is none).
func (s *Service) checkSignatures(sigs []store.Signature, docSHA string) []SignatureCheck {
	checks := []SignatureCheck{}
	for _, sig := range sigs {
		rec := signing.Record{ContractID: sig.ContractID, SignerRole: sig.SignerRole, SignerID: sig.SignerID,
			OnBehalfOf: sig.OnBehalfOf, CustomerSignatoryName: sig.CustomerSignatoryName,
			DocumentSHA256: sig.DocumentSHA256, SignedAt: sig.SignedAt, Method: sig.Method, LinkID: sig.LinkID,
			SignerContact: sig.SignerContact, EvidenceSHA256: sig.PaperScanSHA256}
		sealErr := s.cfg.SigningKeys.Verify(sig.SigningKeyID, rec, sig.ServerSignature)
		ch := SignatureCheck{SignerRole: sig.SignerRole, SignerID: sig.SignerID, OnBehalfOf: sig.OnBehalfOf,
			SignedAt: sig.SignedAt, DocumentMatches: docSHA != "" && sig.DocumentSHA256 == docSHA,
			SignatureValid: sealErr == nil, KeyID: sig.SigningKeyID}
		switch {
		case errors.Is(sealErr, signing.ErrUnknownKey):
			ch.Problem = ProblemUnknownKey
		case sealErr != nil:
			ch.Problem = ProblemBadSignature
		case !ch.DocumentMatches:
			ch.Problem = ProblemDocumentMismatch
		}
		checks = append(checks, ch)
	}
	return checks
}
