package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
)

// importCustomers records many customers from a CSV file (UTF-8 or
// GB18030/GBK, a header row in Chinese or English). A file that cannot be
// read (too large, neither encoding, not CSV, no name column, too many
// rows) is refused whole before anything is written. Otherwise every row
// gets its result: created, duplicate, invalid (and why) or failed (not
// recorded because of a fault on our side); a bad row never stops the
// others. An Idempotency-Key makes a resent file record each customer once.
func (s *Server) importCustomers(c *gin.Context) {
	body, ctx, cancel, ok := s.csvUpload(c, service.MaxImportBytes)
	if !ok {
		return
	}
	defer cancel()
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	u, _ := session.User(c)
	done, err := s.svc.ImportCustomerFile(ctx, u, key, body)
	if err != nil {
		s.fail(c, err)
		return
	}
	res := httpx.CustomerImportIn(httpx.Lang(c), done)
	c.JSON(http.StatusOK, wire.CustomerImportResult{Created: wire.Map(res.Created, wire.ImportRowOf),
		Duplicate: wire.Map(res.Duplicate, wire.ImportRowOf), Invalid: wire.Map(res.Invalid, wire.ImportRowOf),
		Failed: wire.Map(res.Failed, wire.ImportRowOf), Counts: wire.CustomerImportCount{Created: len(res.Created),
			Duplicate: len(res.Duplicate), Invalid: len(res.Invalid), Failed: len(res.Failed)}})
}

// csvUpload reads an import's file, at most limit bytes (a 413 naming the
// limit otherwise), and bounds the use case by the time an import may
// take. On a refusal it has answered, and ok is false.
func (s *Server) csvUpload(c *gin.Context, limit int64) (body []byte, ctx context.Context, cancel context.CancelFunc, ok bool) {
	body, err := readBody(c, limit, "detail.csv_too_large")
	if err != nil {
		s.fail(c, err)
		return nil, nil, nil, false
	}
	ctx, cancel = httpx.Timeout(c, service.ImportTimeoutMax)
	return body, ctx, cancel, true
}
