package service

import "errors"

var errorsAs = errors.As

// Validation collects field errors; it is an error only when non-empty.
// Use cases check their whole input before they write, so a refusal names
// every wrong field at once and changes nothing.
type Validation struct{ fields []FieldError }

// Add records a problem of field; a field already refused keeps its first
// problem (the text checks run before a validator's own and say more).
func (v *Validation) Add(field, key string, args ...any) {
	for _, f := range v.fields {
		if f.Field == field {
			return
		}
	}
	v.fields = append(v.fields, FieldError{Field: field, Key: key, Args: args})
}

// Empty reports whether no field was refused.
func (v *Validation) Empty() bool { return len(v.fields) == 0 }

// Err is the 'invalid' refusal of every field added, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	e := NewError(KindInvalid, "validation", "problem.validation", "detail.validation")
	e.Fields = v.fields
	return e
}

// Len is how many fields are refused so far.
func (v *Validation) Len() int { return len(v.fields) }

// Join adds the field errors of err, an invalid refusal; it reports false,
// adding nothing, when err is another kind of error (which the caller
// then returns as it is).
func (v *Validation) Join(err error) bool {
	var e *Error
	if !errorsAs(err, &e) || len(e.Fields) == 0 {
		return false
	}
	for _, f := range e.Fields {
		v.Add(f.Field, f.Key, f.Args...)
	}
	return true
}

// Fields are the field errors added so far.
func (v *Validation) Fields() []FieldError { return v.fields }
