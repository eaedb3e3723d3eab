package policy

import (
	"slices"
	"time"
)

// ChannelMarketingEvent is the channel whose leads stay unowned until the
// sales manager assigns them (R2.4).
const ChannelMarketingEvent = "marketing_event"

// Channels are the nine sources a customer record names (R1.1).
var Channels = []string{"trade_show", "trade_press", "internet", "industry_association",
	"mall_brand_listing", "partner_referral", "company_data", "competitor_media", ChannelMarketingEvent}

// ClassSigned is the class a customer takes when a contract is signed (R4.1).
const ClassSigned = "signed"

// Classes are the follow-up classes of contacted customers (R4.1).
var Classes = []string{ClassSigned, "intent_signed", "key", "progressing", "potential", "tracking"}

// InteractionKinds are the ways of contacting a customer (R3.1) plus a visit
// (R3.8); any of them satisfies the one-week contact rule (R2.5).
var InteractionKinds = []string{"phone", "fax", "email", "post", "website", "visit"}

// ValidChannel, ValidClass and ValidInteractionKind check membership.
func ValidChannel(s string) bool { return slices.Contains(Channels, s) }

// ValidClass reports whether s is one of Classes (R4.1).
func ValidClass(s string) bool { return slices.Contains(Classes, s) }

// ValidInteractionKind reports whether s is one of InteractionKinds.
func ValidInteractionKind(s string) bool { return slices.Contains(InteractionKinds, s) }

// EntryDeadlineWorkingDays is R1.3's limit between collecting a record and
// entering it.
const EntryDeadlineWorkingDays = 2

// EnteredLate reports whether a record collected on collectedOn (a date) and
// entered at enteredAt was entered more than EntryDeadlineWorkingDays working
// days after collection (R1.3). Dates are Shanghai dates.
func EnteredLate(cal Calendar, collectedOn, enteredAt time.Time) bool {
	collected := time.Date(collectedOn.Year(), collectedOn.Month(), collectedOn.Day(), 0, 0, 0, 0, Shanghai)
	deadline := AddWorkingDays(cal, collected, EntryDeadlineWorkingDays, Shanghai)
	return DateKey(enteredAt) > DateKey(deadline)
}

// PreviousWeek is the Monday-to-Monday week, in Shanghai, before the week
// that contains t: the records a weekly check covers (R1.4).
func PreviousWeek(t time.Time) (start, end time.Time) {
	d := t.In(Shanghai)
	sinceMonday := (int(d.Weekday()) + 6) % 7
	end = time.Date(d.Year(), d.Month(), d.Day()-sinceMonday, 0, 0, 0, 0, Shanghai)
	return end.AddDate(0, 0, -7), end
}
