package service

import (
	"context"
	"errors"
	"strings"
	"time"

	"salesflow/policy"
	"salesflow/store"
	"salesflow/workflows"
)

// CustomerPatch changes fields of the customer file (R1.5) or its
// class (R4.1); absent fields stay as they are, contacts replace the list.
type CustomerPatch struct {
	Name     *string         `json:"name" text:"max=200"`
	Phone    *string         `json:"phone" text:"max=64"`
	Address  *string         `json:"address" text:"max=500"`
	Industry *string         `json:"industry" text:"max=100"`
	Needs    *string         `json:"needs" text:"block,max=4000"`
	Notes    *string         `json:"notes" text:"block,max=4000"`
	Class    *string         `json:"class"`
	Contacts *[]ContactInput `json:"contacts"`
	// ClassReason says why the class changes; optional, but kept in the
	// class history (R4.1).
	ClassReason *string `json:"class_reason" text:"block,max=1000"`
}

// Check refuses what CustomerInput.Check refuses of the fields given, a
// class policy does not know, and a reason for a class that does not change.
func (r CustomerPatch) Check() error {
	var v Validation
	CheckText(&v, r)
	if r.Name != nil {
		CheckCompanyName(&v, "name", *r.Name)
	}
	if r.Phone != nil {
		CheckPhone(&v, "phone", *r.Phone)
	}
	for _, f := range []struct {
		name string
		val  *string
		max  int
	}{{"address", r.Address, 500}, {"industry", r.Industry, 100}, {"needs", r.Needs, 4000}, {"notes", r.Notes, 4000}} {
		if f.val != nil {
			CheckLen(&v, f.name, *f.val, f.max)
		}
	}
	if r.Class != nil && !policy.ValidClass(*r.Class) {
		v.Add("class", "field.class")
	}
	if r.ClassReason != nil && r.Class == nil {
		v.Add("class_reason", "field.class_reason_without_class")
	} else if r.ClassReason != nil {
		CheckLen(&v, "class_reason", *r.ClassReason, 1000)
	}
	if r.Contacts != nil {
		CheckContacts(&v, *r.Contacts)
	}
	return v.Err()
}

func (r CustomerPatch) toPatch() store.CustomerPatch {
	p := store.CustomerPatch{Name: r.Name, Phone: r.Phone, Address: r.Address, Industry: r.Industry,
		Needs: r.Needs, Notes: r.Notes, Class: r.Class}
	if r.Contacts != nil {
		p.Contacts = ToContacts(*r.Contacts)
	}
	if r.ClassReason != nil {
		p.ClassReason = strings.TrimSpace(*r.ClassReason)
	}
	return p
}

// UpdateCustomer edits customer id, which actor must see, audited once per
// key; a new name or phone that belongs to another record is R2.2's
// refusal (DuplicateCustomer).
func (s *Service) UpdateCustomer(ctx context.Context, actor store.User, key, id string, in CustomerPatch) (store.Customer, error) {
	cust, err := s.Customer(ctx, actor, id)
	if err == nil {
		err = in.Check()
	}
	if err != nil {
		return store.Customer{}, err
	}
	step := store.Step{Key: StepKey("customer/"+cust.ID+"/patch", actor.ID, key), ActorID: actor.ID,
		Action: "customer.updated", Detail: in}
	updated, err := s.store.UpdateCustomer(ctx, cust.ID, in.toPatch(), step)
	var dup *store.DuplicateCustomerError
	if errors.As(err, &dup) {
		return store.Customer{}, DuplicateCustomer(dup)
	}
	return updated, err
}

// InteractionInput is a contact logged in the customer file (R1.5, R3.1).
type InteractionInput struct {
	Kind       string `json:"kind"`
	Summary    string `json:"summary" text:"block,max=4000"`
	OccurredOn string `json:"occurred_on"`
}

// Check refuses a kind policy does not know, an empty summary and a day
// in the future; a day not given is today.
func (r *InteractionInput) Check(today time.Time) error {
	var v Validation
	CheckText(&v, r)
	if !policy.ValidInteractionKind(r.Kind) {
		v.Add("kind", "field.interaction_kind")
	}
	if strings.TrimSpace(r.Summary) == "" {
		v.Add("summary", "field.required")
	}
	CheckLen(&v, "summary", r.Summary, 4000)
	if r.OccurredOn == "" {
		r.OccurredOn = today.Format(time.DateOnly)
	}
	CheckPastDay(&v, "occurred_on", r.OccurredOn, today)
	return v.Err()
}

// AddInteraction logs a contact in customer customerID's file (R1.5, R3.1,
// R3.8) at the server's time, once per key; the first one since the owner
// took the customer satisfies the one-week rule (R2.5), so the owner's
// deadline workflow is told.
func (s *Service) AddInteraction(ctx context.Context, actor store.User, key, customerID string, in InteractionInput) (store.Interaction, error) {
	cust, err := s.Customer(ctx, actor, customerID)
	if err == nil {
		err = in.Check(time.Now().In(policy.Shanghai))
	}
	if err != nil {
		return store.Interaction{}, err
	}
	logged, err := s.store.AddInteraction(ctx, store.Interaction{ID: newID("interaction", actor.ID, key), CustomerID: cust.ID,
		Kind: in.Kind, Summary: strings.TrimSpace(in.Summary), OccurredOn: in.OccurredOn, ActorID: actor.ID})
	if err != nil {
		return store.Interaction{}, err
	}
	s.NudgeContact(ctx, cust.ID, cust.OwnerGeneration, workflows.SignalContactMade)
	return logged, nil
}
