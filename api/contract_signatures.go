package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/document"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

type signatureRequest struct {
	SignerRole    string `json:"signer_role"`
	SignatoryName string `json:"signatory_name" text:"max=200"`
	// PaperScanSHA256 names the uploaded scan of a customer's signature
	// given on paper (POST .../paper-scans).
	PaperScanSHA256 string `json:"paper_scan_sha256" text:"max=64"`
}

// signContract records one party's signature (R5.5): the company's by a
// company approver or their delegate; the customer's, when given on
// paper, by the owner with the signed scan. The customer's own signature
// comes through a customer link (pages_customer_sign.go).
func (s *Server) signContract(c *gin.Context) {
	var req signatureRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	s.contractUpdate(c, workflows.UpdateContractSign, func(ctx context.Context, u store.User, k store.Contract) (any, error) {
		return s.contractSignRequest(ctx, u, k, req)
	})
}

// contractDocument answers the contract as PDF. Once the signing document
// is issued (on the last approval) it is that stored document, byte for
// byte, before and after the signatures: X-Document-SHA256 is then the
// hash every signature binds (R5.5), however the products or the clock
// have moved since. Before that it is a draft rendering with the NOT VALID
// banner.
func (s *Server) contractDocument(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.visibleContract(ctx, u, c.Param("id"))
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
	doc, err := s.store.SigningDocumentOf(ctx, k.ID)
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
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	k, err := s.visibleContract(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.svc.VerifyContract(ctx, k)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, verificationAnswer{Valid: v.Valid, Status: k.Status, DocumentSHA256: nullable(v.DocumentSHA256),
		RecomputedSHA256: nullable(v.RecomputedSHA256), DocumentIntact: v.Intact, Signatures: v.Checks})
}

// contractSignRequest is signContract's check and request: the signer role,
// the customer signatory's name, and for the company the delegation the
// signer acts under, resolved now (R5.5).
func (s *Server) contractSignRequest(ctx context.Context, u store.User, k store.Contract, req signatureRequest) (any, error) {
	var v validation
	service.CheckText(&v, req)
	role := policy.SignerRole(req.SignerRole)
	switch {
	case role != policy.SignerCompany && role != policy.SignerCustomer:
		v.Add("signer_role", "field.signer_role")
	case role == policy.SignerCustomer && req.SignatoryName == "":
		v.Add("signatory_name", "field.signatory_name")
	case len([]rune(req.SignatoryName)) > 200:
		v.Add("signatory_name", "field.too_long", 200)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	sr := workflows.SignRequest{Actor: actor(u), SignerRole: role, SignatoryName: req.SignatoryName}
	// A paper signature needs its scan; out of the approved state the
	// workflow's refusal (or a replay of the signature) says more.
	if role == policy.SignerCustomer && k.OwnerID == u.ID && k.Status == string(policy.ContractApproved) {
		if err := s.paperScanFor(ctx, k.ID, req.PaperScanSHA256); err != nil {
			return nil, err
		}
	}
	sr.PaperScanSHA256 = req.PaperScanSHA256
	if role == policy.SignerCompany {
		behalf, err := s.delegatorFor(ctx, u, policy.RoleCompanyApprover)
		if err != nil {
			return nil, err
		}
		sr.OnBehalfOf = behalf
	}
	return sr, nil
}
