package api

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"salesflow/api/openapi"
)

// TestOpenAPIRequestsAreTheDecodersShape: every request body is a closed
// object (additionalProperties: false) because the decoder refuses a
// member its Go type lacks, and every property the document lists is one
// the decoder takes.
func TestOpenAPIRequestsAreTheDecodersShape(t *testing.T) {
	schemas, types, err := openapi.Schemas()
	if err != nil {
		t.Fatalf("the document does not build: %v", err)
	}
	bodies := 0
	for _, op := range openapi.Operations() {
		if op.Body == nil || op.Body.Type == nil {
			continue
		}
		bodies++
		name := ""
		for n, typ := range types {
			if typ == op.Body.Type {
				name = n
			}
		}
		s := schemas[name]
		if s == nil {
			t.Errorf("%s: no schema for its body type %v", op.ID, op.Body.Type)
			continue
		}
		if s["additionalProperties"] != false {
			t.Errorf("%s: schema %s does not refuse other members, but the decoder does", op.ID, name)
		}
		dst := reflect.New(op.Body.Type).Interface()
		if err := decodeJSON([]byte(`{"not_a_member_of_this_request": 1}`), dst); !isUnknownMember(err) {
			t.Errorf("%s: the decoder took a member schema %s does not have (err %v)", op.ID, name, err)
		}
		for _, p := range sortedKeys(s["properties"]) {
			body := []byte(`{"` + p + `": null}`)
			if err := decodeJSON(body, reflect.New(op.Body.Type).Interface()); isUnknownMember(err) {
				t.Errorf("%s: schema %s lists %q, but the decoder refuses it", op.ID, name, p)
			}
		}
	}
	if bodies < 25 {
		t.Errorf("only %d JSON request bodies in the table", bodies)
	}
}

func isUnknownMember(err error) bool {
	var e *apiError
	return errors.As(err, &e) && len(e.Fields) == 1 && e.Fields[0].Key == "field.json_unknown"
}

// sortedKeys is the member names of a JSON object, in order.
func sortedKeys(v any) []string {
	m, _ := v.(map[string]any)
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
