package observability

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"salesflow/observability/obstest"
)

// sample returns the value of the series name{labels} in reg (a counter's
// or gauge's value, a histogram's sample count) and whether it exists.
func sample(t *testing.T, reg prometheus.Gatherer, name string, labels map[string]string) (float64, bool) {
	t.Helper()
	f, err := obstest.Gather(reg)
	if err != nil {
		t.Fatal(err)
	}
	return f.Value(name, labels)
}

func testEngine(m *HTTPMetrics) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(AssignRequestID(), m.Middleware(), gin.CustomRecoveryWithWriter(nil, func(c *gin.Context, _ any) {
		c.AbortWithStatus(http.StatusInternalServerError)
	}))
	r.GET("/items/:id", func(c *gin.Context) {
		if c.Param("id") == "missing" {
			c.Status(http.StatusNotFound)
			return
		}
		c.String(http.StatusOK, RequestID(c.Request.Context()))
	})
	r.GET("/panic", func(*gin.Context) { panic("boom") })
	return r
}

func get(h http.Handler, path string, header http.Header) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header.Set(k, v[0])
	}
	h.ServeHTTP(rec, req)
	return rec
}

// TestHTTPMetricsByRouteTemplate: requests are counted under the route
// template with their status, and timed; a path no route takes is one
// series, not one per path.
func TestHTTPMetricsByRouteTemplate(t *testing.T) {
	reg := prometheus.NewRegistry()
	h := testEngine(NewHTTPMetrics(reg))
	get(h, "/items/1", nil)
	get(h, "/items/2", nil)
	get(h, "/items/missing", nil)
	get(h, "/panic", nil)
	get(h, "/no/such/1", nil)
	get(h, "/no/such/2", nil)

	counts := []struct {
		route, status string
		want          float64
	}{
		{"/items/:id", "200", 2},
		{"/items/:id", "404", 1},
		{"/panic", "500", 1},
		{"unmatched", "404", 2},
	}
	for _, c := range counts {
		got, _ := sample(t, reg, "salesflow_http_requests_total",
			map[string]string{"method": "GET", "route": c.route, "status": c.status})
		if got != c.want {
			t.Errorf("requests{route=%q,status=%s} = %v, want %v", c.route, c.status, got, c.want)
		}
	}
	if _, ok := sample(t, reg, "salesflow_http_requests_total",
		map[string]string{"method": "GET", "route": "/items/1", "status": "200"}); ok {
		t.Error("a raw path became a route label")
	}
	observed, _ := sample(t, reg, "salesflow_http_request_duration_seconds",
		map[string]string{"method": "GET", "route": "/items/:id"})
	if observed != 3 {
		t.Errorf("latency histogram of /items/:id observed %v requests, want 3", observed)
	}
}

// TestRequestIDAssignedOrAccepted: a sensible X-Request-ID from the client
// is kept, anything else replaced; either way it is answered and is the
// one the handler's context holds.
func TestRequestIDAssignedOrAccepted(t *testing.T) {
	h := testEngine(NewHTTPMetrics(prometheus.NewRegistry()))
	rec := get(h, "/items/1", http.Header{HeaderRequestID: {"client-id-7"}})
	if got := rec.Header().Get(HeaderRequestID); got != "client-id-7" || rec.Body.String() != "client-id-7" {
		t.Fatalf("client's id: header %q, context %q", got, rec.Body.String())
	}
	for _, sent := range []string{"", "has space", "line\nbreak", string(make([]byte, 200))} {
		rec := get(h, "/items/1", http.Header{HeaderRequestID: {sent}})
		got := rec.Header().Get(HeaderRequestID)
		if got == "" || got == sent || rec.Body.String() != got {
			t.Errorf("sent %q: header %q, context %q; want a new id in both", sent, got, rec.Body.String())
		}
	}
}
