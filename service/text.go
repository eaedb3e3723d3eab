package service

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Text a person types is refused at the door when it holds what no person
// types and what would harm the readers or the stores downstream:
//
//   - invalid UTF-8 (it used to become U+FFFD silently);
//   - NUL, which PostgreSQL cannot store in text and which wedged a
//     workflow whose activity then failed for good;
//   - the other C0 controls and DEL (BEL, ESC sequences that rewrite a
//     terminal reading the logs) and the C1 controls U+0080–U+009F; a
//     multi-line field allows tab, line feed and carriage return;
//   - the bidi embeddings, overrides and isolates U+202A–U+202E and
//     U+2066–U+2069, which make a name read differently from what it is
//     ("Trojan Source").
//
// Every string field of a request is checked, wherever it sits (nested,
// in a list, a map key, behind a pointer), named as the JSON names it. A
// field is one line unless its struct tag says `text:"block"`; every
// field is at most maxLine (one line) or maxBlock (a block) characters
// unless `text:"max=N"` says otherwise. Validators add their own, often
// tighter, limits on top.

// Default lengths, in characters, of a field that states none.
const (
	maxLine  = 1000
	maxBlock = 20000
)

// TextProblem reports the first character multiline text may not hold, as
// a message id and its argument ("" when the text is acceptable).
func TextProblem(s string, multiline bool) (arg any, msgID string) {
	if !utf8.ValidString(s) {
		return nil, "field.invalid_utf8"
	}
	for _, r := range s {
		switch {
		case r == 0:
			return nil, "field.nul"
		case multiline && (r == '\t' || r == '\n' || r == '\r'):
		case r == '\n' || r == '\r':
			return nil, "field.single_line"
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return codePoint(r), "field.control_char"
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return codePoint(r), "field.bidi_control"
		}
	}
	return nil, ""
}

func codePoint(r rune) string { return fmt.Sprintf("U+%04X", r) }

// AddTextProblem adds s's problem, if any, under field; it reports whether
// s was acceptable.
func AddTextProblem(v *Validation, field, s string, multiline bool, max int) bool {
	if arg, id := TextProblem(s, multiline); id != "" {
		if arg != nil {
			v.Add(field, id, arg)
		} else {
			v.Add(field, id)
		}
		return false
	}
	return CheckLen(v, field, s, max)
}

// CheckText walks req (a request struct, or a pointer to one) and adds a
// problem for every string field that holds what TextProblem refuses or is
// longer than its field allows.
func CheckText(v *Validation, req any) {
	walkText(v, "", reflect.ValueOf(req), textRule{max: maxLine})
}

// CheckPassword bounds a password in bytes, before any hashing.
func CheckPassword(v *Validation, field, password string) bool {
	if len(password) > maxPasswordBytes {
		v.Add(field, "field.password_too_long", maxPasswordBytes)
		return false
	}
	return true
}

// TextErr is CheckText on its own: the validation error of req's text, for
// validators that must not look anything up with text they have not checked.
func TextErr(req any) error {
	var v Validation
	CheckText(&v, req)
	return v.Err()
}

// maxPasswordBytes bounds a password before anything hashes it: argon2id
// over a megabyte is a denial of service, and no one types 256 bytes.
const maxPasswordBytes = 256

// textRule is what a struct tag says about a string field: a block of
// lines, a length, or a secret (a password: any characters, since it is
// only ever hashed, but at most maxPasswordBytes).
type textRule struct {
	block, secret bool
	max           int
}

func ruleOf(f reflect.StructField) textRule {
	r := textRule{max: maxLine}
	for _, part := range strings.Split(f.Tag.Get("text"), ",") {
		switch {
		case part == "block":
			r.block, r.max = true, maxBlock
		case part == "secret":
			r.secret = true
		case strings.HasPrefix(part, "max="):
			// strconv, not fmt.Sscanf: every field of every imported row
			// comes here, and scanning was a tenth of an import's CPU.
			if n, err := strconv.Atoi(strings.TrimPrefix(part, "max=")); err == nil {
				r.max = n
			}
		}
	}
	return r
}

func walkText(v *Validation, field string, val reflect.Value, rule textRule) {
	switch val.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !val.IsNil() {
			walkText(v, field, val.Elem(), rule)
		}
	case reflect.String:
		if rule.secret {
			CheckPassword(v, field, val.String())
			return
		}
		AddTextProblem(v, field, val.String(), rule.block, rule.max)
	case reflect.Slice, reflect.Array:
		for i := range val.Len() {
			walkText(v, Indexed(field, i, ""), val.Index(i), rule)
		}
	case reflect.Map:
		for it := val.MapRange(); it.Next(); {
			key := it.Key()
			if key.Kind() == reflect.String && !AddTextProblem(v, field, key.String(), false, maxLine) {
				continue
			}
			walkText(v, joinField(field, fmt.Sprint(key.Interface())), it.Value(), rule)
		}
	case reflect.Struct:
		walkStruct(v, field, val)
	}
}

func walkStruct(v *Validation, field string, val reflect.Value) {
	for _, f := range textFieldsOf(val.Type()) {
		name := field
		if !f.inline {
			name = joinField(field, f.name)
		}
		walkText(v, name, val.Field(f.index), f.rule)
	}
}

// textField is what walkStruct needs of one field of a struct: where it
// is, its JSON name (none when an embedded struct is inlined, as JSON has
// it) and its rule.
type textField struct {
	index  int
	name   string
	inline bool
	rule   textRule
}

// textFieldCache holds textFieldsOf's answer per struct type: reading the
// tags of every field of every imported row was a tenth of an import's CPU.
var textFieldCache sync.Map // reflect.Type → []textField

// textFieldsOf lists the fields of struct type t that CheckText walks.
func textFieldsOf(t reflect.Type) []textField {
	if fs, ok := textFieldCache.Load(t); ok {
		return fs.([]textField)
	}
	var fs []textField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
			continue
		case f.Anonymous && name == "":
			fs = append(fs, textField{index: i, inline: true, rule: textRule{max: maxLine}})
			continue
		case name == "":
			name = f.Name
		}
		fs = append(fs, textField{index: i, name: name, rule: ruleOf(f)})
	}
	textFieldCache.Store(t, fs)
	return fs
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}
