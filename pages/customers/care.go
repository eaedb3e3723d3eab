package customers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// carePageRoutes mounts the pipeline report (R4.1) and the guidance notes
// (R4.3) pages.
func (p *Server) carePageRoutes(in *gin.RouterGroup) {
	readers := p.RequireRole(session.RoleSalesperson, session.RoleSalesManager, session.RoleAdmin)
	in.GET("/reports/pipeline", readers, p.pipelinePage)
	in.GET("/guidance", readers, p.guidancePage)
	in.POST("/guidance", p.RequireRole(session.RoleSalesManager), p.addGuidanceForm)
	in.GET("/digest", p.RequireRole(session.RoleSalesManager, session.RoleAdmin), p.digest)
}

// classColours draw each class of the pipeline's bars, from signed (dark
// green) to tracking (grey).
var classColours = map[string]string{"signed": "#1e7f4f", "intent_signed": "#3f9d6b", "key": "#2563eb",
	"progressing": "#7c9ee8", "potential": "#d97706", "tracking": "#9ca3af"}

// pipelineView is the pipeline as the page draws it: one stacked bar per
// row, each class a segment of the row's total.
type pipelineView struct {
	site.Base
	Classes []classSwatch
	Rows    []pipelineBar
}

type classSwatch struct{ Class, Colour string }

type pipelineBar struct {
	Name     string
	Team     bool
	Counts   service.PipelineCounts
	Segments []barSegment
}

// barSegment is one class's part of a bar, in percent of the row's total.
type barSegment struct {
	Class, Colour string
	N             int
	X, W          float64
}

func (p *Server) pipelinePage(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	r, err := p.Svc.PipelineReport(ctx, u)
	if err != nil {
		p.Fail(c, err)
		return
	}
	view := pipelineView{Base: p.Base(c, "pipeline")}
	for _, cl := range r.Classes {
		view.Classes = append(view.Classes, classSwatch{cl, classColours[cl]})
	}
	for _, row := range r.People {
		view.Rows = append(view.Rows, pipelineBar{Name: row.Name, Counts: row.PipelineCounts,
			Segments: segments(r.Classes, row.PipelineCounts)})
	}
	view.Rows = append(view.Rows, pipelineBar{Team: true, Counts: r.Team, Segments: segments(r.Classes, r.Team)})
	p.Render(c, http.StatusOK, "pipeline", view)
}

// segments lays the classes of pc side by side over 0–100.
func segments(classes []string, pc service.PipelineCounts) []barSegment {
	var out []barSegment
	x := 0.0
	for _, cl := range classes {
		n := pc.Classes[cl]
		if n == 0 || pc.Total == 0 {
			continue
		}
		w := float64(n) * 100 / float64(pc.Total)
		out = append(out, barSegment{Class: cl, Colour: classColours[cl], N: n, X: service.Round2(x), W: service.Round2(w)})
		x += w
	}
	return out
}

// guidanceView lists the notes the user may read and, for a manager, the
// form to write one for a salesperson of their team (R4.3).
type guidanceView struct {
	site.Base
	CanWrite bool
	People   []store.Person
	Selected string
	Notes    []store.GuidanceNote
	Key      string
	Note     string
}

func (p *Server) guidancePage(c *gin.Context) {
	f := guidanceView{Base: p.Base(c, "guidance"), Selected: c.Query("salesperson_id"), Key: site.NewFormKey()}
	p.showGuidance(c, http.StatusOK, f)
}

func (p *Server) showGuidance(c *gin.Context, status int, f guidanceView) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	var err error
	f.Notes, _, err = p.Svc.Guidance(ctx, u, f.Selected, store.Page{Limit: 200})
	if err == nil {
		f.People, err = p.Svc.ReportPeople(ctx, u)
	}
	if err != nil {
		p.Fail(c, err)
		return
	}
	f.CanWrite = policy.HasRole(u.Roles, policy.RoleSalesManager)
	p.Render(c, status, "guidance", f)
}

// addGuidanceForm is the form twin of POST /api/v1/guidance: the same
// checks and the same write; the form's key names the note, so a double
// click saves it once.
func (p *Server) addGuidanceForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := guidanceView{Base: p.Base(c, "guidance"), Key: site.FormKey(c), Selected: c.PostForm("salesperson_id"),
		Note: c.PostForm("note")}
	_, err := p.Svc.AddGuidance(ctx, u, f.Key, service.GuidanceInput{SalespersonID: f.Selected, Note: f.Note})
	if err == nil {
		p.Done(c, "page.guidance.saved", "/guidance?salesperson_id="+url.QueryEscape(f.Selected))
		return
	}
	f.Problem = p.ProblemFor(c, err)
	if f.Problem.Status == http.StatusUnprocessableEntity {
		f.Selected = "" // the list shows the whole team while the form is corrected
	}
	p.showGuidance(c, f.Problem.Status, f)
}
