package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/session"
	"salesflow/store"
)

// A JSON action is one shape: bind the body strictly, call the use case
// with the request's context and the signed-in user, answer the status
// with its result or the problem of its error. jsonAction and readAction
// are that shape once, so a handler is only the call it makes.

// jsonAction is a handler of a JSON body In answered with status.
func jsonAction[In, Out any](s *Server, status int, do func(ctx context.Context, c *gin.Context, u store.User, in In) (Out, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		var in In
		if err := bindJSON(c, &in); err != nil {
			s.fail(c, err)
			return
		}
		u, _ := session.User(c)
		ctx, cancel := s.ctx(c)
		defer cancel()
		out, err := do(ctx, c, u, in)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(status, out)
	}
}

// readAction is a handler without a body answered with status.
func readAction[Out any](s *Server, status int, do func(ctx context.Context, c *gin.Context, u store.User) (Out, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		u, _ := session.User(c)
		ctx, cancel := s.ctx(c)
		defer cancel()
		out, err := do(ctx, c, u)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(status, out)
	}
}

// answered converts a use case's result to its answer, keeping its error:
// answered(wire.ProductOf)(s.svc.CreateProduct(...)).
func answered[S, T any](f func(S) T) func(S, error) (T, error) {
	return func(v S, err error) (T, error) { return f(v), err }
}

// wholeList is items as a list without a next page ([] rather than null).
func wholeList[T any](items []T) wire.ListPage[T] {
	if items == nil {
		items = []T{}
	}
	return wire.ListPage[T]{Items: items}
}
