package api

import (
	"errors"
	"strconv"

	"github.com/gin-gonic/gin"

	"salesflow/store"
)

// pageParams reads ?limit=&cursor=.
func pageParams(c *gin.Context) store.Page {
	limit, _ := strconv.Atoi(c.Query("limit"))
	return store.Page{Limit: limit, Cursor: c.Query("cursor")}
}

// notFoundAs turns store.ErrNotFound into a 404 naming what was sought.
func notFoundAs(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound(what)
	}
	return err
}
