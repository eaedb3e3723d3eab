package api

import (
	"salesflow/service"
	"sort"

	"github.com/gin-gonic/gin"
)

// Path and query parameters get the text rule of a one-line field before
// any handler reads them: /customers/%00 and ?q=%00 used to reach
// PostgreSQL (and answer 500). A refused parameter is a 422 naming it.

// maxParam bounds one parameter's value, in characters; the filters that
// take text set tighter limits of their own (?q=, 200).
const maxParam = 1000

// paramsErr checks every path parameter and every query parameter, name and
// value, of c's request.
func paramsErr(c *gin.Context) error {
	var v validation
	for _, p := range c.Params {
		service.AddTextProblem(&v, p.Key, p.Value, false, maxParam)
	}
	query := c.Request.URL.Query()
	names := make([]string, 0, len(query))
	for name := range query {
		names = append(names, name)
	}
	sort.Strings(names) // the first problem named is the same every time
	for _, name := range names {
		if !service.AddTextProblem(&v, "query", name, false, maxParam) {
			continue
		}
		for _, value := range query[name] {
			service.AddTextProblem(&v, name, value, false, maxParam)
		}
	}
	return v.Err()
}

// checkParams is paramsErr for the JSON API.
func (s *Server) checkParams(c *gin.Context) {
	if err := paramsErr(c); err != nil {
		s.fail(c, err)
		return
	}
	c.Next()
}

// checkParams is paramsErr for the pages: the refusal is an error page.
func (p *pages) checkParams(c *gin.Context) {
	if err := paramsErr(c); err != nil {
		p.fail(c, err)
		return
	}
	c.Next()
}
