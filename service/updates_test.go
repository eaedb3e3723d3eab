package service

import (
	"context"
	"errors"
	"testing"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"salesflow/store"
)

// abortingClient fails the first aborts Updates the way the server does
// when the workflow task that carried them failed, then answers them.
type abortingClient struct {
	client.Client
	aborts, calls int
	ids           []string
	fail          error
}

func (c *abortingClient) UpdateWorkflow(_ context.Context, o client.UpdateWorkflowOptions) (client.WorkflowUpdateHandle, error) {
	c.calls++
	c.ids = append(c.ids, o.UpdateID)
	if c.fail != nil {
		return nil, c.fail
	}
	if c.calls <= c.aborts {
		return nil, serviceerror.NewWorkflowNotReady("Unable to perform workflow execution update due to unexpected workflow task failure.")
	}
	return doneHandle{}, nil
}

type doneHandle struct{ client.WorkflowUpdateHandle }

func (doneHandle) Get(context.Context, any) error { return nil }

func TestUpdateAbortedBeforeAcceptedIsSentAgainWithItsID(t *testing.T) {
	actor := store.User{ID: "u1"}
	tc := &abortingClient{aborts: 2}
	s := New(nil, tc, nil, Config{})
	if err := s.Update(context.Background(), "k1", "wf", "decide", actor, nil, nil); err != nil {
		t.Fatalf("an Update aborted twice then answered succeeds: %v", err)
	}
	if tc.calls != 3 || tc.ids[0] != "decide:u1:k1" || tc.ids[1] != tc.ids[0] || tc.ids[2] != tc.ids[0] {
		t.Fatalf("sent %d times with IDs %v, want 3 times with one ID", tc.calls, tc.ids)
	}

	always := &abortingClient{aborts: 100}
	var notReady *serviceerror.WorkflowNotReady
	err := New(nil, always, nil, Config{}).Update(context.Background(), "", "wf", "decide", actor, nil, nil)
	if !errors.As(err, &notReady) || always.calls != updateAttempts || always.ids[0] != always.ids[updateAttempts-1] {
		t.Fatalf("an Update always aborted: %v after %d sends (IDs %v)", err, always.calls, always.ids)
	}

	refused := &abortingClient{fail: serviceerror.NewNotFound("workflow gone")}
	if err := New(nil, refused, nil, Config{}).Update(context.Background(), "k", "wf", "decide", actor, nil, nil); !IsWorkflowGone(err) || refused.calls != 1 {
		t.Fatalf("another error is answered at once: %v after %d sends", err, refused.calls)
	}
}
