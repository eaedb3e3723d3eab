package api

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"salesflow/store"
)

// pageParams reads ?limit=&cursor=.
func pageParams(c *gin.Context) store.Page {
	limit, _ := strconv.Atoi(c.Query("limit"))
	return store.Page{Limit: limit, Cursor: c.Query("cursor")}
}
