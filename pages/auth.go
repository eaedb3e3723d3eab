package pages

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
)

// root sends people where they can start: the inbox, or signing in.
func (p *Server) root(c *gin.Context) {
	if _, ok := session.User(c); ok {
		c.Redirect(http.StatusSeeOther, "/inbox")
		return
	}
	c.Redirect(http.StatusSeeOther, "/login")
}

// loginPage is the data of the sign-in page.
type loginPage struct {
	site.Base
	Username string
	Next     string
}

func (p *Server) loginPage(c *gin.Context) {
	next := site.LocalPath(c.Query("next"), "/inbox")
	if _, ok := session.User(c); ok {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	p.Render(c, http.StatusOK, "login", loginPage{Base: p.Base(c, "login"), Next: next})
}

// loginSubmit opens a session exactly as POST /api/v1/session does and
// puts its token in the same HttpOnly, SameSite=Lax cookie.
func (p *Server) loginSubmit(c *gin.Context) {
	username, next := c.PostForm("username"), site.LocalPath(c.PostForm("next"), "/inbox")
	ctx, cancel := p.Ctx(c)
	defer cancel()
	_, token, err := p.Sessions.Open(ctx, username, c.PostForm("password"), session.ClientOf(c))
	if err != nil {
		session.SetRetryAfter(c, err)
		b := p.Base(c, "login")
		b.Problem = p.ProblemFor(c, err)
		p.Render(c, b.Problem.Status, "login", loginPage{Base: b, Username: username, Next: next})
		return
	}
	p.Sessions.SetCookie(c, token)
	c.Redirect(http.StatusSeeOther, next)
}

// logoutSubmit revokes the session, so the token is dead even if the
// cookie was copied, and clears the cookie.
func (p *Server) logoutSubmit(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	if err := p.Sessions.SignOut(ctx, c); err != nil {
		p.Fail(c, err)
		return
	}
	p.Sessions.ClearCookie(c)
	c.Redirect(http.StatusSeeOther, "/login")
}

// setLang remembers the language chosen in the navigation bar and goes
// back to the page it was chosen on (only a page of this site).
func (p *Server) setLang(c *gin.Context) {
	lang := i18n.Lang(c.Param("lang"))
	if lang != i18n.ZH && lang != i18n.EN {
		p.Fail(c, service.NotFound("language "+c.Param("lang")))
		return
	}
	http.SetCookie(c.Writer, &http.Cookie{Name: httpx.LangCookie, Value: string(lang), Path: "/",
		MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, Secure: p.Cfg.CookieSecure,
		SameSite: http.SameSiteLaxMode})
	back := "/"
	if ref, err := url.Parse(c.GetHeader("Referer")); err == nil && ref.Host == c.Request.Host {
		back = site.LocalPath(ref.RequestURI(), "/")
	}
	c.Redirect(http.StatusSeeOther, back)
}
