package api

import (
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/service"
	"salesflow/store"
)

// guidanceRequest is one guidance note of a sales manager for one of their
// salespeople (R4.3).
type guidanceRequest struct {
	SalespersonID string `json:"salesperson_id"`
	Note          string `json:"note" text:"block,max=4000"`
}

func (r *guidanceRequest) check() error {
	var v validation
	service.CheckText(&v, r)
	if r.SalespersonID == "" {
		v.Add("salesperson_id", "field.required")
	}
	service.RequiredText(&v, "note", &r.Note, 4000)
	return v.Err()
}

// addGuidance records a manager's note for a salesperson of their team at
// the server's time; notes are append-only. The same Idempotency-Key again
// returns the same note.
func (s *Server) addGuidance(c *gin.Context) {
	var req guidanceRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	key, err := idempotencyKey(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	note, err := s.writeGuidance(ctx, u, req, key)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, note)
}

// writeGuidance is the one path of a note, for the API and the page; key
// (may be "") names the note, so a retry writes it once.
func (s *Server) writeGuidance(ctx context.Context, u store.User, req guidanceRequest, key string) (store.GuidanceNote, error) {
	err := req.check()
	if err == nil {
		err = s.checkTeamMember(ctx, u, req.SalespersonID)
	}
	if err != nil {
		return store.GuidanceNote{}, err
	}
	id := uuid.NewString()
	if key != "" {
		id = uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:guidance:"+u.ID+":"+key)).String()
	}
	return s.store.AddGuidance(ctx, store.GuidanceNote{ID: id, SalespersonID: req.SalespersonID, ManagerID: u.ID, Note: req.Note})
}

// listGuidance answers GET /guidance?salesperson_id=: the notes the caller
// may read, newest first — a salesperson their own, a manager their team's,
// an admin everyone's. Someone else's salesperson is 404.
func (s *Server) listGuidance(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	ids, err := s.guidanceAudience(ctx, u, c.Query("salesperson_id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	list, next, err := s.store.GuidanceFor(ctx, ids, pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page(list, next))
}

// guidanceAudience is whose notes u may read, narrowed to one salesperson
// when asked.
func (s *Server) guidanceAudience(ctx context.Context, u store.User, salespersonID string) ([]string, error) {
	people, err := s.svc.ReportPeople(ctx, u)
	if err != nil {
		return nil, err
	}
	ids := service.PersonIDs(people)
	if salespersonID == "" {
		return ids, nil
	}
	if !slices.Contains(ids, salespersonID) {
		return nil, errNotFound("salesperson " + salespersonID)
	}
	return []string{salespersonID}, nil
}
