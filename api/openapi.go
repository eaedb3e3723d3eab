package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/invopop/jsonschema"
)

// The OpenAPI 3.1 document is built from Go, once, when it is first asked
// for, so it cannot drift from the code:
//
//   - the operations are a table (openAPIOperations, openapi_operations.go):
//     method, path, texts, parameters, and the Go types the handler binds
//     and writes;
//   - every component schema is reflected from such a Go type by
//     github.com/invopop/jsonschema, so a field renamed, added or removed
//     in a struct is renamed, added or removed in the document, and which
//     fields are required follows omitempty;
//   - what Go cannot say (descriptions, bounds, formats, enums of plain
//     strings) is laid over the reflected properties by name from
//     openAPISchemaDocs (openapi_schema_docs.go); a test fails when an
//     entry names a property its type does not have.
//
// invopop/jsonschema was chosen because it emits JSON Schema draft 2020-12,
// which is the schema dialect of OpenAPI 3.1 itself (no translation to the
// 3.0 "nullable" dialect), reads the encoding/json tags the handlers already
// carry (no second set of tags), sets additionalProperties: false on every
// struct (what the strict decoder, decode.go, enforces), lets us name and map
// types (Namer, Mapper), and is small, dependency-light and maintained. The
// few document objects around the schemas (paths, operations, responses)
// are plain maps here: a document model library would add more than it
// saves.

// openAPIDocument is the document as served, built on first use.
var openAPIDocument = sync.OnceValues(buildOpenAPI)

func (s *Server) openAPI(c *gin.Context) {
	doc, err := openAPIDocument()
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", doc)
}

// raw is a piece of the document written out in Go: a parameter, a
// header, a schema that is not a Go type (a CSV or PDF body).
type raw = map[string]any

// apiOperation is one operation of the document.
type apiOperation struct {
	Method, Path, ID string
	Tags             []string
	Summary          string
	Description      string
	// Security nil means the document's default (a session); an empty
	// list means none.
	Security  []raw
	Params    []apiParam
	Body      *apiBody
	Responses []apiResponse
}

// apiParam is a parameter: a shared one (Ref, in
// components.parameters) or one of its own.
type apiParam struct {
	Ref         string
	Name, In    string
	Description string
	Required    bool
	Schema      raw
}

// apiBody is a request body: the Go type bindJSON decodes into, or a raw
// schema for another media type.
type apiBody struct {
	Type        reflect.Type
	Media       string
	Schema      raw
	Description string
	Required    bool
}

// apiResponse is a response: a shared problem (Ref, in
// components.responses, with this operation's own description), a JSON
// answer of a Go type (or one of several, OneOf), or a raw one.
type apiResponse struct {
	Status      int
	Ref         string
	Description string
	Type        reflect.Type
	OneOf       []reflect.Type
	OneOfText   string
	Media       string
	Schema      raw
	Content     raw // several media types, each with its schema
	Headers     raw
}

// pathParam is a required path parameter.
func pathParam(name, description string) apiParam {
	return apiParam{Name: name, In: "path", Required: true, Description: description, Schema: raw{"type": "string"}}
}

// sharedParam names a parameter of components.parameters.
func sharedParam(name string) apiParam { return apiParam{Ref: name} }

// jsonBody is a required JSON body decoded into T.
func jsonBody[T any]() *apiBody { return &apiBody{Type: reflect.TypeFor[T](), Required: true} }

// reply is a JSON answer of type T.
func reply[T any](status int, description string) apiResponse {
	return apiResponse{Status: status, Description: description, Type: reflect.TypeFor[T]()}
}

// problem is a shared problem response; description "" keeps the shared text.
func problem(status int, ref, description string) apiResponse {
	return apiResponse{Status: status, Ref: ref, Description: description}
}

// openAPIDoc is the document's top level, in the usual order.
type openAPIDoc struct {
	OpenAPI    string                    `json:"openapi"`
	Info       raw                       `json:"info"`
	Servers    []raw                     `json:"servers"`
	Security   []raw                     `json:"security"`
	Tags       []raw                     `json:"tags"`
	Paths      map[string]map[string]raw `json:"paths"`
	Components raw                       `json:"components"`
}

func buildOpenAPI() ([]byte, error) {
	doc, _, err := buildOpenAPIDoc()
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(doc, "", "  ")
}

// buildOpenAPIDoc builds the document and says which Go type each
// component was reflected from.
func buildOpenAPIDoc() (openAPIDoc, map[string]reflect.Type, error) {
	set := newSchemaSet()
	for _, t := range openAPIRootTypes {
		set.ref(t)
	}
	paths := map[string]map[string]raw{}
	for _, op := range openAPIOperations {
		if paths[op.Path] == nil {
			paths[op.Path] = map[string]raw{}
		}
		paths[op.Path][strings.ToLower(op.Method)] = set.operation(op)
	}
	schemas := set.schemas()
	if set.err != nil {
		return openAPIDoc{}, nil, set.err
	}
	doc := openAPIDoc{
		OpenAPI: "3.1.0", Info: openAPIInfo, Servers: openAPIServers, Security: openAPISecurity, Tags: openAPITags,
		Paths: paths,
		Components: raw{"securitySchemes": openAPISecuritySchemes, "parameters": openAPIParameters,
			"responses": openAPIResponses, "schemas": schemas},
	}
	return doc, set.types, nil
}

func (s *schemaSet) operation(op apiOperation) raw {
	out := raw{"operationId": op.ID, "tags": op.Tags, "summary": op.Summary}
	if op.Description != "" {
		out["description"] = op.Description
	}
	if op.Security != nil {
		out["security"] = op.Security
	}
	var params []raw
	for _, p := range op.Params {
		if p.Ref != "" {
			params = append(params, raw{"$ref": "#/components/parameters/" + p.Ref})
			continue
		}
		param := raw{"name": p.Name, "in": p.In, "required": p.Required, "schema": p.Schema}
		if p.Description != "" {
			param["description"] = p.Description
		}
		params = append(params, param)
	}
	if params != nil {
		out["parameters"] = params
	}
	if b := op.Body; b != nil {
		body := raw{"required": b.Required}
		if b.Description != "" {
			body["description"] = b.Description
		}
		if b.Type != nil {
			body["content"] = raw{"application/json": raw{"schema": s.requestRef(b.Type)}}
		} else {
			body["content"] = raw{b.Media: raw{"schema": b.Schema}}
		}
		out["requestBody"] = body
	}
	responses := raw{}
	for _, r := range op.Responses {
		responses[strconv.Itoa(r.Status)] = s.response(r)
	}
	out["responses"] = responses
	return out
}

func (s *schemaSet) response(r apiResponse) raw {
	if r.Ref != "" {
		out := raw{"$ref": "#/components/responses/" + r.Ref}
		if r.Description != "" {
			out["description"] = r.Description
		}
		return out
	}
	out := raw{"description": r.Description}
	if r.Headers != nil {
		out["headers"] = r.Headers
	}
	switch {
	case r.Type != nil:
		out["content"] = raw{"application/json": raw{"schema": s.ref(r.Type)}}
	case r.OneOf != nil:
		var one []raw
		for _, t := range r.OneOf {
			one = append(one, s.ref(t))
		}
		out["content"] = raw{"application/json": raw{"schema": raw{"oneOf": one, "description": r.OneOfText}}}
	case r.Content != nil:
		out["content"] = r.Content
	case r.Media != "":
		media := raw{}
		if r.Schema != nil {
			media["schema"] = r.Schema
		}
		out["content"] = raw{r.Media: media}
	}
	return out
}

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
// it promotes (customerFile's customerView): their properties' docs hold
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

// sortedNames is the keys of m in order (for tests and messages).
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
