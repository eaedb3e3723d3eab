package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// patchCustomerRequest changes fields of the customer file (R1.5) or its
// class (R4.1); absent fields stay as they are, contacts replace the list.
type patchCustomerRequest struct {
	Name     *string                 `json:"name" text:"max=200"`
	Phone    *string                 `json:"phone" text:"max=64"`
	Address  *string                 `json:"address" text:"max=500"`
	Industry *string                 `json:"industry" text:"max=100"`
	Needs    *string                 `json:"needs" text:"block,max=4000"`
	Notes    *string                 `json:"notes" text:"block,max=4000"`
	Class    *string                 `json:"class"`
	Contacts *[]service.ContactInput `json:"contacts"`
	// ClassReason says why the class changes; optional, but kept in the
	// class history (R4.1).
	ClassReason *string `json:"class_reason" text:"block,max=1000"`
}

func (r patchCustomerRequest) check() error {
	var v validation
	service.CheckText(&v, r)
	if r.Name != nil {
		service.CheckCompanyName(&v, "name", *r.Name)
	}
	if r.Phone != nil {
		service.CheckPhone(&v, "phone", *r.Phone)
	}
	for _, f := range []struct {
		name string
		val  *string
		max  int
	}{{"address", r.Address, 500}, {"industry", r.Industry, 100}, {"needs", r.Needs, 4000}, {"notes", r.Notes, 4000}} {
		if f.val != nil {
			service.CheckLen(&v, f.name, *f.val, f.max)
		}
	}
	if r.Class != nil && !policy.ValidClass(*r.Class) {
		v.Add("class", "field.class")
	}
	if r.ClassReason != nil && r.Class == nil {
		v.Add("class_reason", "field.class_reason_without_class")
	} else if r.ClassReason != nil {
		service.CheckLen(&v, "class_reason", *r.ClassReason, 1000)
	}
	if r.Contacts != nil {
		service.CheckContacts(&v, *r.Contacts)
	}
	return v.Err()
}

func (r patchCustomerRequest) toPatch() store.CustomerPatch {
	p := store.CustomerPatch{Name: r.Name, Phone: r.Phone, Address: r.Address, Industry: r.Industry,
		Needs: r.Needs, Notes: r.Notes, Class: r.Class}
	if r.Contacts != nil {
		p.Contacts = service.ToContacts(*r.Contacts)
	}
	if r.ClassReason != nil {
		p.ClassReason = strings.TrimSpace(*r.ClassReason)
	}
	return p
}

// patchCustomer edits a customer the caller may see; a new name or phone
// that belongs to another record is R2.2's 409.
func (s *Server) patchCustomer(c *gin.Context) {
	var req patchCustomerRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	cust, err := s.svc.Customer(ctx, u, c.Param("id"))
	if err == nil {
		err = req.check()
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	step := store.Step{Key: "customer/" + cust.ID + "/patch/" + uuid.NewString(), ActorID: u.ID,
		Action: "customer.updated", Detail: req}
	updated, err := s.store.UpdateCustomer(ctx, cust.ID, req.toPatch(), step)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, updated, http.StatusOK, nil)
}

type interactionRequest struct {
	Kind       string `json:"kind"`
	Summary    string `json:"summary" text:"block,max=4000"`
	OccurredOn string `json:"occurred_on"`
}

func (r *interactionRequest) check(today time.Time) error {
	var v validation
	service.CheckText(&v, r)
	if !policy.ValidInteractionKind(r.Kind) {
		v.Add("kind", "field.interaction_kind")
	}
	if strings.TrimSpace(r.Summary) == "" {
		v.Add("summary", "field.required")
	}
	service.CheckLen(&v, "summary", r.Summary, 4000)
	if r.OccurredOn == "" {
		r.OccurredOn = today.Format(time.DateOnly)
	}
	service.CheckPastDay(&v, "occurred_on", r.OccurredOn, today)
	return v.Err()
}

// addInteraction logs a contact in the customer file (R1.5, R3.1, R3.8) at
// the server's time; the first one since the owner took the customer
// satisfies the one-week rule (R2.5).
func (s *Server) addInteraction(c *gin.Context) {
	var req interactionRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	cust, err := s.svc.Customer(ctx, u, c.Param("id"))
	if err == nil {
		err = req.check(time.Now().In(policy.Shanghai))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	in, err := s.store.AddInteraction(ctx, store.Interaction{ID: uuid.NewString(), CustomerID: cust.ID,
		Kind: req.Kind, Summary: strings.TrimSpace(req.Summary), OccurredOn: req.OccurredOn, ActorID: u.ID})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.svc.NudgeContact(ctx, cust.ID, cust.OwnerGeneration, workflows.SignalContactMade)
	c.JSON(http.StatusCreated, in)
}
