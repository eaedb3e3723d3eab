package wire

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestConvertersKeepTheJSON: each converter's answer is written exactly as
// the row it converts was — every member, null or [] as the row had it —
// for a zero row, one whose lists are empty, and one whose every field
// holds a value of its own (so a field copied into another shows).
func TestConvertersKeepTheJSON(t *testing.T) {
	for _, c := range []func(*testing.T){
		sameJSON(AvailabilityClaimOf), sameJSON(CalendarOverrideOf), sameJSON(CalendarOverrideRowOf),
		sameJSON(ChainReportOf), sameJSON(ChannelCountsOf), sameJSON(CheckpointOf), sameJSON(ClassEventOf),
		sameJSON(ContactOf), sameJSON(ContractApprovalOf), sameJSON(ContractItemOf), sameJSON(ContractOf),
		sameJSON(CustomerLinkCreatedOf), sameJSON(CustomerLinkOf), sameJSON(DayCellOf), sameJSON(DelegationOf),
		sameJSON(DeliveryCountsOf), sameJSON(DeliveryOf), sameJSON(EventOf), sameJSON(FreeResourceOf),
		sameJSON(GuidanceNoteOf), sameJSON(HardCustomerOf), sameJSON(ImportRowOf), sameJSON(InteractionOf),
		sameJSON(ItemResourceOf), sameJSON(MediaResourceOf), sameJSON(NotificationOf), sameJSON(OwnershipEventOf),
		sameJSON(PaperScanOf), sameJSON(ProductOf), sameJSON(ProductPriceOf), sameJSON(ProposalItemOf),
		sameJSON(ProposalOf), sameJSON(ProposalVersionOf), sameJSON(ResourceClaimOf), sameJSON(ResourceWeeksOf),
		sameJSON(SignatureOf), sameJSON(SimilarCustomerOf), sameJSON(SubjectOf), sameJSON(TaskOf), sameJSON(VisitOf),
		sameJSON(VisitReportOf), sameJSON(WaitlistEntryOf), sameJSON(WeekCellOf),
	} {
		c(t)
	}
}

func sameJSON[S, T any](conv func(S) T) func(*testing.T) {
	return func(t *testing.T) {
		t.Run(reflect.TypeFor[S]().String(), func(t *testing.T) {
			var zero, empty, full S
			fill(reflect.ValueOf(&empty).Elem(), false, new(int))
			fill(reflect.ValueOf(&full).Elem(), true, new(int))
			for _, row := range []S{zero, empty, full} {
				want, err := json.Marshal(row)
				if err != nil {
					t.Fatal(err)
				}
				got, err := json.Marshal(conv(row))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Errorf("answer\n%s\nrow\n%s", got, want)
				}
			}
		})
	}
}

// fill gives every settable field of v a value: lists empty, or (full)
// one element, pointers and every scalar distinct (n counts).
func fill(v reflect.Value, full bool, n *int) {
	*n++
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2026, 1, 1, 0, 0, *n, 0, time.UTC)))
		return
	case v.Type() == reflect.TypeFor[json.RawMessage]():
		v.SetBytes(fmt.Appendf(nil, `{"n":%d}`, *n))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				fill(f, full, n)
			}
		}
	case reflect.Pointer:
		if full {
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), full, n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 0, 1))
		if full {
			v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
			fill(v.Index(0), full, n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		if full {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, full, n)
			fill(e, full, n)
			v.SetMapIndex(k, e)
		}
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	}
}
