package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
)

// A customer who signed on paper (R5.5, service/paper_scans.go): the
// owner uploads the signed scan and records the signature bound to it.

// maxScanBytes bounds one scan: a few pages photographed by a phone.
// uploadPaperScan stores the multipart field "file" as a scan of the
// contract's customer signature (service.StorePaperScan).
func (s *Server) uploadPaperScan(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	scan, err := s.svc.StorePaperScan(ctx, u, c.Param("id"), func() (service.ScanFile, error) { return httpx.UploadedScan(c) })
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, wire.PaperScanOf(scan))
}

// paperScan answers one scan of the contract, to whoever may see it.
func (s *Server) paperScan(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	scan, err := s.svc.PaperScan(ctx, u, c.Param("id"), c.Param("sha256"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Disposition", `attachment; filename="scan-`+scan.SHA256[:12]+httpx.ScanExt[scan.ContentType]+`"`)
	c.Data(http.StatusOK, scan.ContentType, scan.Content)
}
