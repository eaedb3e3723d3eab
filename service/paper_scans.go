package service

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"salesflow/policy"
	"salesflow/store"
)

// A customer who signed on paper (R5.5): the owner uploads the signed
// scan, stored with its SHA-256, and records the signature bound to it
// (SignContract with PaperScanSHA256). The salesperson no longer signs for
// the customer without such evidence.

// ErrScanOwnerOnly: only the contract's owner uploads a scan.
var ErrScanOwnerOnly = NewError(KindForbidden, "forbidden", "problem.forbidden", "detail.paper_scan_owner")

// ScanFile is an uploaded scan: its bytes, the type its bytes are (a PDF,
// PNG or JPEG, as the transport sniffed it) and the name it came with.
type ScanFile struct {
	Content     []byte
	ContentType string
	Filename    string
}

// ScanReader reads an uploaded scan, or returns the problem with the
// upload (a field error on "file"). It is called only once the uploader
// may upload, so nothing is read for a refused one.
type ScanReader func() (ScanFile, error)

// StorePaperScan keeps a scan of contract id's customer signature: the
// owner uploads it while the customer has not signed and the document is
// issued.
func (s *Service) StorePaperScan(ctx context.Context, actor store.User, id string, scan ScanReader) (store.PaperScan, error) {
	k, err := s.Contract(ctx, actor, id)
	if err != nil {
		return store.PaperScan{}, err
	}
	return s.storeScan(ctx, actor, k, scan)
}

func (s *Service) storeScan(ctx context.Context, actor store.User, k store.Contract, scan ScanReader) (store.PaperScan, error) {
	if k.OwnerID != actor.ID {
		return store.PaperScan{}, ErrScanOwnerOnly
	}
	if k.Status != string(policy.ContractApproved) || ContractSteps(k).SignedBy(policy.SignerCustomer) {
		return store.PaperScan{}, ErrLinkNotNow
	}
	f, err := scan()
	if err != nil {
		return store.PaperScan{}, err
	}
	sum := sha256.Sum256(f.Content)
	return s.store.StorePaperScan(ctx, store.PaperScan{ContractID: k.ID, SHA256: hex.EncodeToString(sum[:]),
		ContentType: f.ContentType, Filename: f.Filename, Content: f.Content, UploadedBy: actor.ID})
}

// PaperScan is one scan of contract id, to whoever may see the contract.
func (s *Service) PaperScan(ctx context.Context, actor store.User, id, sha string) (store.PaperScan, error) {
	k, err := s.Contract(ctx, actor, id)
	if err != nil {
		return store.PaperScan{}, err
	}
	scan, err := s.store.PaperScanOf(ctx, k.ID, sha, true)
	return scan, NotFoundAs(err, "scan "+sha)
}

// paperScanFor checks that a paper signature names a scan stored for the
// contract.
func (s *Service) paperScanFor(ctx context.Context, contractID, sha string) error {
	var v Validation
	if sha == "" {
		v.Add("paper_scan_sha256", "field.paper_scan_required")
		return v.Err()
	}
	if _, err := s.store.PaperScanOf(ctx, contractID, sha, false); errors.Is(err, store.ErrNotFound) {
		v.Add("paper_scan_sha256", "field.paper_scan_unknown")
		return v.Err()
	} else if err != nil {
		return err
	}
	return nil
}

// PaperScans are the scans of paper signatures stored for contract
// contractID, for its page (which has already shown the contract).
func (s *Service) PaperScans(ctx context.Context, contractID string) ([]store.PaperScan, error) {
	return s.store.PaperScansOf(ctx, contractID)
}
