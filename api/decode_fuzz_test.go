package api

import (
	stdjson "encoding/json"
	"errors"
	"net/http"
	"salesflow/httpx"
	"salesflow/service"
	"testing"
)

// FuzzDecodeJSON drives the strict decoder (decode.go) with any bytes: it
// never panics; a refusal is a 400 naming one field; what it accepts the
// standard library also reads as one valid JSON value, and the text rule
// then either passes it or refuses it with a 422. Seeds are the probes
// of issue 11 (testdata/fuzz/FuzzDecodeJSON holds more).
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"customer_id":"c","title":"t","body":"b","items":[{"product_id":"p","quantity":2,"unit_price_fen":100}]}`,
		`{"title":"a\u0000b"}`, `{"title":123}`, `{"items":[{"quantity":1.5}]}`,
		`{"items":[{"quantity":9223372036854775808}]}`, `{"title":"a","title":"b"}`, `{"Title":"x"}`,
		`{"title":"a"}{"title":"b"}`, `{"title":"a"} x`, "{\"title\":\"a\xffb\"}", `{"title":"\u202e"}`, ``, `[]`, `null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req service.NewProposalInput
		err := decodeJSON(body, &req)
		if err != nil {
			var ae *apiError
			if !errors.As(err, &ae) || httpx.StatusOf[ae.Kind] != http.StatusBadRequest || len(ae.Fields) != 1 {
				t.Fatalf("a refusal is a 400 naming one field: %#v", err)
			}
			return
		}
		if !stdjson.Valid(body) {
			t.Fatalf("accepted what encoding/json calls invalid: %q", body)
		}
		var v service.Validation
		service.CheckText(&v, req)
		if err := v.Err(); err != nil && httpx.Status(err) != http.StatusUnprocessableEntity {
			t.Fatalf("the text rule refuses with 422: %v", err)
		}
		for _, f := range v.Fields() {
			if f.Field == "" {
				t.Fatalf("a text problem names its field: %#v", v.Fields())
			}
		}
	})
}
