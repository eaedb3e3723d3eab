package policy

import (
	"testing"
	"time"
)

func TestCanReview(t *testing.T) {
	a := ReviewAssignment{AuthorID: "author", ManagerID: "boss"}
	cases := []struct {
		name  string
		actor Actor
		want  ReviewRefusal
	}{
		{"reviewer role", Actor{ID: "r", Roles: []string{"reviewer"}}, ReviewAllowed},
		{"author's manager", Actor{ID: "boss", Roles: []string{"sales_manager"}}, ReviewAllowed},
		{"another manager", Actor{ID: "other-boss", Roles: []string{"sales_manager"}}, ReviewNotAllowed},
		{"author who is also a reviewer", Actor{ID: "author", Roles: []string{"salesperson", "reviewer"}}, ReviewSelf},
		{"salesperson", Actor{ID: "s2", Roles: []string{"salesperson"}}, ReviewNotAllowed},
		{"admin is not a reviewer", Actor{ID: "adm", Roles: []string{"admin"}}, ReviewNotAllowed},
	}
	for _, c := range cases {
		if got := a.CanReview(c.actor); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	noManager := ReviewAssignment{AuthorID: "author"}
	if got := noManager.CanReview(Actor{ID: ""}); got != ReviewNotAllowed {
		t.Errorf("an empty actor must not match an empty manager: %q", got)
	}
}

func TestCheckLines(t *testing.T) {
	cases := []struct {
		name      string
		lines     []Line
		empty     bool
		problems  int
		wantField string
	}{
		{"no lines", nil, true, 0, ""},
		{"good", []Line{{ProductID: "p", Quantity: 1, UnitPriceFen: 0}, {ProductID: "q", Quantity: 3, UnitPriceFen: 100}}, false, 0, ""},
		{"negative price", []Line{{ProductID: "p", Quantity: 1, UnitPriceFen: -1}}, false, 1, "unit_price_fen"},
		{"zero quantity", []Line{{ProductID: "p", Quantity: 0, UnitPriceFen: 1}}, false, 1, "quantity"},
		{"huge quantity", []Line{{ProductID: "p", Quantity: MaxQuantity + 1, UnitPriceFen: 1}}, false, 1, "quantity"},
		{"missing product", []Line{{ProductID: "", Quantity: 1, UnitPriceFen: 1}}, false, 1, "product_id"},
		{"all wrong", []Line{{ProductID: "", Quantity: -1, UnitPriceFen: -1}}, false, 3, ""},
	}
	for _, c := range cases {
		problems, empty := CheckLines(c.lines)
		if empty != c.empty || len(problems) != c.problems {
			t.Errorf("%s: empty=%v problems=%v", c.name, empty, problems)
			continue
		}
		if c.wantField != "" && problems[0].Field != c.wantField {
			t.Errorf("%s: field %q, want %q", c.name, problems[0].Field, c.wantField)
		}
	}
}

func TestTotalFen(t *testing.T) {
	got := TotalFen([]Line{{ProductID: "a", Quantity: 2, UnitPriceFen: 12_345}, {ProductID: "b", Quantity: 1, UnitPriceFen: 1}})
	if got != 24_691 {
		t.Fatalf("total %d", got)
	}
}

func TestAddWorkingDays(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, Shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-26 10:00", 1, "2026-11-27 10:00"}, // Thu → Fri
		{"2026-11-27 10:00", 1, "2026-11-30 10:00"}, // Fri → Mon
		{"2026-11-27 10:00", 2, "2026-12-01 10:00"}, // Fri → Tue
		{"2026-11-28 09:00", 1, "2026-11-30 09:00"}, // Sat → Mon
		{"2026-11-26 10:00", 0, "2026-11-26 10:00"},
		{"2026-11-27 23:30", 1, "2026-11-30 23:30"}, // late Friday in Shanghai, Friday afternoon UTC
	}
	for _, c := range cases {
		got := AddWorkingDays(Weekdays{}, day(c.from).UTC(), c.n, Shanghai)
		if !got.Equal(day(c.want)) {
			t.Errorf("%s + %d working days = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestProposalStatusEditable(t *testing.T) {
	for s, want := range map[ProposalStatus]bool{ProposalDraft: true, ProposalRevising: true,
		ProposalInReview: false, ProposalApproved: false, ProposalAccepted: false} {
		if s.Editable() != want {
			t.Errorf("%s editable = %v", s, !want)
		}
	}
}
