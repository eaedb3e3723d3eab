package pages

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/workflows"
)

// inboxPage is the data of the inbox: the open tasks, oldest first.
type inboxPage struct {
	site.Base
	Tasks []taskCard
	Next  string // cursor of the next page: more tasks wait after these
}

// InboxPageSize is how many cards one inbox page shows.
const InboxPageSize = 200

// taskCard is one task with its decision form.
type taskCard struct {
	Task     store.Task
	Overdue  bool
	Form     decisionForm
	Contract *contractTaskInfo // for a contract approval: major, amount, step
	Reason   string            // for a hard customer: why the owner escalated it (R3.4)
}

// decisionForm is the approve/reject form of one task.
type decisionForm struct {
	TaskID  string
	Key     string
	Return  string // the page to come back to after a plain form post
	Comment string
	Swap    bool // posted by htmx, which swaps the enclosing .task card
	Problem *site.Problem
	// Contact is a contact_overdue task (R2.5): extend the week by Days or
	// reassign to one of Team, instead of approve/reject.
	Contact bool
	Days    string
	Team    []store.User
}

// Err is the message for one field of the form.
func (f decisionForm) Err(field string) string { return f.Problem.Field(field) }

func newTaskCard(t store.Task, now time.Time) taskCard {
	return taskCard{Task: t, Overdue: t.DueAt != nil && now.After(*t.DueAt),
		Form: decisionForm{TaskID: t.ID, Key: site.NewFormKey(), Return: "/inbox", Swap: true}}
}

// inbox lists the tasks the user may act on (the same rule as GET
// /api/v1/tasks), oldest first, the overdue ones marked, a page at a time:
// a busy approver is told more wait and can page on to them.
func (p *Server) inbox(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	// With the roles delegated to u (R5.5), as GET /api/v1/tasks.
	tasks, next, err := p.Svc.Tasks(ctx, u, "open", store.Page{Limit: InboxPageSize, Cursor: c.Query("cursor")})
	if err != nil {
		p.Fail(c, err)
		return
	}
	contracts := p.contractTaskInfos(ctx, u, tasks)
	now := time.Now()
	page := inboxPage{Base: p.Base(c, "inbox"), Tasks: make([]taskCard, len(tasks)), Next: next}
	team, err := p.teamSalespeople(ctx, u, tasks)
	if err != nil {
		p.Fail(c, err)
		return
	}
	for i, t := range tasks {
		page.Tasks[i] = newTaskCard(t, now)
		page.Tasks[i].Contract = contracts[t.ID]
		if t.Kind == workflows.TaskKindContactOverdue {
			page.Tasks[i].Form.Contact, page.Tasks[i].Form.Days, page.Tasks[i].Form.Team = true, "7", team
		}
		if t.Kind == store.TaskKindHardCustomer {
			if cust, err := p.Svc.TaskCustomer(ctx, t); err == nil {
				page.Tasks[i].Reason = cust.Hard.DifficultyReason
			}
		}
	}
	p.Render(c, http.StatusOK, "inbox", page)
}

// teamSalespeople are the active salespeople u manages, whom a
// contact_overdue task may be reassigned to (R2.3, R2.5); read only when the
// inbox holds such a task.
func (p *Server) teamSalespeople(ctx context.Context, u store.User, tasks []store.Task) ([]store.User, error) {
	if !slices.ContainsFunc(tasks, func(t store.Task) bool { return t.Kind == workflows.TaskKindContactOverdue }) {
		return nil, nil
	}
	users, err := p.Svc.Users(ctx)
	if err != nil {
		return nil, err
	}
	var team []store.User
	for _, o := range users {
		if o.Active && o.ManagerID == u.ID && policy.HasRole(o.Roles, policy.RoleSalesperson) {
			team = append(team, o)
		}
	}
	return team, nil
}

// contractTaskInfo is what an inbox card shows of a contract approval task:
// for the director and the company approver, each line against its list
// price and the owner's discount authority (R5.3).
type contractTaskInfo struct {
	Major      bool
	TotalFen   int64
	Role       string
	OnBehalfOf string
	Authority  int
	Items      []contractItemView
}

// contractTaskInfos reads what the contract cards show, by task ID: the
// contracts in one query and whom u acts for once per role, so a full
// inbox costs two queries rather than several per card. A contract that
// cannot be read gets no info (the card still shows the task).
func (p *Server) contractTaskInfos(ctx context.Context, u store.User, tasks []store.Task) map[string]*contractTaskInfo {
	var ids []string
	for _, t := range tasks {
		if t.SubjectType == "contract" {
			ids = append(ids, t.SubjectID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	summaries, err := p.Svc.ContractSummaries(ctx, ids)
	if err != nil {
		p.Log.ErrorContext(ctx, "inbox: contract summaries", "error", err)
		return nil
	}
	behalf := map[string]string{} // role → the name u acts for, "" for their own role
	out := map[string]*contractTaskInfo{}
	for _, t := range tasks {
		k, ok := summaries[t.SubjectID]
		if t.SubjectType != "contract" || !ok {
			continue
		}
		info := &contractTaskInfo{Major: k.Major, TotalFen: k.TotalFen, Authority: k.OwnerAuthorityPct,
			Items: contractItemViews(k.Items, k.OwnerAuthorityPct)}
		if t.AssigneeRole != nil {
			role := *t.AssigneeRole
			if _, seen := behalf[role]; !seen {
				behalf[role], _ = p.delegatorName(ctx, u, policy.Role(role))
			}
			info.Role, info.OnBehalfOf = role, behalf[role]
		}
		out[t.ID] = info
	}
	return out
}

// decide is the form twin of POST /api/v1/tasks/{id}/decision: the same
// checks and the same Update. With htmx it answers the task's card (done,
// or again with the problem); without, it redirects back with a flash.
func (p *Server) decide(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	req := service.DecisionInput{Decision: c.PostForm("decision"), Comment: c.PostForm("comment"),
		OwnerID: c.PostForm("owner_id")}
	if d := strings.TrimSpace(c.PostForm("days")); d != "" {
		req.Days, _ = strconv.Atoi(d) // not a number: 0, refused by checkContact beside the field
	}
	key, back := site.FormKey(c), site.LocalPath(c.PostForm("return"), "/inbox")
	if key != "" {
		// One key per form; the decision is part of the Update ID, so a
		// double click is one decision and approve-then-reject is a conflict.
		key += "." + req.Decision
	}
	task, err := p.Svc.Decide(ctx, u, key, c.Param("id"), req)
	if st := httpx.Status(err); err != nil && (st == http.StatusNotFound || st == http.StatusForbidden) {
		p.Fail(c, err) // not the card: they may not even learn what it holds
		return
	}
	if err != nil {
		p.decisionRefused(c, task, req, key, back, err)
		return
	}
	if task, err = p.Svc.Task(ctx, task.ID); err != nil {
		p.Fail(c, err)
		return
	}
	if site.IsHTMX(c) {
		p.Fragment(c, http.StatusOK, "task_done", task)
		return
	}
	lang := httpx.Lang(c)
	done := "page.decision.done_" + req.Decision
	if task.SubjectType == "contract" && req.Decision == workflows.DecisionReject {
		done = "page.decision.done_reject_contract"
	}
	p.SetFlash(c, site.Flash{Kind: "ok", Title: i18n.T(lang, done), Detail: task.SubjectTitle})
	c.Redirect(http.StatusSeeOther, back)
}

// decisionRefused shows why a decision did not go through: htmx gets the
// task's card again with the problem and the comment kept; a plain post
// goes back with the problem as a flash.
func (p *Server) decisionRefused(c *gin.Context, task store.Task, req service.DecisionInput, key, back string, err error) {
	pv := p.ProblemFor(c, err)
	if !site.IsHTMX(c) {
		p.FlashProblem(c, pv)
		c.Redirect(http.StatusSeeOther, back)
		return
	}
	card := newTaskCard(task, time.Now())
	card.Form.Key, card.Form.Comment, card.Form.Return, card.Form.Problem = key, req.Comment, back, pv
	if task.Kind == workflows.TaskKindContactOverdue {
		u, _ := session.User(c)
		team, terr := p.teamSalespeople(c.Request.Context(), u, []store.Task{task})
		if terr != nil {
			p.Fail(c, terr)
			return
		}
		card.Form.Contact, card.Form.Days, card.Form.Team = true, strings.TrimSpace(c.PostForm("days")), team
	}
	p.Fragment(c, pv.Status, "task_card", card)
}
