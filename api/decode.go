package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"salesflow/service"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Every JSON body of the API is read here, once, by one strict decoder.
// What it refuses never reaches a handler, a workflow or PostgreSQL:
//
//   - a body over maxJSONBytes: 413 /problems/too-large;
//   - anything that is not exactly one JSON object of the request's shape:
//     invalid JSON or UTF-8, trailing data (a second object), a name given
//     twice, a name this request does not have (names match exactly, so
//     "Title" is not "title"), a value of the wrong type (123 for a
//     string, "yes" for true/false, 1.5 or 2^63 for an integer): 400
//     /problems/malformed-request, with errors[] naming the field and what
//     it must be;
//   - text no person types (control characters, bidi overrides, see
//     input_text.go), or longer than its field allows: 422 /problems/validation.
//
// 400 means "not the shape of this request", 422 "the right shape, a value
// not accepted"; both name the field as the other field errors do
// (items[0].quantity).

// maxJSONBytes bounds a JSON body. The largest real request (a proposal of
// policy.MaxLines lines with a 20,000-character body) is far below it.
const maxJSONBytes = 1 << 20

// bindJSON decodes the body into dst strictly and checks every string in it
// (checkText): a mistake is the client's to hear about, not ours to guess.
func bindJSON(c *gin.Context, dst any) error {
	body, err := readBody(c, maxJSONBytes, "detail.body_too_large")
	if err != nil {
		return err
	}
	if err := decodeJSON(body, dst); err != nil {
		return err
	}
	var v service.Validation
	service.CheckText(&v, dst)
	return v.Err()
}

// readBody reads at most limit bytes of the body; a longer one is a 413
// whose detail (detailID, taking the limit in MiB) says which limit.
func readBody(c *gin.Context, limit int64, detailID string) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, limit))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, problemErr(http.StatusRequestEntityTooLarge, "/problems/too-large", "problem.too_large",
			detailID, formatMiB(limit))
	}
	if err != nil {
		return nil, errMalformed
	}
	return body, nil
}

// formatMiB renders a byte limit as "1" or "5" (MiB) for the messages.
func formatMiB(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64) }

// decodeJSON is the strict decoding of one body, apart from HTTP so the
// fuzz test can drive it. json v2 rejects duplicate names, invalid UTF-8
// and trailing data by default, and matches names case-sensitively.
func decodeJSON(body []byte, dst any) error {
	if len(strings.TrimSpace(string(body))) == 0 {
		return malformed("", "field.json_empty")
	}
	err := json.Unmarshal(body, dst, json.RejectUnknownMembers(true))
	if err == nil {
		return nil
	}
	var sem *json.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &sem):
		return semanticProblem(sem)
	case errors.As(err, &syn):
		return syntacticProblem(syn)
	}
	return malformed("", "field.json_syntax", 0)
}

// malformed is the 400 of a body that is not this request, naming field.
func malformed(field, msgID string, args ...any) *apiError {
	e := problemErr(http.StatusBadRequest, "/problems/malformed-request", "problem.malformed", "detail.malformed")
	e.Fields = []service.FieldError{{Field: field, Key: msgID, Args: args}}
	return e
}

func syntacticProblem(e *jsontext.SyntacticError) *apiError {
	field := pointerField(e.JSONPointer)
	// jsontext exports only the duplicate-name error; the others are
	// told apart by their (stable, tested) wording.
	reason := ""
	if e.Err != nil {
		reason = e.Err.Error()
	}
	switch {
	case errors.Is(e, jsontext.ErrDuplicateName):
		return malformed(field, "field.json_duplicate")
	case strings.Contains(reason, "invalid UTF-8"):
		return malformed(field, "field.invalid_utf8")
	case strings.Contains(reason, "after top-level value"):
		return malformed("", "field.json_trailing", e.ByteOffset)
	}
	return malformed(field, "field.json_syntax", e.ByteOffset)
}

func semanticProblem(e *json.SemanticError) *apiError {
	field := pointerField(e.JSONPointer)
	if errors.Is(e.Err, json.ErrUnknownName) {
		return malformed(field, "field.json_unknown")
	}
	if e.GoType == nil {
		return malformed(field, "field.json_syntax", e.ByteOffset)
	}
	msgID, args := expectedOf(e.GoType)
	return malformed(field, msgID, args...)
}

// expectedOf is the message saying what a field of Go type t must be; a
// whole number names the range its type holds (what 2^63 overflows).
func expectedOf(t reflect.Type) (msgID string, args []any) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "field.json_string", nil
	case reflect.Bool:
		return "field.json_bool", nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		return "field.json_integer", []any{-(int64(1) << (bits - 1)), int64(1)<<(bits-1) - 1}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "field.json_integer", []any{0, uint64(1)<<t.Bits() - 1}
	case reflect.Float32, reflect.Float64:
		return "field.json_number", nil
	case reflect.Slice, reflect.Array:
		return "field.json_list", nil
	}
	return "field.json_object", nil
}

// maxFieldName bounds a field name echoed back: the name of an unknown
// member is the client's and may be anything.
const maxFieldName = 100

// pointerField turns the JSON pointer /items/0/quantity into the field
// name items[0].quantity, the spelling of every other field error.
func pointerField(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.ParseUint(tok, 10, 31); err == nil && b.Len() > 0 {
			fmt.Fprintf(&b, "[%s]", tok)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	name := b.String()
	if _, bad := service.TextProblem(name, false); bad != "" {
		name = strconv.QuoteToASCII(name)
	}
	if r := []rune(name); len(r) > maxFieldName {
		name = string(r[:maxFieldName]) + "…"
	}
	return name
}
