package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
)

// schemaSet reflects Go types into components.schemas.
//
// An answer's required properties are those encoding/json always writes
// (no omitempty), as invopop/jsonschema reads them. A request's are not
// its struct's business: the strict decoder takes any member as optional,
// and which ones a request cannot do without is the handler's check, so
// they are listed in openAPISchemaDocs; requests are reflected with no
// required member of their own (RequiredFromJSONSchemaTags, no such tags).
type schemaSet struct {
	answers, requests *jsonschema.Reflector
	types             map[string]reflect.Type // component name → the Go type it is
	defs              map[string]reflectedDef
	err               error
}

// reflectedDef is a reflected component and the side it was reflected for.
type reflectedDef struct {
	schema  *jsonschema.Schema
	request bool
}

func newSchemaSet() *schemaSet {
	s := &schemaSet{types: map[string]reflect.Type{}, defs: map[string]reflectedDef{}}
	s.answers = &jsonschema.Reflector{Anonymous: true, Namer: s.name, Mapper: enumMapper}
	s.requests = &jsonschema.Reflector{Anonymous: true, Namer: s.name, Mapper: enumMapper,
		RequiredFromJSONSchemaTags: true}
	return s
}

func (s *schemaSet) fail(format string, args ...any) {
	if s.err == nil {
		s.err = fmt.Errorf("openapi: "+format, args...)
	}
}

// name is the component name of a Go type: its entry in openAPISchemaNames,
// else its own name capitalised. Two types may not share a name.
func (s *schemaSet) name(t reflect.Type) string {
	n := componentName(t)
	if n == "" {
		return ""
	}
	if strings.ContainsAny(n, "[]") {
		s.fail("generic type %v needs a name in openAPISchemaNames", t)
	}
	if prev, dup := s.types[n]; dup && prev != t {
		s.fail("%v and %v would both be schema %q: name one in openAPISchemaNames", prev, t, n)
	}
	s.types[n] = t
	return n
}

// componentName is the name of struct type t's component ("" for others).
func componentName(t reflect.Type) string {
	if n, ok := openAPISchemaNames[t]; ok {
		return n
	}
	n := t.Name()
	if n == "" || t.Kind() != reflect.Struct {
		return "" // only structs become components
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// ref reflects answer type t (and every type it holds) and refers to its
// component.
func (s *schemaSet) ref(t reflect.Type) raw { return s.reflect(t, false) }

// requestRef is ref for a request body's type.
func (s *schemaSet) requestRef(t reflect.Type) raw { return s.reflect(t, true) }

func (s *schemaSet) reflect(t reflect.Type, request bool) raw {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	r := s.answers
	if request {
		r = s.requests
	}
	root := r.ReflectFromType(t)
	for n, def := range root.Definitions {
		if prev, ok := s.defs[n]; ok && prev.request != request {
			s.fail("schema %s is both a request and an answer: give one side a type of its own", n)
		}
		s.defs[n] = reflectedDef{schema: def, request: request}
	}
	return raw{"$ref": "#/components/schemas/" + s.name(t)}
}

// schemas is components.schemas: the reflected ones with their docs laid
// over and pointers made nullable, and the enums.
func (s *schemaSet) schemas() raw {
	out := raw{}
	for n, def := range s.defs {
		b, err := json.Marshal(def.schema)
		if err != nil {
			s.fail("schema %s: %v", n, err)
			continue
		}
		b = bytes.ReplaceAll(b, []byte(`"#/$defs/`), []byte(`"#/components/schemas/`))
		var schema raw
		if err := json.Unmarshal(b, &schema); err != nil {
			s.fail("schema %s: %v", n, err)
			continue
		}
		t := s.types[n]
		if t != nil && t.Kind() == reflect.Struct {
			for _, e := range embeddedStructs(t) {
				applySchemaDoc(schema, schemaDoc{Props: openAPISchemaDocs[componentName(e)].Props})
			}
		}
		doc := openAPISchemaDocs[n]
		applySchemaDoc(schema, doc)
		if def.request && len(doc.Required) > 0 {
			schema["required"] = doc.Required
		}
		if t != nil && t.Kind() == reflect.Struct {
			markNullable(schema, t)
		}
		out[n] = schema
	}
	for _, e := range openAPIEnums {
		out[e.Name] = raw{"type": "string", "enum": e.Values, "description": e.Description}
	}
	for n, schema := range openAPIExtraSchemas {
		out[n] = schema
	}
	return out
}

// applySchemaDoc lays the documented keywords over a reflected schema.
// What Go says (the properties there are, their types, required) stays.
func applySchemaDoc(schema raw, doc schemaDoc) {
	if doc.Description != "" {
		schema["description"] = doc.Description
	}
	props, _ := schema["properties"].(map[string]any)
	for name, kw := range doc.Props {
		p, ok := props[name].(map[string]any)
		if !ok {
			continue // TestOpenAPISchemaDocsNameRealProperties reports it
		}
		for k, v := range kw {
			if k == "$ref" {
				delete(p, "type")
			}
			p[k] = v
		}
	}
}

// markNullable lets a pointer field be null, as encoding/json writes a nil one.
func markNullable(schema raw, t reflect.Type) {
	props, _ := schema["properties"].(map[string]any)
	for _, f := range jsonFields(t) {
		p, ok := props[f.Name].(map[string]any)
		if !ok || f.Type.Kind() != reflect.Pointer {
			continue
		}
		if typ, ok := p["type"].(string); ok {
			p["type"] = []any{typ, "null"}
			continue
		}
		if ref, ok := p["$ref"]; ok {
			delete(p, "$ref")
			p["anyOf"] = []any{raw{"$ref": ref}, raw{"type": "null"}}
		}
	}
}

// embeddedStructs are the structs t embeds without a name, whose members
// it promotes (wire.CustomerFile's wire.CustomerView): their properties' docs hold
// for t too.
func embeddedStructs(t reflect.Type) []reflect.Type {
	var out []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, f.Type)
			out = append(out, embeddedStructs(f.Type)...)
		}
	}
	return out
}

// jsonField is one member of a struct's JSON object.
type jsonField struct {
	Name      string
	Type      reflect.Type
	OmitEmpty bool
}

// jsonFields lists the members encoding/json writes for struct type t, in
// order, promoting the fields of embedded structs without a name.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			out = append(out, jsonFields(ft)...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{Name: name, Type: ft,
			OmitEmpty: strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")})
	}
	return out
}

// schemaDoc is what the document says of a schema beyond its Go type.
type schemaDoc struct {
	Description string
	Required    []string // a request's members it cannot succeed without
	Props       map[string]raw
}

// enumSchema is a component listing the values a string may take.
type enumSchema struct {
	Name        string
	Description string
	Values      []any
}

// enumMapper refers a typed string (policy.ContractStatus) to its enum
// component instead of reflecting it as a bare string.
func enumMapper(t reflect.Type) *jsonschema.Schema {
	if n, ok := openAPIEnumTypes[t]; ok {
		return &jsonschema.Schema{Ref: "#/$defs/" + n}
	}
	return nil
}

// enumValues turns a list of Go values into an enum's values.
func enumValues[T ~string](values ...T) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}
