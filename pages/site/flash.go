package site

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

// Flash is a one-time message shown at the top of the next page.
type Flash struct {
	Kind   string `json:"k"` // "ok" or "error"
	Title  string `json:"t"`
	Detail string `json:"d,omitempty"`
}

// SetFlash stores f for the next page the browser loads.
func (p *Site) SetFlash(c *gin.Context, f Flash) {
	b, err := json.Marshal(f)
	if err != nil || len(b) > 2000 {
		return // a message too large to carry is dropped, not truncated
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString(b),
		Path: "/", MaxAge: 60, HttpOnly: true, Secure: p.Cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
}

// FlashProblem stores a refused action's problem as the next page's flash,
// its field messages folded into the detail (the form is gone).
func (p *Site) FlashProblem(c *gin.Context, pv *Problem) {
	f := Flash{Kind: "error", Title: pv.Title, Detail: pv.Detail}
	for _, field := range slices.Sorted(maps.Keys(pv.Fields)) {
		f.Detail += " " + pv.Fields[field]
	}
	p.SetFlash(c, f)
}

// TakeFlash reads and clears the flash message; nil when there is none.
func (p *Site) TakeFlash(c *gin.Context) *Flash {
	v, err := c.Cookie(flashCookie)
	if err != nil || v == "" {
		return nil
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: p.Cfg.CookieSecure, SameSite: http.SameSiteLaxMode})
	b, err := base64.RawURLEncoding.DecodeString(v)
	var f Flash
	if err != nil || json.Unmarshal(b, &f) != nil || f.Title == "" {
		return nil
	}
	if f.Kind != "ok" {
		f.Kind = "error"
	}
	return &f
}

// BackToPage ends a form's step on the object id under base: the problem
// page when id is "" (the object is not the user's to see, or was not
// read: no page to go back to), else back to the object's page with the
// step's refusal or doneKey's message.
func (p *Site) BackToPage(c *gin.Context, base, id string, err error, doneKey string) {
	if id == "" {
		p.Fail(c, err)
		return
	}
	if err != nil {
		p.FlashProblem(c, p.ProblemFor(c, err))
	} else {
		p.SetFlash(c, Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), doneKey)})
	}
	c.Redirect(http.StatusSeeOther, base+id)
}
