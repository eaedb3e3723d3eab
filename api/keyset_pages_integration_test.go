package api

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/lib/pq"
)

// tiedAt is the one timestamp the keyset tests give every row, so that only
// the id can tell the rows of a page apart (issue 12: lists paged by a
// non-unique column skipped rows).
const tiedAt = "2026-06-01 10:00:00+08"

// pageThrough walks path one row at a time (limit=1) and counts how often
// each of want's ids appears; every id must appear exactly once.
func pageThrough(t *testing.T, c *apiClient, path string, want []string) {
	t.Helper()
	seen, cursor := map[string]int{}, ""
	for page := 0; page < 200; page++ {
		res := c.do("GET", path+"limit=1&cursor="+url.QueryEscape(cursor), nil, nil).status(http.StatusOK)
		for _, it := range res.body["items"].([]any) {
			seen[it.(map[string]any)["id"].(string)]++
		}
		next, _ := res.body["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Fatalf("%s: row %s seen %d times paging one by one (all: %v)", path, id, seen[id], seen)
		}
	}
}

// TestListsPageByTimeAndID: proposals, contracts and notifications written
// at one and the same instant are each listed exactly once when paged with
// limit=1.
func TestListsPageByTimeAndID(t *testing.T) {
	e := newTestEnv(t)
	sales := e.as(t, "sales2")
	db := e.Store.DB()
	var proposals []string
	for i := 0; i < 3; i++ {
		proposals = append(proposals, e.newProposal(sales, "同刻方案 "+randomSuffix()))
	}
	db.MustExec(`UPDATE proposals SET created_at = $2 WHERE id = ANY($1)`, pq.StringArray(proposals), tiedAt)
	pageThrough(t, sales, "/api/v1/proposals?", proposals)

	var contracts []string
	db.MustExec(`INSERT INTO contracts (id, proposal_id, proposal_version, customer_id, owner_id, status, version,
		content_hash, workflow_id, created_at, updated_at)
		SELECT 'tied-' || p.id, p.id, 1, p.customer_id, p.owner_id, 'drafting', 1, repeat('a', 64), 'tied-wf-' || p.id, $2, $2
		FROM proposals p WHERE p.id = ANY($1)`, pq.StringArray(proposals), tiedAt)
	db.MustExec(`INSERT INTO contract_versions (contract_id, version, total_fen, content_hash, author_id)
		SELECT c.id, 1, 0, c.content_hash, c.owner_id FROM contracts c WHERE c.proposal_id = ANY($1)`, pq.StringArray(proposals))
	for _, p := range proposals {
		contracts = append(contracts, "tied-"+p)
	}
	pageThrough(t, sales, "/api/v1/contracts?", contracts)

	var notes []string
	for i := 0; i < 3; i++ {
		id := "tied-note-" + randomSuffix()
		db.MustExec(`INSERT INTO notifications (id, user_id, kind, subject_type, subject_id, title_zh, title_en, body, created_at)
			VALUES ($1, $2, 'test', 'proposal', $3, '同刻', 'tied', '', $4)`, id, e.users["sales2"].ID, proposals[i], tiedAt)
		notes = append(notes, id)
	}
	pageThrough(t, sales, "/api/v1/notifications?", notes)
}
