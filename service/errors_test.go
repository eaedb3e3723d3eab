package service

import (
	"errors"
	"fmt"
	"testing"

	"salesflow/i18n"
	"salesflow/store"
)

func TestValidationNamesEachFieldOnce(t *testing.T) {
	var v Validation
	if v.Err() != nil || !v.Empty() {
		t.Fatal("an empty validation is no error")
	}
	v.Add("name", "field.required")
	v.Add("name", "field.too_long", 200) // the first problem of a field stays
	v.Add("phone", "field.phone")
	var e *Error
	if !errors.As(v.Err(), &e) || e.Kind != KindInvalid || e.Code != "validation" {
		t.Fatalf("got %#v, want an invalid refusal", v.Err())
	}
	if len(e.Fields) != 2 || e.Fields[0].Field != "name" || e.Fields[0].Key != "field.required" {
		t.Fatalf("fields %#v", e.Fields)
	}
}

func TestJoinTakesOnlyFieldErrors(t *testing.T) {
	var other Validation
	other.Add("email", "field.email")
	var v Validation
	if !v.Join(other.Err()) || v.Len() != 1 {
		t.Fatalf("an invalid refusal joins: %v", v.Fields())
	}
	if v.Join(errors.New("database down")) || v.Join(ErrForbidden) {
		t.Fatal("an error without fields is the caller's to return, not joined")
	}
}

func TestWithFieldLeavesTheSharedRefusalAlone(t *testing.T) {
	a := ErrDuplicateProduct.WithField("name", "field.required")
	if len(ErrDuplicateProduct.Fields) != 1 || len(a.Fields) != 2 {
		t.Fatalf("shared %d fields, copy %d", len(ErrDuplicateProduct.Fields), len(a.Fields))
	}
}

func TestMsgArgumentsRenderInTheReadersLanguage(t *testing.T) {
	e := DuplicateCustomer(&store.DuplicateCustomerError{ExistingID: "c-1"})
	zh, en := Text(i18n.ZH, e.Detail, e.Args), Text(i18n.EN, e.Detail, e.Args)
	if want := i18n.T(i18n.EN, "detail.duplicate_customer", i18n.T(i18n.EN, "detail.duplicate_pool")); en != want {
		t.Errorf("en: %q, want %q", en, want)
	}
	if want := i18n.T(i18n.ZH, "detail.duplicate_customer", i18n.T(i18n.ZH, "detail.duplicate_pool")); zh != want {
		t.Errorf("zh: %q, want %q", zh, want)
	}
	if _, ok := e.Args[0].(Msg); !ok {
		t.Error("rendering changed the refusal's arguments")
	}
	if e.Extra["owner_name"] != nil || e.Fields[0].Field != "name" {
		t.Errorf("the pool has no owner name, and the name field is refused: %#v", e)
	}
}

func TestNotFoundAs(t *testing.T) {
	var e *Error
	if err := NotFoundAs(fmt.Errorf("read: %w", store.ErrNotFound), "product p"); !errors.As(err, &e) || e.Kind != KindNotFound {
		t.Fatalf("got %v", err)
	}
	other := errors.New("boom")
	if NotFoundAs(other, "x") != other || NotFoundAs(nil, "x") != nil {
		t.Fatal("other errors pass through")
	}
}

func TestStepKeyAndNewID(t *testing.T) {
	if StepKey("calendar/2027-01-01", "u1", "k") != "calendar/2027-01-01/u1/k" {
		t.Error("a key is scoped to the actor")
	}
	if StepKey("s", "u1", "") == StepKey("s", "u1", "") {
		t.Error("without a key every write is its own")
	}
	if newID("user", "a", "k") != newID("user", "a", "k") || newID("user", "a", "k") == newID("user", "b", "k") ||
		newID("user", "a", "k") == newID("product", "a", "k") {
		t.Error("an ID from a key is the same for the same actor and kind, and only then")
	}
}
