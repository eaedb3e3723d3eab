package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// A customer who signed on paper (R5.5): the owner uploads the signed
// scan, stored with its SHA-256, and records the signature bound to it
// (POST .../signatures with paper_scan_sha256). The salesperson no longer
// signs for the customer without such evidence.

// maxScanBytes bounds one scan: a few pages photographed by a phone.
const maxScanBytes = 10 << 20

// scanExt are what a scan may be, by its bytes (not its name), with the
// file name extension a downloaded scan gets.
var scanExt = map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}

var errScanOwnerOnly = problemErr(http.StatusForbidden, "/problems/forbidden", "problem.forbidden", "detail.paper_scan_owner")

// uploadPaperScan stores the multipart field "file" as a scan of the
// contract's customer signature.
func (s *Server) uploadPaperScan(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.visibleContract(ctx, u, c.Param("id"))
	var scan store.PaperScan
	if err == nil {
		scan, err = s.storeUploadedScan(ctx, c, u, k)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, scan)
}

// storeUploadedScan checks who uploads and what, and keeps the scan: the
// owner, while the customer has not signed and the document is issued.
func (s *Server) storeUploadedScan(ctx context.Context, c *gin.Context, u store.User, k store.Contract) (store.PaperScan, error) {
	if k.OwnerID != u.ID {
		return store.PaperScan{}, errScanOwnerOnly
	}
	if k.Status != string(policy.ContractApproved) || signedBy(k, policy.SignerCustomer) {
		return store.PaperScan{}, errLinkNotNow
	}
	content, name, err := uploadedScan(c)
	if err != nil {
		return store.PaperScan{}, err
	}
	sum := sha256.Sum256(content)
	return s.store.StorePaperScan(ctx, store.PaperScan{ContractID: k.ID, SHA256: hex.EncodeToString(sum[:]),
		ContentType: http.DetectContentType(content), Filename: name, Content: content, UploadedBy: u.ID})
}

// uploadedScan reads the form's file "file": at most maxScanBytes, a PDF,
// PNG or JPEG by its content.
func uploadedScan(c *gin.Context) ([]byte, string, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxScanBytes+64<<10)
	var v validation
	fh, err := c.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge) || (err == nil && fh.Size > maxScanBytes):
		v.Add("file", "field.scan_too_large", maxScanBytes>>20)
	case err != nil:
		v.Add("file", "field.scan_required")
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, maxScanBytes))
	if err != nil {
		return nil, "", err
	}
	if scanExt[http.DetectContentType(content)] == "" {
		v.Add("file", "field.scan_type")
		return nil, "", v.Err()
	}
	name := []rune(strings.ToValidUTF8(filepath.Base(fh.Filename), ""))
	return content, string(name[:min(len(name), 200)]), nil
}

// paperScan answers one scan of the contract, to whoever may see it.
func (s *Server) paperScan(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.visibleContract(ctx, u, c.Param("id"))
	var scan store.PaperScan
	if err == nil {
		scan, err = s.store.PaperScanOf(ctx, k.ID, c.Param("sha256"), true)
		err = service.NotFoundAs(err, "scan "+c.Param("sha256"))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Disposition", `attachment; filename="scan-`+scan.SHA256[:12]+scanExt[scan.ContentType]+`"`)
	c.Data(http.StatusOK, scan.ContentType, scan.Content)
}

// paperScanFor checks that a paper signature names a scan stored for the
// contract.
func (s *Server) paperScanFor(ctx context.Context, contractID, sha string) error {
	var v validation
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
