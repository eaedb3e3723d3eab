package prodshape

import (
	"math/rand/v2"
	"testing"
)

// The suite's own arithmetic, without services: a miscount here would
// make the closing figures lie.

func TestMailCountsByHeaderAndByContent(t *testing.T) {
	a := note{ID: "a", Email: "x@t", TitleZH: "标题", TitleEN: "Title", Body: "/visits/1"}
	b := note{ID: "b", Email: "x@t", TitleZH: "标题", TitleEN: "Title", Body: "/visits/1"} // same content
	c := note{ID: "c", Email: "y@t", TitleZH: "别的", TitleEN: "Other", Body: "/visits/2"}
	mail := func(n note) message {
		return message{To: n.Email, Subject: n.TitleZH + " / " + n.TitleEN, Body: n.TitleZH + "\r\n" + n.TitleEN + "\r\n\r\n" + n.Body + "\r\n"}
	}
	got := mailCounts([]note{a, b, c}, []message{mail(a), mail(a), mail(a), {Notification: "c"}, {Notification: "c"}})
	if got["a"] != 1 || got["b"] != 2 || got["c"] != 2 {
		t.Fatalf("three mails for two same-content notifications are one and two; c by header twice: %v", got)
	}
	if got := mailCounts([]note{a}, []message{{To: "x@t", Subject: "?"}}); got["a"] != 0 || got["(unmatched) ?"] != 1 {
		t.Fatalf("a mail matching nothing is counted apart: %v", got)
	}
}

func TestSumSeries(t *testing.T) {
	text := "# TYPE salesflow_notifications_dead_lettered gauge\n" +
		"salesflow_notifications_dead_lettered{channel=\"email\"} 2\n" +
		"salesflow_notifications_dead_lettered{channel=\"webhook\"} 1\n" +
		"salesflow_notifications_pending 7\n"
	if got := sumSeries(text, "dead"); got != 3 {
		t.Fatalf("dead-lettered sum %v, want 3", got)
	}
	if got := sumSeries(text, "pending"); got != 7 {
		t.Fatalf("pending %v, want 7", got)
	}
}

func TestThresholdsSpreadOverTheRun(t *testing.T) {
	at := thresholds(rand.New(rand.NewPCG(1, 2)), 7, 100)
	for i, n := range at {
		if n < 5 || n >= 70 || (i > 0 && n < at[i-1]) {
			t.Fatalf("fault points must rise within 5%%–70%% of the flows: %v", at)
		}
	}
}
