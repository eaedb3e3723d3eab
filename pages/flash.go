package pages

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"salesflow/httpx"
	"salesflow/i18n"
	"slices"

	"github.com/gin-gonic/gin"
)

// flashCookie carries one message across a post/redirect/get: "approved",
// or why a plain form post (no htmx) was refused. It holds text already in
// the reader's language, lives a minute, and is read once.
const flashCookie = "salesflow_flash"

// flash is a one-time message shown at the top of the next page.
type flash struct {
	Kind   string `json:"k"` // "ok" or "error"
	Title  string `json:"t"`
	Detail string `json:"d,omitempty"`
}

// setFlash stores f for the next page the browser loads.
func (p *Server) setFlash(c *gin.Context, f flash) {
	b, err := json.Marshal(f)
	if err != nil || len(b) > 2000 {
		return // a message too large to carry is dropped, not truncated
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString(b),
		Path: "/", MaxAge: 60, HttpOnly: true, Secure: p.cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
}

// flashProblem stores a refused action's problem as the next page's flash,
// its field messages folded into the detail (the form is gone).
func (p *Server) flashProblem(c *gin.Context, pv *problemView) {
	f := flash{Kind: "error", Title: pv.Title, Detail: pv.Detail}
	for _, field := range slices.Sorted(maps.Keys(pv.Fields)) {
		f.Detail += " " + pv.Fields[field]
	}
	p.setFlash(c, f)
}

// takeFlash reads and clears the flash message; nil when there is none.
func (p *Server) takeFlash(c *gin.Context) *flash {
	v, err := c.Cookie(flashCookie)
	if err != nil || v == "" {
		return nil
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: p.cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
	b, err := base64.RawURLEncoding.DecodeString(v)
	var f flash
	if err != nil || json.Unmarshal(b, &f) != nil || f.Title == "" {
		return nil
	}
	if f.Kind != "ok" {
		f.Kind = "error"
	}
	return &f
}

// backToPage ends a form's step on the object id under base: the problem
// page when id is "" (the object is not the user's to see, or was not
// read: no page to go back to), else back to the object's page with the
// step's refusal or doneKey's message.
func (p *Server) backToPage(c *gin.Context, base, id string, err error, doneKey string) {
	if id == "" {
		p.fail(c, err)
		return
	}
	if err != nil {
		p.flashProblem(c, p.problemFor(c, err))
	} else {
		p.setFlash(c, flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), doneKey)})
	}
	c.Redirect(http.StatusSeeOther, base+id)
}
