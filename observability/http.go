package observability

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// HeaderRequestID is the header a request ID arrives and is answered in.
const HeaderRequestID = "X-Request-ID"

// AssignRequestID is the Gin middleware that gives each request an ID: the
// client's X-Request-ID when it sent a sensible one (a proxy's or a
// retrying client's, so one action reads as one ID across processes), else
// a new one. The ID is answered in the same header and put in the request's
// context, where the logger finds it.
func AssignRequestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(HeaderRequestID)
		if !validRequestID(id) {
			id = newRequestID()
		}
		c.Header(HeaderRequestID, id)
		c.Request = c.Request.WithContext(WithRequestID(c.Request.Context(), id))
		c.Next()
	}
}

// validRequestID accepts up to 128 printable ASCII characters without
// spaces: enough for UUIDs and tracing IDs, nothing that could forge a log
// line or a header.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// unmatchedRoute labels requests no route took (404s of scanners and typos):
// their raw paths would make a new series each.
const unmatchedRoute = "unmatched"

// HTTPMetrics counts and times HTTP requests by route template (Gin's
// FullPath, "/api/v1/proposals/:id", never the raw path, whose IDs would
// make a series per record) and status.
type HTTPMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewHTTPMetrics registers the HTTP metrics on reg.
func NewHTTPMetrics(reg prometheus.Registerer) *HTTPMetrics {
	m := &HTTPMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "salesflow_http_requests_total",
			Help: "HTTP requests answered, by method, route template and status code.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "salesflow_http_request_duration_seconds",
			Help: "Time to answer an HTTP request, by method and route template.",
			// Up to the API's 30 s request timeout: an Update that waits
			// for a worker shows there.
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// Middleware records every request that passes it; put it before the
// recovery middleware so a panic counts as the 500 it answers.
func (m *HTTPMetrics) Middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = unmatchedRoute
		}
		method := methodLabel(c.Request.Method)
		m.requests.WithLabelValues(method, route, strconv.Itoa(c.Writer.Status())).Inc()
		m.duration.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
	}
}

// methodLabel keeps a client's made-up method out of the label values.
func methodLabel(method string) string {
	switch method {
	case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS":
		return method
	}
	return "other"
}
