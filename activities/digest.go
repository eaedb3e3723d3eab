package activities

import (
	"context"
	"fmt"
	"strings"
	"time"

	"salesflow/policy"
	"salesflow/store"
)

// DigestResult says what the daily digest did.
type DigestResult struct {
	WorkingDay bool     `json:"working_day"`
	IDs        []string `json:"ids"` // notifications written, to be mailed
}

// SendDailyDigests gives each sales manager, on a working day, a digest of
// their team (R4.3): per salesperson the visit reports filed and contacts
// logged since the previous working day, key and difficult customers,
// overdue reports and returns, missed first-contact deadlines, and the
// guidance notes the manager wrote them in that time.
// On a non-working day of the company calendar it does nothing. One
// notification per manager and day: a retry writes nothing twice.
func (a *Activities) SendDailyDigests(ctx context.Context, at time.Time) (DigestResult, error) {
	day := policy.AtTimeOfDay(at, 0, policy.Shanghai)
	cal, err := a.calendar(ctx)
	if err != nil {
		return DigestResult{}, classify(err)
	}
	if !cal.IsWorkingDay(day) {
		return DigestResult{}, nil
	}
	since := policy.PreviousWorkingDay(cal, day, policy.Shanghai)
	lines, err := a.Store.DigestLines(ctx, since, at)
	if err != nil {
		return DigestResult{}, err
	}
	res := DigestResult{WorkingDay: true}
	for start := 0; start < len(lines); {
		end := start
		for end < len(lines) && lines[end].ManagerID == lines[start].ManagerID {
			end++
		}
		n := digestNote(day, lines[start:end])
		if err := a.Store.NotifyOnce(ctx, n); err != nil {
			return DigestResult{}, classify(err)
		}
		res.IDs = append(res.IDs, n.ID)
		start = end
	}
	return res, nil
}

// digestNote is one manager's digest: one line per salesperson.
func digestNote(day time.Time, lines []store.DigestLine) store.Notification {
	date := day.Format(time.DateOnly)
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s：拜访报告 %d，重点客户 %d，逾期报告 %d，未返回 %d，难点客户 %d，客户联系 %d，逾期未联系 %d，指导 %d"+
			" / reports %[2]d, key customers %[3]d, late reports %[4]d, still out %[5]d, difficult customers %[6]d,"+
			" contacts %[7]d, missed contact deadlines %[8]d, guidance notes %[9]d\n",
			l.Name, l.Reports, l.KeyCustomers, l.LateReports, l.StillOut, l.Difficult, l.Interactions, l.MissedContacts, l.Guidance)
	}
	manager := lines[0].ManagerID
	return store.Notification{ID: "digest/" + date + "/" + manager, UserID: manager, Kind: "daily_digest",
		SubjectType: "team", SubjectID: manager, TitleZH: "每日指导摘要 " + date, TitleEN: "Daily digest " + date,
		Body: b.String()}
}
