package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/document"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// signContract records one party's signature (service.SignContract, R5.5).
// The customer's own signature comes through a customer link
// (pages_customer_sign.go).
func (s *Server) signContract() gin.HandlerFunc {
	return jsonAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User, in service.SignatureInput) (wire.Contract, error) {
		return s.contractStep(ctx, c, u, service.SignContract(in, nil))
	})
}

// contractDocument answers the contract as PDF. Once the signing document
// is issued (on the last approval) it is that stored document, byte for
// byte, before and after the signatures: X-Document-SHA256 is then the
// hash every signature binds (R5.5), however the products or the clock
// have moved since. Before that it is a draft rendering with the NOT VALID
// banner.
func (s *Server) contractDocument(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.svc.Contract(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	pdf, err := s.contractPDF(ctx, k)
	if err != nil {
		s.fail(c, err)
		return
	}
	sum := sha256.Sum256(pdf)
	c.Header("X-Document-SHA256", hex.EncodeToString(sum[:]))
	c.Header("Content-Disposition", `inline; filename="contract-`+k.ID+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", pdf)
}

func (s *Server) contractPDF(ctx context.Context, k store.Contract) ([]byte, error) {
	doc, err := s.svc.SigningDocument(ctx, k.ID)
	if err == nil {
		return doc.PDF, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if len(s.cfg.PDFFont) == 0 {
		return nil, errors.New("no PDF font configured")
	}
	return document.Render(s.cfg.PDFFont, store.DocumentOf(k, k.UpdatedAt.UTC()))
}

// verifyContract recomputes the signing document's SHA-256 and checks every
// signature's Ed25519 seal (service.VerifyContract). valid needs an intact
// document and both parties' valid signatures over it (R5.5).
func (s *Server) verifyContract(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.svc.Contract(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.svc.VerifyContract(ctx, k)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.VerificationAnswer{Valid: v.Valid, Status: k.Status, DocumentSHA256: wire.Nullable(v.DocumentSHA256),
		RecomputedSHA256: wire.Nullable(v.RecomputedSHA256), DocumentIntact: v.Intact, Signatures: v.Checks})
}
