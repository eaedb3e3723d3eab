package api

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"go.temporal.io/sdk/temporal"

	"salesflow/httpx"
	"salesflow/service"
	"salesflow/workflows"
)

// TestClassifyWorkflowRefusals: each error type a workflow's validator or
// handler refuses with becomes its problem; a step the workflow is still
// finishing (a signing document being issued) is 503 still-running, which
// clients retry, never a 409 they give up on (issue 9, seed 920245).
func TestClassifyWorkflowRefusals(t *testing.T) {
	for _, tc := range []struct {
		typ    string
		status int
		uri    string
	}{
		{workflows.ErrTypeNotYet, http.StatusServiceUnavailable, "/problems/still-running"},
		{workflows.ErrTypeConflict, http.StatusConflict, "/problems/conflict"},
		{workflows.ErrTypeForbidden, http.StatusForbidden, "/problems/forbidden"},
		{workflows.ErrTypeInvalid, http.StatusUnprocessableEntity, "/problems/validation"},
	} {
		err := fmt.Errorf("update failed: %w", temporal.NewApplicationError("refused", tc.typ))
		if p := service.Classify(err); httpx.StatusOf[p.Kind] != tc.status || "/problems/"+p.Code != tc.uri {
			t.Errorf("%s: %d %s, want %d %s", tc.typ, httpx.StatusOf[p.Kind], p.Code, tc.status, tc.uri)
		}
	}
	if p := service.Classify(errors.New("anything else")); httpx.StatusOf[p.Kind] != http.StatusInternalServerError {
		t.Errorf("an unknown error: %d, want 500", httpx.StatusOf[p.Kind])
	}
}

// TestEveryKindHasAStatus: a refusal of a kind the mapper does not know
// would answer 500 for what is the client's mistake.
func TestEveryKindHasAStatus(t *testing.T) {
	for k := service.KindInternal; k <= service.KindUnavailable; k++ {
		if _, ok := httpx.StatusOf[k]; !ok {
			t.Errorf("kind %d has no HTTP status", k)
		}
	}
}
