// Package openapi builds the JSON API's OpenAPI 3.1 document from the Go
// types the handlers bind and answer (package service's inputs, package
// wire's answers), so a field renamed in code is renamed in the document.
package openapi

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The OpenAPI 3.1 document is built from Go, once, when it is first asked
// for, so it cannot drift from the code:
//
//   - the operations are a table (openAPIOperations, by area in
//     operations_*.go): method, path, texts, parameters, and the
//     Go types the handler binds and writes;
//   - every component schema is reflected from such a Go type by
//     github.com/invopop/jsonschema, so a field renamed, added or removed
//     in a struct is renamed, added or removed in the document, and which
//     fields are required follows omitempty;
//   - what Go cannot say (descriptions, bounds, formats, enums of plain
//     strings) is laid over the reflected properties by name from
//     openAPISchemaDocs (schema_docs.go); a test fails when an
//     entry names a property its type does not have.
//
// invopop/jsonschema was chosen because it emits JSON Schema draft 2020-12,
// which is the schema dialect of OpenAPI 3.1 itself (no translation to the
// 3.0 "nullable" dialect), reads the encoding/json tags the handlers already
// carry (no second set of tags), sets additionalProperties: false on every
// struct (what the strict decoder, api/decode.go, enforces), lets us name and map
// types (Namer, Mapper), and is small, dependency-light and maintained.
// swaggest/openapi-go's openapi31 reflector would build the operations too,
// but from request structs carrying path/query/header tags, which our
// handlers do not have (they read c.Param and c.Query): it would mean
// reshaping every handler. kin-openapi would only hold the document; the
// few objects around the schemas (paths, operations, responses) are plain
// maps here, which add less than a second dependency would.

// Document is the document as served (GET /api/openapi.json), built on
// first use.
var Document = sync.OnceValues(buildOpenAPI)

// Operations is every operation the document describes, for the test that
// walks the API's routes against it.
func Operations() []Operation { return slices.Clone(openAPIOperations) }

// raw is a piece of the document written out in Go: a parameter, a
// header, a schema that is not a Go type (a CSV or PDF body).
type raw = map[string]any

// Operation is one operation of the document.
type Operation struct {
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

// Schemas are the document's component schemas by name, with the Go type
// each reflected one was reflected from.
func Schemas() (map[string]map[string]any, map[string]reflect.Type, error) {
	doc, types, err := buildOpenAPIDoc()
	if err != nil {
		return nil, nil, err
	}
	schemas := map[string]map[string]any{}
	for n, s := range doc.Components["schemas"].(raw) {
		schemas[n] = s.(raw)
	}
	return schemas, types, nil
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

func (s *schemaSet) operation(op Operation) raw {
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
