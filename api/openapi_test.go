package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"salesflow/api/openapi"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// The OpenAPI document is built from Go (openapi.go); these tests hold it
// to the routes that exist and to the Go types it is reflected from. They
// need no services: registering routes does not touch the store or
// Temporal.

// openAPIMethods are the operation keys of an OpenAPI path item.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// openAPIEngine builds the real route table without any dependencies.
func openAPIEngine(t *testing.T) *gin.Engine {
	t.Helper()
	gin.SetMode(gin.TestMode)
	r := gin.New()
	(&Server{}).routes(r)
	return r
}

// openAPIDocumented reports whether a route belongs in the API document:
// the JSON API, the document itself and the health checks. The web pages
// (HTML) are not part of it.
func openAPIDocumented(path string) bool {
	switch path {
	case "/livez", "/readyz", "/api/openapi.json":
		return true
	}
	return strings.HasPrefix(path, "/api/v1/")
}

var (
	ginParam             = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)
	openAPITemplateParam = regexp.MustCompile(`\{([^}]+)\}`)
)

// openAPIPath turns Gin's /proposals/:id into OpenAPI's /proposals/{id}.
func openAPIPath(ginPath string) string { return ginParam.ReplaceAllString(ginPath, "{$1}") }

// openAPIRoute is "METHOD /path" in OpenAPI spelling.
func openAPIRoute(method, path string) string { return strings.ToUpper(method) + " " + path }

type openAPITestDoc struct {
	raw   map[string]any
	paths map[string]map[string]any
}

func loadOpenAPIDoc(t *testing.T) openAPITestDoc {
	t.Helper()
	b, err := openapi.Document()
	if err != nil {
		t.Fatalf("the document does not build: %v", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("the document is not valid JSON: %v", err)
	}
	paths, ok := raw["paths"].(map[string]any)
	if !ok {
		t.Fatalf("the document has no \"paths\" object")
	}
	doc := openAPITestDoc{raw: raw, paths: map[string]map[string]any{}}
	for p, item := range paths {
		m, ok := item.(map[string]any)
		if !ok {
			t.Fatalf("path %q is not an object", p)
		}
		doc.paths[p] = m
	}
	return doc
}

// operations lists "METHOD /path" for every operation in the document.
func (d openAPITestDoc) operations() []string {
	var ops []string
	for p, item := range d.paths {
		for _, m := range openAPIMethods {
			if _, ok := item[m]; ok {
				ops = append(ops, openAPIRoute(m, p))
			}
		}
	}
	sort.Strings(ops)
	return ops
}

func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	doc := loadOpenAPIDoc(t)
	documented := doc.operations()
	routes := map[string]bool{}
	for _, rt := range openAPIEngine(t).Routes() {
		if !openAPIDocumented(rt.Path) {
			continue
		}
		route := openAPIRoute(rt.Method, openAPIPath(rt.Path))
		routes[route] = true
		if !slices.Contains(documented, route) {
			t.Errorf("route %s (Gin path %s, handler %s) is missing from the document: add an openapi.Operation for %q with method %q to its area's table (api/openapi/operations_*.go)",
				route, rt.Path, rt.Handler, openAPIPath(rt.Path), strings.ToLower(rt.Method))
		}
	}
	if len(routes) == 0 {
		t.Fatal("no API routes registered: the test no longer sees the route table")
	}
	for _, op := range documented {
		if !routes[op] {
			t.Errorf("the OpenAPI table describes %s, but no such route is registered in Server.routes", op)
		}
	}
}

func TestOpenAPIDocumentIsWellFormed(t *testing.T) {
	doc := loadOpenAPIDoc(t)
	if v, _ := doc.raw["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Errorf("openapi = %q, want a 3.x version", v)
	}
	info, _ := doc.raw["info"].(map[string]any)
	if title, _ := info["title"].(string); title == "" {
		t.Error("info.title is empty")
	}

	// Every $ref points at something that exists.
	var refs []string
	collectOpenAPIRefs(doc.raw, &refs)
	if len(refs) == 0 {
		t.Error("no $ref found: the document should share its schemas through components")
	}
	for _, ref := range refs {
		if !strings.HasPrefix(ref, "#/components/") {
			t.Errorf("$ref %q is not a local component reference", ref)
			continue
		}
		if _, ok := resolveOpenAPIPointer(doc.raw, ref); !ok {
			t.Errorf("$ref %q does not resolve to anything in the document", ref)
		}
	}

	// Security requirements name declared schemes.
	schemes, _ := openAPIObject(doc.raw, "components", "securitySchemes")
	checkSecurity := func(where string, v any) {
		list, _ := v.([]any)
		for _, req := range list {
			for name := range req.(map[string]any) {
				if _, ok := schemes[name]; !ok {
					t.Errorf("%s: security scheme %q is not declared in components.securitySchemes", where, name)
				}
			}
		}
	}
	checkSecurity("top level", doc.raw["security"])

	ids := map[string]string{}
	for p, item := range doc.paths {
		pathParams := openAPIPathParams(doc.raw, item["parameters"])
		for _, m := range openAPIMethods {
			raw, ok := item[m]
			if !ok {
				continue
			}
			route := openAPIRoute(m, p)
			op := raw.(map[string]any)
			checkSecurity(route, op["security"])
			if id, _ := op["operationId"].(string); id == "" {
				t.Errorf("%s has no operationId", route)
			} else if other, dup := ids[id]; dup {
				t.Errorf("%s and %s share operationId %q", route, other, id)
			} else {
				ids[id] = route
			}
			if resp, _ := op["responses"].(map[string]any); len(resp) == 0 {
				t.Errorf("%s has no responses", route)
			}
			// Each {name} of the path is declared as a required path
			// parameter, and nothing else is.
			declared := map[string]bool{}
			for name := range pathParams {
				declared[name] = true
			}
			for name := range openAPIPathParams(doc.raw, op["parameters"]) {
				declared[name] = true
			}
			for _, match := range openAPITemplateParam.FindAllStringSubmatch(p, -1) {
				if !declared[match[1]] {
					t.Errorf("%s: path parameter {%s} is not declared in \"parameters\"", route, match[1])
				}
				delete(declared, match[1])
			}
			for name := range declared {
				t.Errorf("%s declares path parameter %q that its path lacks", route, name)
			}
		}
	}
}

// TestOpenAPIServed checks the route serves the document as built.
func TestOpenAPIServed(t *testing.T) {
	w := httptest.NewRecorder()
	openAPIEngine(t).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/openapi.json", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET /api/openapi.json = %d, want 200", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if doc, _ := openapi.Document(); w.Body.String() != string(doc) {
		t.Error("GET /api/openapi.json does not answer the built document")
	}
}

func collectOpenAPIRefs(v any, refs *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			if s, ok := child.(string); ok && k == "$ref" {
				*refs = append(*refs, s)
				continue
			}
			collectOpenAPIRefs(child, refs)
		}
	case []any:
		for _, child := range x {
			collectOpenAPIRefs(child, refs)
		}
	}
}

// resolveOpenAPIPointer follows a local JSON pointer such as
// #/components/schemas/Problem.
func resolveOpenAPIPointer(root map[string]any, ref string) (any, bool) {
	var cur any = root
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func openAPIObject(root map[string]any, keys ...string) (map[string]any, bool) {
	cur := root
	for _, k := range keys {
		next, ok := cur[k].(map[string]any)
		if !ok {
			return nil, false
		}
		cur = next
	}
	return cur, true
}

// openAPIPathParams returns the names of the required path parameters in a
// parameters list, following $refs.
func openAPIPathParams(root map[string]any, v any) map[string]bool {
	out := map[string]bool{}
	list, _ := v.([]any)
	for _, p := range list {
		param, _ := p.(map[string]any)
		if ref, ok := param["$ref"].(string); ok {
			resolved, _ := resolveOpenAPIPointer(root, ref)
			param, _ = resolved.(map[string]any)
		}
		if param["in"] == "path" && param["required"] == true {
			out[param["name"].(string)] = true
		}
	}
	return out
}
