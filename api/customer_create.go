package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

type contactInput struct {
	Name            string `json:"name" text:"max=100"`
	Title           string `json:"title" text:"max=100"`
	IsDecisionMaker bool   `json:"is_decision_maker"`
	Phone           string `json:"phone" text:"max=64"`
	Email           string `json:"email" text:"max=200"`
}

// createCustomerRequest is a new customer file (R1.1, R1.5).
type createCustomerRequest struct {
	Name        string         `json:"name" text:"max=200"`
	Channel     string         `json:"channel"`
	CollectedOn string         `json:"collected_on"`
	Phone       string         `json:"phone" text:"max=64"`
	Address     string         `json:"address" text:"max=500"`
	Industry    string         `json:"industry" text:"max=100"`
	Needs       string         `json:"needs" text:"block,max=4000"`
	Notes       string         `json:"notes" text:"block,max=4000"`
	Contacts    []contactInput `json:"contacts"`

	id string // the record's ID when the caller derives it (an idempotent import); "" for a fresh one
}

// maxContacts bounds the contacts of one customer file.
const maxContacts = 50

func (r createCustomerRequest) check(today time.Time) error {
	var v validation
	service.CheckText(&v, r)
	service.CheckCompanyName(&v, "name", r.Name)
	if !policy.ValidChannel(r.Channel) {
		v.Add("channel", "field.channel")
	}
	service.CheckPastDay(&v, "collected_on", r.CollectedOn, today)
	service.CheckPhone(&v, "phone", r.Phone)
	service.CheckLen(&v, "address", r.Address, 500)
	service.CheckLen(&v, "industry", r.Industry, 100)
	service.CheckLen(&v, "needs", r.Needs, 4000)
	service.CheckLen(&v, "notes", r.Notes, 4000)
	checkContacts(&v, r.Contacts)
	return v.Err()
}

func checkContacts(v *validation, contacts []contactInput) {
	if len(contacts) > maxContacts {
		v.Add("contacts", "field.too_many", maxContacts)
		return
	}
	for i, ct := range contacts {
		if strings.TrimSpace(ct.Name) == "" {
			v.Add(service.Indexed("contacts", i, "name"), "field.required")
		}
		service.CheckLen(v, service.Indexed("contacts", i, "name"), ct.Name, 100)
		service.CheckLen(v, service.Indexed("contacts", i, "title"), ct.Title, 100)
		service.CheckPhone(v, service.Indexed("contacts", i, "phone"), ct.Phone)
		if service.CheckLen(v, service.Indexed("contacts", i, "email"), ct.Email, 200) && ct.Email != "" && !strings.Contains(ct.Email, "@") {
			v.Add(service.Indexed("contacts", i, "email"), "field.email")
		}
	}
}

func toContacts(in []contactInput) []store.Contact {
	out := make([]store.Contact, len(in))
	for i, ct := range in {
		out[i] = store.Contact{Name: strings.TrimSpace(ct.Name), Title: strings.TrimSpace(ct.Title),
			IsDecisionMaker: ct.IsDecisionMaker, Phone: strings.TrimSpace(ct.Phone), Email: strings.TrimSpace(ct.Email)}
	}
	return out
}

// createCustomer records a customer; the collector owns it (R2.1) except
// marketing-event leads, which wait in the pool for the manager (R2.4). The
// same customer recorded before is a 409 naming only the first record and
// its owner (R2.2); similar names come back as warnings.
func (s *Server) createCustomer(c *gin.Context) {
	var req createCustomerRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	cust, warnings, err := s.recordCustomer(ctx, u, req)
	if err != nil {
		s.failCustomer(c, err)
		return
	}
	s.respondCustomer(c, ctx, cust, http.StatusCreated, warnings)
}

// recordCustomer checks and stores one record; its contact deadline is
// started after the answer (startSoon), the outbox standing behind it.
func (s *Server) recordCustomer(ctx context.Context, u store.User, req createCustomerRequest) (store.Customer, []store.SimilarCustomer, error) {
	n, err := s.newCustomer(u, req)
	if err != nil {
		return store.Customer{}, nil, err
	}
	cust, err := s.store.RecordCustomer(ctx, n)
	if err != nil {
		return store.Customer{}, nil, err
	}
	s.svc.StartSoon(ctx, cust)
	warnings, err := s.store.SimilarCustomers(ctx, cust.Name, cust.ID)
	if err != nil { // the record is stored; a missing warning must not fail it
		s.log.ErrorContext(ctx, "near-duplicate search failed", "customer", cust.ID, "error", err)
	}
	return cust, warnings, nil
}

// newCustomer checks req and makes the record to store: the collector
// owns it (R2.1) except a marketing-event lead, which waits in the pool
// (R2.4). The single create and the import both record through it.
func (s *Server) newCustomer(u store.User, req createCustomerRequest) (store.NewCustomer, error) {
	if err := req.check(time.Now().In(policy.Shanghai)); err != nil {
		return store.NewCustomer{}, err
	}
	id := req.id
	if id == "" {
		id = uuid.NewString()
	}
	owner := u.ID
	if req.Channel == policy.ChannelMarketingEvent {
		owner = ""
	}
	return store.NewCustomer{Customer: store.Customer{ID: id, Name: req.Name, Channel: req.Channel,
		OwnerID: owner, CollectedOn: req.CollectedOn, CreatedBy: u.ID, Phone: req.Phone,
		Address: strings.TrimSpace(req.Address), Industry: strings.TrimSpace(req.Industry), Needs: req.Needs,
		Notes: req.Notes}, Contacts: toContacts(req.Contacts), ContactDeadline: s.svc.ContactDeadline()}, nil
}

// failCustomer renders R2.2's duplicate answer: the first record's id and
// its owner's name, nothing else of it.
func (s *Server) failCustomer(c *gin.Context, err error) {
	var dup *store.DuplicateCustomerError
	if !errors.As(err, &dup) {
		s.fail(c, err)
		return
	}
	p := duplicateProblem(requestLang(c), dup)
	writeProblem(c, p)
}

func duplicateProblem(lang Lang, dup *store.DuplicateCustomerError) Problem {
	owner := dup.OwnerName
	if owner == "" {
		owner = T(lang, "detail.duplicate_pool")
	}
	return Problem{Type: "/problems/duplicate-customer", Title: T(lang, "problem.duplicate_customer"),
		Status: http.StatusConflict, Detail: T(lang, "detail.duplicate_customer", owner),
		Extra: map[string]any{"existing_customer_id": dup.ExistingID, "owner_name": nilIfEmpty(dup.OwnerName)}}
}
