package api

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/service"
)

// A customer who signed on paper (R5.5, service/paper_scans.go): the
// owner uploads the signed scan and records the signature bound to it.

// maxScanBytes bounds one scan: a few pages photographed by a phone.
const maxScanBytes = 10 << 20

// scanExt are what a scan may be, by its bytes (not its name), with the
// file name extension a downloaded scan gets.
var scanExt = map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}

// uploadPaperScan stores the multipart field "file" as a scan of the
// contract's customer signature (service.StorePaperScan).
func (s *Server) uploadPaperScan(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	scan, err := s.svc.StorePaperScan(ctx, u, c.Param("id"), func() (service.ScanFile, error) { return uploadedScan(c) })
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, scan)
}

// uploadedScan reads the form's file "file": at most maxScanBytes, a PDF,
// PNG or JPEG by its content.
func uploadedScan(c *gin.Context) (service.ScanFile, error) {
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
		return service.ScanFile{}, err
	}
	f, err := fh.Open()
	if err != nil {
		return service.ScanFile{}, err
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, maxScanBytes))
	if err != nil {
		return service.ScanFile{}, err
	}
	kind := http.DetectContentType(content)
	if scanExt[kind] == "" {
		v.Add("file", "field.scan_type")
		return service.ScanFile{}, v.Err()
	}
	name := []rune(strings.ToValidUTF8(filepath.Base(fh.Filename), ""))
	return service.ScanFile{Content: content, ContentType: kind, Filename: string(name[:min(len(name), 200)])}, nil
}

// paperScan answers one scan of the contract, to whoever may see it.
func (s *Server) paperScan(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	scan, err := s.svc.PaperScan(ctx, u, c.Param("id"), c.Param("sha256"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Disposition", `attachment; filename="scan-`+scan.SHA256[:12]+scanExt[scan.ContentType]+`"`)
	c.Data(http.StatusOK, scan.ContentType, scan.Content)
}
