package api

import (
	"errors"
	"fmt"
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

// indexed names a field inside a list: items[2].quantity.
func indexed(list string, i int, field string) string {
	if field == "" {
		return fmt.Sprintf("%s[%d]", list, i)
	}
	return fmt.Sprintf("%s[%d].%s", list, i, field)
}
