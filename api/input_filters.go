package api

import (
	"salesflow/policy"
)

// One rule for every list filter: a value the list does not know is a 422
// naming the parameter and the values it takes, as ?class= on customers
// always was. (An unknown ?status= used to answer 200 and an empty list,
// which reads as "nothing there".)

// taskStatuses are the values of GET /tasks?status= ("all": any).
var taskStatuses = []string{"open", "decided", "cancelled", "all"}

// visitStatuses are the stages GET /visits?status=a,b may list.
var visitStatuses = []string{string(policy.VisitPendingApproval), string(policy.VisitApproved),
	string(policy.VisitRejected), string(policy.VisitDeparted), string(policy.VisitReturned),
	string(policy.VisitReported)}
