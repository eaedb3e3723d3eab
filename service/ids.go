package service

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/google/uuid"
)

// newID names a record a create makes: derived from the client's key
// (scoped to the kind and the actor) when there is one, so the same create
// sent again finds the record it made instead of making a second; a fresh
// ID without one.
func newID(kind, actorID, key string) string {
	if key == "" {
		return FreshID()
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:"+kind+":"+actorID+":"+key)).String()
}

// FreshID names a record made without a client's key: a UUIDv7, whose
// first 48 bits are the millisecond it was made. Records made one after
// another sort together, so every index keyed by a record's ID (its
// primary key, its audit chain and head, its ownership events and outbox
// row) takes the next one on the page the last one went to, which is in
// memory, instead of on a random page of an index of a million entries
// that has to be read, dirtied and written to the WAL whole after each
// checkpoint (issue 12: at 1,000,000 customers an import recorded 8–32%
// more rows a second, and a create's p99 fell from 18–21 to 12–16 ms).
// The benchmark's COPY reference uses it too, so both write the same IDs.
func FreshID() string { return uuid.Must(uuid.NewV7()).String() }

// fileRowID names the customer of line of a file sent with a key (file
// names the actor, the key and the file's hash): the same file sent again
// names the same customers, so nobody is recorded twice. Like FreshID the
// rows of one file sort together and in order: the first 80 bits are the
// file's hash, the last 48 its line (an RFC 9562 version 8 UUID, whose
// layout is the application's). Two files share a prefix with a chance of
// one in 2^74.
func fileRowID(file string, line int) string {
	sum := sha256.Sum256([]byte(file))
	var id uuid.UUID
	copy(id[:10], sum[:10])
	id[6] = 0x80 | id[6]&0x0f // version 8
	id[8] = 0x80 | id[8]&0x3f // RFC 9562 variant
	var at [8]byte
	binary.BigEndian.PutUint64(at[:], uint64(line))
	copy(id[10:], at[2:])
	return id.String()
}
