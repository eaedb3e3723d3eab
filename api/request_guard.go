package api

import (
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// What every API request passes before its handler (issue 11, points 9
// and 11).

var (
	errCrossOrigin = problemErr(http.StatusForbidden, "/problems/cross-origin", "problem.cross_origin", "detail.cross_origin")
	errNotJSON     = problemErr(http.StatusUnsupportedMediaType, "/problems/unsupported-media-type", "problem.not_json", "detail.not_json")
)

// apiOrigins checks where a browser says a request comes from: Sec-Fetch-
// Site first, else Origin against Host (Go's CSRF protection, the same
// test the pages make with Origin). A request carrying neither is not
// from a browser that could be tricked into sending it.
var apiOrigins = http.NewCrossOriginProtection()

// guardWrites keeps a browser's ambient credential (the session cookie)
// from being used by another site. A write without an Authorization
// header — signed in by the cookie, or the sign-in itself — must come from
// this site and be declared JSON (CSV for the import): a cross-site form
// or a "simple" fetch can only send text/plain, form-urlencoded or
// multipart without the browser first asking the server (CORS preflight),
// which this API never grants. A bearer-token client carries no ambient
// credential (a page cannot set that header for another site), so it is
// not held to this.
func (s *Server) guardWrites(c *gin.Context) {
	r := c.Request
	if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions ||
		r.Header.Get("Authorization") != "" {
		c.Next()
		return
	}
	if err := apiOrigins.Check(r); err != nil {
		s.fail(c, errCrossOrigin)
		return
	}
	if ambient := hasSessionCookie(c) || c.FullPath() == "/api/v1/session"; ambient && !writableType(r.Header.Get("Content-Type")) {
		s.fail(c, errNotJSON)
		return
	}
	c.Next()
}

func hasSessionCookie(c *gin.Context) bool {
	_, err := c.Cookie(sessionCookie)
	return err == nil
}

// writableType reports a media type a cross-site page cannot send unasked.
func writableType(header string) bool {
	mt, _, err := mime.ParseMediaType(header)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/csv"
}

// responseHeaders marks every answer as not to be sniffed into another
// type (a JSON string or PDF read as HTML) nor kept by caches (answers
// hold customers, contracts and tokens). The pages set the same; static
// assets set their own Cache-Control over this one.
func responseHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	c.Next()
}
