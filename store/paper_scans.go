package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// PaperScan is the signed paper copy of a contract the owner uploads when
// the customer signed on paper (R5.5): kept byte for byte with its
// SHA-256, which the customer's paper signature binds.
type PaperScan struct {
	ContractID     string    `json:"contract_id" db:"contract_id"`
	SHA256         string    `json:"sha256" db:"sha256"`
	ContentType    string    `json:"content_type" db:"content_type"`
	Filename       string    `json:"filename" db:"filename"`
	Size           int       `json:"size" db:"size"`
	UploadedBy     string    `json:"uploaded_by" db:"uploaded_by"`
	UploadedByName string    `json:"uploaded_by_name" db:"uploaded_by_name"`
	CreatedAt      time.Time `json:"created_at" db:"created_at"`
	Content        []byte    `json:"-" db:"content"`
}

// StorePaperScan keeps a scan once: the same bytes uploaded again (a
// retried upload) write nothing and answer the stored scan.
func (s *Store) StorePaperScan(ctx context.Context, p PaperScan) (PaperScan, error) {
	step := Step{Key: "paper-scan/" + p.ContractID + "/" + p.SHA256, ActorID: p.UploadedBy,
		Action: "contract.paper_scan_uploaded",
		Detail: map[string]any{"sha256": p.SHA256, "content_type": p.ContentType, "size": len(p.Content), "filename": p.Filename}}
	err := s.runStep(ctx, "contract", p.ContractID, step, func(tx *sqlx.Tx) error {
		const q = `INSERT INTO contract_paper_scans (contract_id, sha256, content_type, filename, content, uploaded_by)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (contract_id, sha256) DO NOTHING`
		_, err := tx.ExecContext(ctx, q, p.ContractID, p.SHA256, p.ContentType, p.Filename, p.Content, p.UploadedBy)
		return mapErr(err)
	})
	if err != nil {
		return PaperScan{}, err
	}
	return s.PaperScanOf(ctx, p.ContractID, p.SHA256, false)
}

const scanSelect = `SELECT s.contract_id, s.sha256, s.content_type, s.filename, octet_length(s.content) AS size,
	s.uploaded_by, u.name AS uploaded_by_name, s.created_at`

// PaperScanOf returns one scan of the contract, with its bytes when
// content is set.
func (s *Store) PaperScanOf(ctx context.Context, contractID, sha string, content bool) (PaperScan, error) {
	q := scanSelect
	if content {
		q += `, s.content`
	}
	q += ` FROM contract_paper_scans s JOIN users u ON u.id = s.uploaded_by WHERE s.contract_id = $1 AND s.sha256 = $2`
	var p PaperScan
	return p, mapErr(s.db.GetContext(ctx, &p, q, contractID, sha))
}

// PaperScansOf lists a contract's scans (without their bytes), oldest
// first.
func (s *Store) PaperScansOf(ctx context.Context, contractID string) ([]PaperScan, error) {
	out := []PaperScan{}
	err := s.db.SelectContext(ctx, &out, scanSelect+` FROM contract_paper_scans s JOIN users u ON u.id = s.uploaded_by
		WHERE s.contract_id = $1 ORDER BY s.created_at, s.sha256`, contractID)
	return out, err
}
