package wire

import (
	"encoding/json"
	"time"

	"salesflow/store"
)

// The answers about the audit trail.

// Event is one audit record: who did what to which subject, chained by
// hash.
type Event struct {
	Seq         int64           `json:"seq"`
	SubjectType string          `json:"subject_type"`
	SubjectID   string          `json:"subject_id"`
	ActorID     string          `json:"actor_id,omitempty"`
	ActorName   string          `json:"actor_name,omitempty"`
	OnBehalfOf  string          `json:"on_behalf_of,omitempty"`
	Action      string          `json:"action"`
	Detail      json.RawMessage `json:"detail"`
	At          time.Time       `json:"at"`
	PrevHash    string          `json:"prev_hash"`
	Hash        string          `json:"hash"`
}

// EventOf is s as the API answers it.
func EventOf(s store.Event) Event {
	return Event{Seq: s.Seq, SubjectType: s.SubjectType, SubjectID: s.SubjectID, ActorID: s.ActorID,
		ActorName: s.ActorName, OnBehalfOf: s.OnBehalfOf, Action: s.Action, Detail: s.Detail, At: s.At,
		PrevHash: s.PrevHash, Hash: s.Hash}
}

// Checkpoint is one sealed checkpoint of the audit trail, without its seal.
type Checkpoint struct {
	ID          int64     `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	ThroughSeq  int64     `json:"through_seq"`
	Heads       int64     `json:"heads"`
	HeadsDigest string    `json:"heads_digest"`
	KeyID       string    `json:"signing_key_id"`
}

// CheckpointOf is s as the API answers it.
func CheckpointOf(s store.Checkpoint) Checkpoint {
	return Checkpoint{ID: s.ID, CreatedAt: s.CreatedAt, ThroughSeq: s.ThroughSeq, Heads: s.Heads,
		HeadsDigest: s.HeadsDigest, KeyID: s.KeyID}
}

// ChainReport is the outcome of a verification of the audit trail.
type ChainReport struct {
	Valid        bool        `json:"valid"`
	Full         bool        `json:"full"`
	Checked      int64       `json:"checked"`
	HeadsChecked int64       `json:"heads_checked"`
	Checkpoint   *Checkpoint `json:"checkpoint,omitempty"`
	BrokenAt     *int64      `json:"broken_at,omitempty"`
	Subject      *Subject    `json:"subject,omitempty"`
	Problem      string      `json:"problem,omitempty"`
}

// ChainReportOf is s as the API answers it.
func ChainReportOf(s store.ChainReport) ChainReport {
	return ChainReport{Valid: s.Valid, Full: s.Full, Checked: s.Checked, HeadsChecked: s.HeadsChecked,
		Checkpoint: mapPtr(s.Checkpoint, CheckpointOf), BrokenAt: s.BrokenAt, Subject: mapPtr(s.Subject, SubjectOf),
		Problem: s.Problem}
}

// Subject names one chain of the audit trail.
type Subject struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// SubjectOf is s as the API answers it.
func SubjectOf(s store.Subject) Subject { return Subject(s) }
