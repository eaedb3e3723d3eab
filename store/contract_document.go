package store

import (
	"time"

	"salesflow/document"
)

// DocumentOf is what the contract's PDF prints: the current content, the
// approvals that count (not voided, of the current content hash) and the
// signatures. Signed is true only with both parties (R5.5).
func DocumentOf(c Contract, issuedAt time.Time) document.Contract {
	d := document.Contract{ID: c.ID, CustomerName: c.CustomerName, OwnerName: c.OwnerName, Version: c.Version,
		ContentHash: c.ContentHash, FreeRevisions: c.ServiceTerms.FreeRevisions, ServiceFee: c.ServiceTerms.ServiceFee,
		Signed: c.Status == "signed", IssuedAt: issuedAt}
	if c.StartsOn != nil {
		d.StartsOn = *c.StartsOn
	}
	if c.EndsOn != nil {
		d.EndsOn = *c.EndsOn
	}
	for _, it := range c.Items {
		d.Lines = append(d.Lines, document.Line{Code: it.ProductCode, Name: it.ProductName, Unit: it.Unit,
			Quantity: it.Quantity, ListPriceFen: it.ListPriceFen, UnitPriceFen: it.UnitPriceFen})
	}
	for _, a := range c.Approvals {
		if a.Voided || a.Decision != "approve" || a.ContentHash != c.ContentHash {
			continue
		}
		ap := document.Approval{Role: a.Role, DecidedBy: a.DecidedByName, At: a.At}
		if a.OnBehalfOfName != nil {
			ap.OnBehalfOf = *a.OnBehalfOfName
		}
		d.Approvals = append(d.Approvals, ap)
	}
	for _, s := range c.Signatures {
		d.Signatures = append(d.Signatures, document.Signature{Role: s.SignerRole, Signer: s.SignerName,
			OnBehalfOf: s.OnBehalfOfName, Signatory: s.CustomerSignatoryName, DocumentSHA256: s.DocumentSHA256, At: s.SignedAt})
	}
	return d
}
