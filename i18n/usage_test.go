package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// dynamicPrefixes are the keys the code builds from a value rather than
// writes out: a template's (print "page.status." .Status) or a handler's
// "page.visit.done_" + step. A key under one counts as used when its value
// (the rest of the key) is itself a string literal of the code, as the
// store's statuses, policy's channels and the audit actions are, or a
// literal built from a prefix and a literal ("contract.signed_" + role).
// values lists the rest where the value is no literal (a number).
// TestDynamicPrefixesDocumented keeps this list and the code in step.
var dynamicPrefixes = []struct {
	prefix, builtBy string
	values          []string
}{
	{prefix: "page.action.", builtBy: "proposal.html, contract.html: an audit entry's action"},
	{prefix: "page.channel.", builtBy: "customers.html, customer.html, customer_form.html: policy.Channels"},
	{prefix: "page.class.", builtBy: "pipeline.html: policy.Classes"},
	{prefix: "page.contract.voided_", builtBy: "contract.html: why a signature round was voided"},
	{prefix: "page.decision.done_", builtBy: "pages_inbox.go: the decision taken on a task"},
	{prefix: "page.delegations.state_", builtBy: "delegations.html: a delegation's state"},
	{prefix: "page.import.", builtBy: "partials.html import_sections, customer_import_job.html: an import's section or tab (created, duplicate, invalid, failed)"},
	{prefix: "page.import.state.", builtBy: "customer_import.html, customer_import_job.html: an import job's state (running, done)"},
	{prefix: "page.import.about_", builtBy: "customer_import.html: the same section's column heading"},
	{prefix: "page.import.col.", builtBy: "pages/customers/customer_import.go: the file column a row's error names"},
	{prefix: "page.inventory.claim.", builtBy: "inventory.html: a claim's state (resource_claims.state, in SQL)",
		values: []string{"held", "offered", "booked"}},
	{prefix: "page.inventory.state.", builtBy: "inventory.html: a week's state (policy.CellState)"},
	{prefix: "page.waitlist.state.", builtBy: "waitlist.html: a waiting-list entry's state (resource_waitlist.state, in SQL; offered has its own key with the date)",
		values: []string{"waiting", "taken", "passed", "withdrawn"}},
	{prefix: "page.interaction.", builtBy: "customer.html: an interaction's kind"},
	{prefix: "page.ownership.", builtBy: "customer.html: an ownership change's kind"},
	{prefix: "page.party.", builtBy: "contract.html: a signature's signer role"},
	{prefix: "page.resource_kind.", builtBy: "inventory.html, admin_resources.html: store.ResourceKinds"},
	{prefix: "page.sell_unit.", builtBy: "partials.html, admin_resources.html: a resource's sellable unit (policy.SellUnit)",
		values: []string{"day", "week", "month"}},
	{prefix: "page.role.", builtBy: "admin_users.html, partials.html: a user's roles"},
	{prefix: "page.status.", builtBy: "partials.html, proposals.html: a proposal's, contract's or visit's status"},
	{prefix: "page.step.", builtBy: "contract.html: an approval step's state or decision"},
	{prefix: "page.throttles.scope_", builtBy: "admin_login_throttles.html: a throttle's scope (store.ThrottleScope, in SQL)",
		values: []string{"account", "source"}},
	{prefix: "page.task_kind.", builtBy: "partials.html: a task's kind"},
	{prefix: "page.claim_state.", builtBy: "proposal.html: a hold's state (issue 13)"},
	{prefix: "page.visit.done_", builtBy: "pages_visit_steps.go: the visit step taken (depart, return)"},
	{prefix: "page.weekday.", builtBy: "admin_calendar.html: time.Weekday as a number",
		values: []string{"0", "1", "2", "3", "4", "5", "6"}},
}

// built finds a string literal the code extends with a value: Go's
// "prefix" + x and a template's (print "prefix" .X).
var built = regexp.MustCompile(`"([^"\n]+)"\s*\+|\(print "([^"\n]+)" `)

// builtPrefixes are every literal the sources extend that way.
func builtPrefixes(src string) []string {
	var out []string
	for _, m := range built.FindAllStringSubmatch(src, -1) {
		out = append(out, m[1]+m[2])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sources is the code a key must appear in: its text, and every piece of it
// between two quotes (double or back), a superset of its string literals
// that also catches a template's "key" inside an attribute's quotes.
type sources struct {
	text string
	lits map[string]bool
}

func newSources(text string) sources {
	s := sources{text: text, lits: map[string]bool{}}
	for _, q := range []string{`"`, "`"} {
		for _, piece := range strings.Split(text, q) {
			s.lits[piece] = true
		}
	}
	return s
}

func (s sources) quoted(lit string) bool { return s.lits[lit] }

// unused names each key neither written out in the sources nor produced
// under a dynamic prefix.
func unused(c catalogue, src sources) []string {
	prefixes := builtPrefixes(src.text)
	var out []string
	for k := range c {
		if !src.quoted(k) && !producedDynamically(k, src, prefixes) {
			out = append(out, fmt.Sprintf("%s: not used in any Go file or template", k))
		}
	}
	slices.Sort(out)
	return out
}

func producedDynamically(key string, src sources, prefixes []string) bool {
	for _, d := range dynamicPrefixes {
		rest, ok := strings.CutPrefix(key, d.prefix)
		if !ok {
			continue
		}
		if d.values != nil {
			if slices.Contains(d.values, rest) {
				return true
			}
			continue
		}
		if src.quoted(rest) {
			return true
		}
		for _, p := range prefixes {
			if tail, ok := strings.CutPrefix(rest, p); ok && src.quoted(tail) {
				return true
			}
		}
	}
	return false
}

// TestDynamicPrefixesDocumented fails when the code builds a key from a
// prefix the list above does not name (say why, then add it), or the list
// names one the code no longer builds.
func TestDynamicPrefixesDocumented(t *testing.T) {
	zh, _ := readCatalogues(t)
	namespaces := map[string]bool{}
	for k := range zh {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns+"."] = true
	}
	listed := map[string]bool{}
	for _, d := range dynamicPrefixes {
		listed[d.prefix] = true
	}
	for _, p := range builtPrefixes(readSources(t).text) {
		ns, _, _ := strings.Cut(p, ".")
		if namespaces[ns+"."] && !listed[p] {
			t.Errorf("%q + a value builds keys; add it to dynamicPrefixes with where and from what", p)
		}
		delete(listed, p)
	}
	for p := range listed {
		t.Errorf("%q is listed in dynamicPrefixes, but no code builds keys from it", p)
	}
}
