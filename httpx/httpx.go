// Package httpx is what the JSON API (package api) and the web pages
// (package pages) both need of a request before a use case runs: its
// language, its paging, the text rule on its path and query parameters,
// the query filters and uploaded files read into package service's inputs,
// and the HTTP status a domain error is answered with. It holds no use
// case; both servers import it and nothing else does.
package httpx

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/i18n"
	"salesflow/service"
	"salesflow/store"
)

// LangCookie lets the web pages remember a language chosen by the switch;
// the API honours it too, so one browser reads one language.
const LangCookie = "salesflow_lang"

// Lang picks the request's language: the language cookie first, then
// Accept-Language, else Chinese.
func Lang(c *gin.Context) i18n.Lang {
	cookie, _ := c.Cookie(LangCookie)
	return i18n.Match(cookie, c.GetHeader("Accept-Language"))
}

// Page reads ?limit=&cursor=.
func Page(c *gin.Context) store.Page {
	limit, _ := strconv.Atoi(c.Query("limit"))
	return store.Page{Limit: limit, Cursor: c.Query("cursor")}
}

// Timeout gives a handler the request's context bounded by d, so a client
// that goes away cancels the work.
func Timeout(c *gin.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), d)
}

// maxParam bounds one parameter's value, in characters; the filters that
// take text set tighter limits of their own (?q=, 200).
const maxParam = 1000

// ParamsErr gives every path and query parameter, name and value, the text
// rule of a one-line field before any handler reads them: /customers/%00
// and ?q=%00 used to reach PostgreSQL (and answer 500). A refused
// parameter is a problem naming it.
func ParamsErr(c *gin.Context) error {
	var v service.Validation
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

// PublicURL is the address customers reach the app under: configured,
// else this request's.
func PublicURL(c *gin.Context, configured string) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// StatusOf is the HTTP status of each kind of refusal.
var StatusOf = map[service.Kind]int{
	service.KindInternal:        http.StatusInternalServerError,
	service.KindMalformed:       http.StatusBadRequest,
	service.KindUnauthenticated: http.StatusUnauthorized,
	service.KindForbidden:       http.StatusForbidden,
	service.KindNotFound:        http.StatusNotFound,
	service.KindNotAllowed:      http.StatusMethodNotAllowed,
	service.KindConflict:        http.StatusConflict,
	service.KindTooLarge:        http.StatusRequestEntityTooLarge,
	service.KindUnsupported:     http.StatusUnsupportedMediaType,
	service.KindInvalid:         http.StatusUnprocessableEntity,
	service.KindTooMany:         http.StatusTooManyRequests,
	service.KindUpstream:        http.StatusBadGateway,
	service.KindUnavailable:     http.StatusServiceUnavailable,
}

// Status is the HTTP status err is answered with (service.Classify).
func Status(err error) int { return StatusOf[service.Classify(err).Kind] }

// FieldMessage names one invalid input field, in the reader's language.
type FieldMessage struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// FieldMessages are fields' problems in lang.
func FieldMessages(lang i18n.Lang, fields []service.FieldError) []FieldMessage {
	var out []FieldMessage
	for _, f := range fields {
		out = append(out, FieldMessage{Field: f.Field, Message: service.Text(lang, f.Key, f.Args)})
	}
	return out
}
