package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// ContactInput is one person at a customer (R1.5).
type ContactInput struct {
	Name            string `json:"name" text:"max=100"`
	Title           string `json:"title" text:"max=100"`
	IsDecisionMaker bool   `json:"is_decision_maker"`
	Phone           string `json:"phone" text:"max=64"`
	Email           string `json:"email" text:"max=200"`
}

// CustomerInput is a new customer file (R1.1, R1.5).
type CustomerInput struct {
	Name        string         `json:"name" text:"max=200"`
	Channel     string         `json:"channel"`
	CollectedOn string         `json:"collected_on"`
	Phone       string         `json:"phone" text:"max=64"`
	Address     string         `json:"address" text:"max=500"`
	Industry    string         `json:"industry" text:"max=100"`
	Needs       string         `json:"needs" text:"block,max=4000"`
	Notes       string         `json:"notes" text:"block,max=4000"`
	Contacts    []ContactInput `json:"contacts"`
}

// MaxContacts bounds the contacts of one customer file.
const MaxContacts = 50

// Check refuses a file without a company name that survives its legal
// form (R2.2), a channel policy does not know, a collection date in the
// future, and text over its length.
func (in CustomerInput) Check(today time.Time) error {
	var v Validation
	CheckText(&v, in)
	CheckCompanyName(&v, "name", in.Name)
	if !policy.ValidChannel(in.Channel) {
		v.Add("channel", "field.channel")
	}
	CheckPastDay(&v, "collected_on", in.CollectedOn, today)
	CheckPhone(&v, "phone", in.Phone)
	CheckLen(&v, "address", in.Address, 500)
	CheckLen(&v, "industry", in.Industry, 100)
	CheckLen(&v, "needs", in.Needs, 4000)
	CheckLen(&v, "notes", in.Notes, 4000)
	CheckContacts(&v, in.Contacts)
	return v.Err()
}

// CheckContacts refuses more than MaxContacts, a contact without a name,
// and a phone or email that is not one.
func CheckContacts(v *Validation, contacts []ContactInput) {
	if len(contacts) > MaxContacts {
		v.Add("contacts", "field.too_many", MaxContacts)
		return
	}
	for i, ct := range contacts {
		if strings.TrimSpace(ct.Name) == "" {
			v.Add(Indexed("contacts", i, "name"), "field.required")
		}
		CheckLen(v, Indexed("contacts", i, "name"), ct.Name, 100)
		CheckLen(v, Indexed("contacts", i, "title"), ct.Title, 100)
		CheckPhone(v, Indexed("contacts", i, "phone"), ct.Phone)
		if CheckLen(v, Indexed("contacts", i, "email"), ct.Email, 200) && ct.Email != "" && !strings.Contains(ct.Email, "@") {
			v.Add(Indexed("contacts", i, "email"), "field.email")
		}
	}
}

// ToContacts are the contacts as stored, trimmed.
func ToContacts(in []ContactInput) []store.Contact {
	out := make([]store.Contact, len(in))
	for i, ct := range in {
		out[i] = store.Contact{Name: strings.TrimSpace(ct.Name), Title: strings.TrimSpace(ct.Title),
			IsDecisionMaker: ct.IsDecisionMaker, Phone: strings.TrimSpace(ct.Phone), Email: strings.TrimSpace(ct.Email)}
	}
	return out
}

// CustomerID is the ID a create by actor with key gives its record (a
// fresh one without a key), so a form posted again finds it.
func CustomerID(actor store.User, key string) string { return newID("customer", actor.ID, key) }

// NewCustomer checks in and makes the record to store as id: the
// collector owns it (R2.1) except a marketing-event lead, which waits in
// the pool (R2.4). The single create and the import both record through it.
func (s *Service) NewCustomer(actor store.User, id string, in CustomerInput) (store.NewCustomer, error) {
	if err := in.Check(time.Now().In(policy.Shanghai)); err != nil {
		return store.NewCustomer{}, err
	}
	owner := actor.ID
	if in.Channel == policy.ChannelMarketingEvent {
		owner = ""
	}
	return store.NewCustomer{Customer: store.Customer{ID: id, Name: in.Name, Channel: in.Channel,
		OwnerID: owner, CollectedOn: in.CollectedOn, CreatedBy: actor.ID, Phone: in.Phone,
		Address: strings.TrimSpace(in.Address), Industry: strings.TrimSpace(in.Industry), Needs: in.Needs,
		Notes: in.Notes}, Contacts: ToContacts(in.Contacts), ContactDeadline: s.ContactDeadline()}, nil
}

// RecordCustomer checks and stores one record as actor's, named by key
// (CustomerID). The same customer recorded before is refused naming only
// the first record and its owner (R2.2, DuplicateCustomer); similar names
// come back as warnings. Its contact deadline (R2.5) is started after the
// answer (StartSoon), the outbox standing behind it.
func (s *Service) RecordCustomer(ctx context.Context, actor store.User, key string, in CustomerInput) (store.Customer, []store.SimilarCustomer, error) {
	n, err := s.NewCustomer(actor, CustomerID(actor, key), in)
	if err != nil {
		return store.Customer{}, nil, err
	}
	cust, warnings, err := s.store.RecordCustomer(ctx, n)
	var dup *store.DuplicateCustomerError
	if errors.As(err, &dup) {
		return store.Customer{}, nil, DuplicateCustomer(dup)
	}
	if err != nil && cust.ID == "" {
		return store.Customer{}, nil, err
	}
	if err != nil { // the record is stored; a missing warning must not fail it
		s.log.ErrorContext(ctx, "near-duplicate search failed", "customer", cust.ID, "error", err)
	}
	s.StartSoon(ctx, cust)
	return cust, warnings, nil
}

// DuplicateCustomer is R2.2's refusal: the customer was recorded first by
// someone else. It names the first record and its owner (or the pool),
// nothing else of it, and says so beside the name.
func DuplicateCustomer(dup *store.DuplicateCustomerError) *Error {
	var owner any = Msg("detail.duplicate_pool")
	var ownerName any // JSON null: in the pool
	if dup.OwnerName != "" {
		owner, ownerName = dup.OwnerName, dup.OwnerName
	}
	e := NewError(KindConflict, "duplicate-customer", "problem.duplicate_customer", "detail.duplicate_customer", owner)
	e.Extra = map[string]any{"existing_customer_id": dup.ExistingID, "owner_name": ownerName}
	return e.WithField("name", "detail.duplicate_customer", owner)
}

// CustomerRecorded reports whether the record actor's form with key makes
// (CustomerID) is already stored: the same form posted again lands on it.
func (s *Service) CustomerRecorded(ctx context.Context, actor store.User, key string) (id string, recorded bool) {
	id = CustomerID(actor, key)
	_, err := s.store.CustomerByID(ctx, id)
	return id, err == nil
}

// CustomerDuplicates is what a new record of name and phone would meet, as
// the form checks while the user types: the first record it would
// duplicate (R2.2), or else, when the name has more than a legal form to
// compare, the records of similar names. It never writes.
func (s *Service) CustomerDuplicates(ctx context.Context, name, phone string) (*store.DuplicateCustomerError, []store.SimilarCustomer, error) {
	first, err := s.store.FirstRecordOf(ctx, store.Customer{Name: name, Phone: phone})
	if err != nil || first != nil || policy.NormaliseCompanyName(name) == "" {
		return first, nil, err
	}
	similar, err := s.store.SimilarCustomers(ctx, name, "")
	return nil, similar, err
}
