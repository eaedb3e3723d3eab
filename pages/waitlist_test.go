package pages

import (
	"net/url"
	"slices"
	"testing"

	"salesflow/store"
)

// TestPageWaitlistUseHref: an offer's 使用此档期 names one grid cell per
// week inside its dates, so cellLines gives back the same line: two weeks,
// or a calendar month (no cell spills into the next month), with the
// entry's customer.
func TestPageWaitlistUseHref(t *testing.T) {
	for _, c := range []struct {
		from, to, customer string
		cells              []string
	}{
		{"2027-05-03", "2027-05-16", "c1", []string{"r|2027-05-03", "r|2027-05-10"}},
		{"2027-02-01", "2027-02-28", "", []string{"r|2027-02-01", "r|2027-02-08", "r|2027-02-15", "r|2027-02-22"}},
		{"2027-05-03", "2027-05-05", "", []string{"r|2027-05-03"}},
	} {
		href := useOfferHref(store.WaitlistEntry{ResourceID: "r", StartsOn: c.from, EndsOn: c.to, CustomerID: c.customer})
		u, err := url.Parse(href)
		if err != nil || u.Path != "/proposals/new" {
			t.Fatalf("%s: %v", href, err)
		}
		if got := u.Query()["cell"]; !slices.Equal(got, c.cells) || u.Query().Get("customer_id") != c.customer {
			t.Errorf("%s – %s: %s, want cells %v and customer %q", c.from, c.to, href, c.cells, c.customer)
		}
	}
}
