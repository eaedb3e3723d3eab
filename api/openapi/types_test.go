package openapi

import (
	"reflect"
	"slices"
	"sort"
	"testing"

	"salesflow/api/wire"
	"salesflow/service"
	"salesflow/store"
)

// These tests prove the document follows the code: each component schema
// has exactly the JSON members of the Go type it was reflected from (what
// a request accepts is what the strict decoder accepts is api's
// TestOpenAPIRequestsAreTheDecodersShape).

// openAPISchemas builds the document and returns its schemas by name with
// the Go type of each reflected one.
func openAPISchemas(t *testing.T) (map[string]map[string]any, map[string]reflect.Type) {
	t.Helper()
	schemas, types, err := Schemas()
	if err != nil {
		t.Fatalf("the document does not build: %v", err)
	}
	return schemas, types
}

func schemaProperties(s map[string]any) []string {
	props, _ := s["properties"].(map[string]any)
	return sortedNames(props)
}

func goJSONNames(t reflect.Type) []string {
	var names []string
	for _, f := range jsonFields(t) {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	return names
}

// TestOpenAPISchemasFollowTheGoTypes: every json-tagged field of each
// reflected struct is a property of its schema, and nothing else is.
func TestOpenAPISchemasFollowTheGoTypes(t *testing.T) {
	schemas, types := openAPISchemas(t)
	// A few the handlers bind or write, named so that the test cannot pass
	// by reflecting nothing.
	for name, want := range map[string]reflect.Type{
		"CreateProposalRequest": reflect.TypeFor[service.NewProposalInput](),
		"Proposal":              reflect.TypeFor[wire.Proposal](),
		"Customer":              reflect.TypeFor[wire.CustomerFile](),
		"User":                  reflect.TypeFor[wire.UserView](),
		"TaskPage":              reflect.TypeFor[wire.ListPage[wire.Task]](),
		"SignatureRequest":      reflect.TypeFor[service.SignatureInput](),
	} {
		if types[name] != want {
			t.Errorf("schema %s is reflected from %v, want %v", name, types[name], want)
		}
	}
	checked := 0
	for name, typ := range types {
		s, ok := schemas[name]
		if !ok || typ.Kind() != reflect.Struct {
			continue
		}
		checked++
		if got, want := schemaProperties(s), goJSONNames(typ); !slices.Equal(got, want) {
			t.Errorf("schema %s has properties %v, but %v writes %v", name, got, typ, want)
		}
	}
	if checked < 100 {
		t.Errorf("only %d schemas were checked against their Go types; want every component (~130)", checked)
	}
}

// TestOpenAPISchemasAreNotStoreRows: no component is reflected from a
// package store row (issue 10), so a column renamed in store cannot rename
// a member of the API; the answers are package wire's twins of the rows.
func TestOpenAPISchemasAreNotStoreRows(t *testing.T) {
	_, types := openAPISchemas(t)
	for _, name := range sortedNames(types) {
		if typ := types[name]; typ.PkgPath() == reflect.TypeFor[store.Product]().PkgPath() {
			t.Errorf("schema %s is reflected from %v; answer with a type of package wire", name, typ)
		}
	}
}

// TestOpenAPISchemaFollowsARename: a field renamed in Go is renamed in its
// schema (the reflection is not a copy of the old document).
func TestOpenAPISchemaFollowsARename(t *testing.T) {
	type renamed struct {
		Title string `json:"headline"`
		Body  string `json:"body,omitempty"`
	}
	set := newSchemaSet()
	ref := set.ref(reflect.TypeFor[renamed]())
	schemas := set.schemas()
	if set.err != nil {
		t.Fatal(set.err)
	}
	if ref["$ref"] != "#/components/schemas/Renamed" {
		t.Fatalf("ref = %v", ref)
	}
	s := schemas["Renamed"].(raw)
	if got := schemaProperties(s); !slices.Equal(got, []string{"body", "headline"}) {
		t.Errorf("properties = %v, want [body headline]", got)
	}
	if got := s["required"]; !reflect.DeepEqual(got, []any{"headline"}) {
		t.Errorf("required = %v, want [headline] (body is omitempty)", got)
	}
}

// TestOpenAPISchemaDocsNameRealProperties: the documentation laid over the
// reflected schemas names schemas and properties that exist, so a field
// renamed in Go leaves no text describing a member that is gone.
func TestOpenAPISchemaDocsNameRealProperties(t *testing.T) {
	schemas, _ := openAPISchemas(t)
	for _, name := range sortedNames(openAPISchemaDocs) {
		doc := openAPISchemaDocs[name]
		s, ok := schemas[name]
		if !ok {
			t.Errorf("openAPISchemaDocs documents %s, which no Go type in the document is", name)
			continue
		}
		props := schemaProperties(s)
		for _, p := range sortedNames(doc.Props) {
			if !slices.Contains(props, p) {
				t.Errorf("openAPISchemaDocs[%q] documents property %q; the Go type has %v", name, p, props)
			}
		}
		for _, p := range doc.Required {
			if !slices.Contains(props, p) {
				t.Errorf("openAPISchemaDocs[%q] requires %q; the Go type has %v", name, p, props)
			}
		}
	}
}

// sortedNames is the keys of m in order.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
