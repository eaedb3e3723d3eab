package service

// The field checks every use case shares; each adds to a Validation
// under the field's name, so a refusal names every wrong field at once.

import (
	"fmt"
	"strings"

	"salesflow/policy"
)

// RequiredText trims *s and requires 1 to max characters of it.
func RequiredText(v *Validation, field string, s *string, max int) {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		v.Add(field, "field.required")
	}
	CheckLen(v, field, *s, max)
}

// CheckCompanyName requires a name that still names a company once its
// legal form is dropped (R2.2's duplicate key must not be empty).
func CheckCompanyName(v *Validation, field, name string) {
	n := v.Len()
	CheckName(v, field, name)
	if v.Len() == n && policy.NormaliseCompanyName(name) == "" {
		v.Add(field, "field.company_name")
	}
}

// CheckPhone refuses a phone too long, or with too few digits to call.
func CheckPhone(v *Validation, field, phone string) {
	if CheckLen(v, field, phone, 64) && strings.TrimSpace(phone) != "" && len(policy.NormalisePhone(phone)) < 5 {
		v.Add(field, "field.phone")
	}
}

// CheckLen adds field.too_long when s has more than max characters and
// reports whether s was short enough.
func CheckLen(v *Validation, field, s string, max int) bool {
	if len([]rune(s)) > max {
		v.Add(field, "field.too_long", max)
		return false
	}
	return true
}

// CheckPrice bounds a price in fen as a line's unit price is bounded
// (R5.3): 0 to policy.MaxUnitPriceFn, so no total can overflow.
func CheckPrice(v *Validation, field string, fen int64) {
	if fen < 0 || fen > policy.MaxUnitPriceFn {
		v.Add(field, "field.price_range", int64(policy.MaxUnitPriceFn))
	}
}

// CheckName requires a name of 1 to 200 characters (spaces trimmed).
func CheckName(v *Validation, field, name string) {
	switch n := len([]rune(strings.TrimSpace(name))); {
	case n == 0:
		v.Add(field, "field.required")
	case n > 200:
		v.Add(field, "field.too_long", 200)
	}
}

// CheckRoles requires at least one role, each a role policy knows.
func CheckRoles(v *Validation, roles []string) {
	if len(roles) == 0 {
		v.Add("roles", "field.required")
	}
	for i, r := range roles {
		if !policy.ValidRole(r) {
			v.Add(Indexed("roles", i, ""), "field.role")
		}
	}
}

// Indexed names a field inside a list: items[2].quantity.
func Indexed(list string, i int, field string) string {
	if field == "" {
		return fmt.Sprintf("%s[%d]", list, i)
	}
	return fmt.Sprintf("%s[%d].%s", list, i, field)
}
