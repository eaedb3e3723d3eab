package activities

import (
	"reflect"
	"testing"
	"time"
)

// TestConvertersCarryEveryField fills every field of each converter's
// input (a store row, or a payload on its way to store), converts it and
// checks no field of the result is left empty, so a field added to a
// payload or a row and forgotten in its converter fails here.
func TestConvertersCarryEveryField(t *testing.T) {
	for name, conv := range map[string]any{
		"proposalDraftRow": proposalDraftRow,
		"contractDraftRow": contractDraftRow,
		"visitReportRow":   visitReportRow,
		"contractHead":     contractHead,
		"approvalRound":    approvalRound,
		"contactStatus":    contactStatus,
		"offers":           offers,
		"holdOutcome":      holdOutcome,
		"holdSet":          holdSet,
		"claimTaken":       claimTaken,
	} {
		fn := reflect.ValueOf(conv)
		in := reflect.New(fn.Type().In(0)).Elem()
		fill(in)
		out := fn.Call([]reflect.Value{in})[0]
		if path := firstEmpty(out, out.Type().String()); path != "" {
			t.Errorf("%s leaves %s empty", name, path)
		}
	}
}

var timeType = reflect.TypeOf(time.Time{})

// fill sets every exported field, element and pointer under v to a
// non-zero value.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	}
}

// firstEmpty names the first exported field under v that is its zero
// value, or "" when there is none.
func firstEmpty(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice:
		if v.IsNil() || (v.Kind() == reflect.Slice && v.Len() == 0) {
			return path
		}
		if v.Kind() == reflect.Slice {
			return firstEmpty(v.Index(0), path+"[0]")
		}
		return firstEmpty(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == timeType {
			if v.Interface().(time.Time).IsZero() {
				return path
			}
			return ""
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				if p := firstEmpty(v.Field(i), path+"."+f.Name); p != "" {
					return p
				}
			}
		}
		return ""
	}
	if v.IsZero() {
		return path
	}
	return ""
}
