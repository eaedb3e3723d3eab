package service

import (
	"github.com/google/uuid"
)

// newID names a record a create makes: derived from the client's key
// (scoped to the kind and the actor) when there is one, so the same create
// sent again finds the record it made instead of making a second; a fresh
// ID without one.
func newID(kind, actorID, key string) string {
	if key == "" {
		return uuid.NewString()
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:"+kind+":"+actorID+":"+key)).String()
}
