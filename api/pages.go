package api

import "github.com/gin-gonic/gin"

// pageRoutes mounts the web pages (filled in by web pages work).
func (s *Server) pageRoutes(r *gin.Engine) {}
