package openapi

// Converted once by a throw-away script from the hand-kept api/openapi.json
// it replaces; this table is the source now: edit it by hand.

import (
	"reflect"

	"salesflow/api/wire"
	"salesflow/service"
)

// openAPIAccountOperations are the operations on the service itself, sessions, users, delegations, the audit trail, notifications and the inbox.
var openAPIAccountOperations = []Operation{
	{
		Method: "GET", Path: "/livez", ID: "livez",
		Tags:     []string{"health"},
		Summary:  "The process is up",
		Security: []raw{},
		Responses: []apiResponse{
			reply[wire.Liveness](200, "Always, while the process runs."),
		},
	},
	{
		Method: "GET", Path: "/readyz", ID: "readyz",
		Tags:        []string{"health"},
		Summary:     "PostgreSQL and Temporal answer",
		Description: "Checks both within 3 seconds. The body is plain JSON in both cases, not a problem.",
		Security:    []raw{},
		Responses: []apiResponse{
			reply[wire.Readiness](200, "Both answer."),
			reply[wire.Readiness](503, "At least one is `unavailable`."),
		},
	},
	{
		Method: "GET", Path: "/api/openapi.json", ID: "getOpenAPI",
		Tags:     []string{"meta"},
		Summary:  "This OpenAPI document",
		Security: []raw{},
		Responses: []apiResponse{
			{Status: 200, Description: "The document.", Media: "application/json", Schema: raw{"$ref": "#/components/schemas/OpenAPIDocument"}},
		},
	},
	{
		Method: "POST", Path: "/api/v1/session", ID: "login",
		Tags:        []string{"session"},
		Summary:     "Sign in",
		Description: "Checks the password and opens a session. Answers the token for API clients and sets the same token in the `salesflow_session` cookie (HttpOnly, SameSite=Lax, Path=/) for the web pages. A wrong username, wrong password or inactive user are the same 401.\n\nThe body must be declared `application/json` (415 otherwise) and the request must not come from another site (403): a cross-site form could otherwise sign a browser in as someone else (login CSRF).\n\nThrottling (OWASP ASVS V2.2): every attempt counts against the username typed and against the client address before the password is checked; a correct password takes the attempt back (the username's count starts again, the address's loses one). Per username, 5 failures are free, then each attempt waits 2 s, 4 s, 8 s, 16 s, 32 s, and the 10th failure locks it for 15 minutes (each later failure again). Per address, 20 are free, then 1 s doubling up to a minute, and 100 lock for 15 minutes. A count with no attempt for an hour starts again. While blocked the answer is 429 with `Retry-After`, the password is not checked, and a username that does not exist is treated exactly like one that does. The admin sees and clears counts at `/api/v1/login-throttles`. The client address is the peer's, or `X-Forwarded-For` from a proxy named in `SALESFLOW_TRUSTED_PROXIES`.",
		Security:    []raw{},
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[wire.LoginRequest](),
		Responses: []apiResponse{
			{Status: 200, Description: "Signed in.", Type: reflect.TypeFor[wire.SessionAnswer](), Headers: raw{
				"Set-Cookie": raw{"description": "`salesflow_session=<token>`", "schema": raw{"type": "string"}},
			}},
			problem(400, "BadRequest", ""),
			problem(401, "Unauthorized", "`/problems/bad-credentials`: wrong username or password, or inactive user."),
			problem(403, "CrossOrigin", ""),
			problem(415, "UnsupportedMediaType", ""),
			problem(429, "TooManyRequests", ""),
			problem(413, "PayloadTooLarge", ""),
		},
	},
	{
		Method: "DELETE", Path: "/api/v1/session", ID: "logout",
		Tags:        []string{"session"},
		Summary:     "Sign out",
		Description: "Revokes the session token sent (bearer header, else cookie) so neither works again, and clears the cookie. Answers 204 also when no token or an unknown token is sent.",
		Security:    []raw{raw{}, raw{"bearerAuth": []any{}}, raw{"sessionCookie": []any{}}},
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			{Status: 204, Description: "Signed out.", Headers: raw{
				"Set-Cookie": raw{"description": "Clears `salesflow_session`.", "schema": raw{"type": "string"}},
			}},
		},
	},
	{
		Method: "GET", Path: "/api/v1/me", ID: "getMe",
		Tags:    []string{"session"},
		Summary: "The signed-in user",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.UserView](200, "The user."),
			problem(401, "Unauthorized", ""),
		},
	},
	{
		Method: "POST", Path: "/api/v1/users", ID: "createUser",
		Tags:        []string{"users"},
		Summary:     "Create a user",
		Description: "Admin only.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.UserInput](),
		Responses: []apiResponse{
			reply[wire.UserView](201, "Created."),
			problem(400, "BadRequest", ""),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs the `admin` role."),
			problem(409, "Conflict", "`/problems/duplicate-username`: the username is taken."),
			problem(422, "UnprocessableEntity", "`/problems/validation`, e.g. an unknown role or `manager_id`."),
			problem(413, "PayloadTooLarge", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/users", ID: "listUsers",
		Tags:        []string{"users"},
		Summary:     "List users",
		Description: "Admin or sales manager.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ListPage[wire.UserView]](200, "Every user."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs `admin` or `sales_manager`."),
		},
	},
	{
		Method: "PATCH", Path: "/api/v1/users/{id}", ID: "patchUser",
		Tags:        []string{"users"},
		Summary:     "Change a user",
		Description: "Admin only. A user cannot be their own manager; an admin cannot remove their own `admin` role or deactivate themselves (422 naming `roles` / `active`).",
		Params: []apiParam{
			pathParam("id", "The user's ID."),
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.UserPatch](),
		Responses: []apiResponse{
			reply[wire.UserView](200, "The user as changed."),
			problem(400, "BadRequest", ""),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs the `admin` role."),
			problem(404, "NotFound", ""),
			problem(422, "UnprocessableEntity", ""),
			problem(413, "PayloadTooLarge", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/tasks", ID: "listTasks",
		Tags:        []string{"tasks"},
		Summary:     "The caller's inbox",
		Description: "Tasks offered to one of the caller's roles, to a `marketing_director` or `company_approver` role of anyone who has authorised the caller right now (delegation, R5.5), or to the caller (a manager's review, an escalated approval step, a weekly check, an overdue contact); never the caller's own work. Holds `proposal_review`, `contract_approval`, `weekly_check` (opened Mondays 09:00 Asia/Shanghai for the manager of each user who entered records the week before, R1.4) and `contact_overdue` (for the owner's manager, or every sales manager when the owner has none, R2.5) tasks; oldest first.",
		Params: []apiParam{
			{Name: "status", In: "query", Description: "`open` (default), `decided`, `cancelled`, or `all` for any status. An unknown status is a 422 naming `status`.", Schema: raw{"type": "string", "enum": []any{"open", "decided", "cancelled", "all"}, "default": "open"}},
			sharedParam("Limit"),
			sharedParam("Cursor"),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ListPage[wire.Task]](200, "A page of tasks."),
			problem(401, "Unauthorized", ""),
			problem(422, "UnprocessableEntity", "`/problems/validation`: an unknown `status` (or another filter out of range)."),
		},
	},
	{
		Method: "POST", Path: "/api/v1/tasks/{id}/decision", ID: "decideTask",
		Tags:        []string{"tasks"},
		Summary:     "Decide a task",
		Description: "Decided at once. A proposal review may be decided by a reviewer or the author's sales manager; approve → `approved`, reject → `revising`. A contract approval step may be decided by a holder of its `assignee_role`, their active delegate (recorded as acting on the delegator's behalf) or the user it was escalated to; approve → the next required step (`in_approval`, a new task) or, after the last, `approved` with the signing document issued; reject → `revising`. A `weekly_check` (R1.4) is approved or rejected (with a `comment` for the salesperson) by the salesperson's manager and recorded directly. A `contact_overdue` task (R2.5) is decided through the contact deadline's workflow by the owner's sales manager (any sales manager when the owner has none): `extend` with `days` sets a new deadline and a new round; `reassign` with `owner_id` gives the customer to one of the caller's salespeople (ownership event `reassigned_overdue`, a fresh week). The answer is the subject in its new state: a `Proposal` for a `proposal` task, a `Contract` for a `contract` task, the `Customer` file for a `customer` task; for a `weekly_check` (`user`) it is the decided `Task`. The same `Idempotency-Key` again returns the first result.",
		Params: []apiParam{
			pathParam("id", "The task's ID."),
			sharedParam("IdempotencyKey"),
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.DecisionInput](),
		Responses: []apiResponse{
			{Status: 200, Description: "The subject after the decision.", OneOf: []reflect.Type{reflect.TypeFor[wire.Proposal](), reflect.TypeFor[wire.Contract](), reflect.TypeFor[wire.CustomerFile](), reflect.TypeFor[wire.Visit](), reflect.TypeFor[wire.Task]()}, OneOfText: "`Proposal` when the task's `subject_type` is `proposal`, `Contract` when it is `contract`, `Customer` when it is `customer`, the decided `Task` when it is `user`."},
			problem(400, "BadRequest", ""),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/self-review`: the author can never decide their own work, also not through a delegation (the salesperson of a weekly check, the owner of an overdue customer); `/problems/forbidden`: not a reviewer or approver of this step, or not the owner's manager."),
			problem(404, "NotFound", "`/problems/not-found`: no such task, or it is not offered to the caller."),
			problem(409, "Conflict", "`/problems/task-decided`: the task was decided already; `/problems/conflict`: not open for decision; `/problems/process-ended`: the task's workflow has ended."),
			problem(422, "UnprocessableEntity", "`/problems/validation`: `decision` not approve|reject (or extend|reassign for `contact_overdue`), a rejection without `comment`, `comment` over 4000 characters, `days` not 1–30 for `extend`, `owner_id` missing or the current owner for `reassign`, or `Idempotency-Key` too long; `/problems/not-team-member`: `owner_id` is not an active salesperson managed by the caller."),
			problem(503, "ServiceUnavailable", ""),
			problem(413, "PayloadTooLarge", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/notifications", ID: "listNotifications",
		Tags:        []string{"notifications"},
		Summary:     "My notifications",
		Description: "Newest first; `unread=true` for unread only. Every task, reminder and escalation writes one.",
		Params: []apiParam{
			{Name: "unread", In: "query", Schema: raw{"type": "boolean"}},
			sharedParam("Limit"),
			sharedParam("Cursor"),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ListPage[wire.Notification]](200, "A page of notifications."),
			problem(401, "Unauthorized", ""),
		},
	},
	{
		Method: "POST", Path: "/api/v1/delegations", ID: "createDelegation",
		Tags:        []string{"delegations"},
		Summary:     "Authorise a delegate",
		Description: "Marketing director or company approver only. The delegation passes on one role the delegator holds (`role`; it may be left out when they hold only one): for the period, and until revoked, the delegate is offered that role's tasks, may decide them and, for `company_approver`, sign for the company, and sees the contracts that work needs (a step waiting for the role, a contract awaiting the company's signature, what they acted on) — not every contract; each such act records `on_behalf_of` (R5.5). A delegation lasts at most `SALESFLOW_DELEGATION_MAX_DAYS` (30) days. The author of a contract can never approve or sign it, also not through a delegation.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.DelegationInput](),
		Responses: []apiResponse{
			reply[wire.Delegation](201, "Created."),
			problem(400, "BadRequest", ""),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs `marketing_director` or `company_approver`."),
			problem(422, "UnprocessableEntity", "`/problems/validation`: a time not RFC 3339, `ends_at` not after `starts_at`, not in the future or beyond the maximum length, `role` not one the caller holds, `to_user_id` unknown, inactive or the caller."),
			problem(413, "PayloadTooLarge", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/delegations", ID: "listDelegations",
		Tags:        []string{"delegations"},
		Summary:     "The caller's delegations",
		Description: "Delegations the caller gave or received. Any signed-in user.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ListPage[wire.Delegation]](200, "Every such delegation."),
			problem(401, "Unauthorized", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/audit", ID: "listAudit",
		Tags:        []string{"audit"},
		Summary:     "Audit events",
		Description: "Admins read any events; everyone else only the trail of one proposal or contract they may see, with `subject_type=proposal|contract&subject_id=<id>`.",
		Params: []apiParam{
			{Name: "subject_type", In: "query", Description: "Only events of this subject type: `proposal` or `contract`.", Schema: raw{"type": "string"}},
			{Name: "subject_id", In: "query", Description: "Only events of this subject.", Schema: raw{"type": "string"}},
			sharedParam("Limit"),
			{Name: "cursor", In: "query", Description: "The `next_cursor` (a `seq`) of the previous page: events after it.", Schema: raw{"type": "integer", "format": "int64", "minimum": 0}},
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ListPage[wire.Event]](200, "A page of events."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: not an admin and not asking for a proposal's trail."),
			problem(404, "NotFound", "`/problems/not-found`: the proposal is not visible to the caller."),
		},
	},
	{
		Method: "GET", Path: "/api/v1/audit/verification", ID: "verifyAudit",
		Tags:        []string{"audit"},
		Summary:     "Verify the audit trail",
		Description: "Admin only. Each subject has a hash chain of its own; the worker seals a checkpoint of every chain's head every `SALESFLOW_AUDIT_CHECKPOINT_EVERY` (10 minutes). By default the verification starts from the newest checkpoint: it checks the checkpoint's seal with the trusted public keys and that every head it sealed is still in its chain, re-hashes only the events after it, and compares the chains' heads. `full=true` re-hashes every event (the legacy global chain written before the per-subject chains included); on a large trail prefer `salesflow audit verify -full`.",
		Params: []apiParam{
			{Name: "full", In: "query", Description: "`true`: re-hash every event, not only those after the newest checkpoint.", Schema: raw{"type": "boolean", "default": false}},
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ChainReport](200, "The outcome."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs the `admin` role."),
		},
	},
	{
		Method: "POST", Path: "/api/v1/notifications/{id}/read", ID: "readNotification",
		Tags:        []string{"notifications"},
		Summary:     "Mark read",
		Description: "Only one's own notification; reading again keeps the first time.",
		Params: []apiParam{
			pathParam("id", "The notification's ID."),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.Notification](200, "The notification."),
			problem(401, "Unauthorized", ""),
			problem(404, "NotFound", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/notification-deliveries", ID: "listNotificationDeliveries",
		Tags:        []string{"deliveries"},
		Summary:     "Dead-lettered or waiting notifications",
		Description: "Admin only. `state=failed` (the default): notifications a channel dead-lettered, refused for good by the mail server (5xx to RCPT TO) or out of attempts; `state=pending`: those still waiting on a channel, with their attempts, next attempt and last error. Newest first, with the counts of both (also what /metrics reports).",
		Params: []apiParam{
			{Name: "state", In: "query", Schema: raw{"type": "string", "enum": []any{"failed", "pending"}, "default": "failed"}},
			sharedParam("Limit"),
			sharedParam("Cursor"),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.DeliveryPage](200, "A page of deliveries."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs `admin`."),
			problem(422, "UnprocessableEntity", "`/problems/validation`: `state` is neither `failed` nor `pending`."),
		},
	},
	{
		Method: "POST", Path: "/api/v1/notification-deliveries/retry", ID: "retryDeadLetters",
		Tags:        []string{"deliveries"},
		Summary:     "Retry every dead letter",
		Description: "Admin only. Puts every dead-lettered channel back to pending with fresh attempts, due now; the next delivery round sends them. Audited once; an `Idempotency-Key` makes a repeat retry nothing more (it answers 0).",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
			sharedParam("IdempotencyKey"),
		},
		Responses: []apiResponse{
			reply[wire.RetriedCount](200, "How many notifications were put back in line."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs `admin`."),
		},
	},
	{
		Method: "POST", Path: "/api/v1/notification-deliveries/{id}/retry", ID: "retryNotificationDelivery",
		Tags:        []string{"deliveries"},
		Summary:     "Retry one notification",
		Description: "Admin only. Its dead-lettered channels go back to pending, or, if it only waits, it becomes due now; attempts start again. Audited; an `Idempotency-Key` makes a repeat one retry.",
		Params: []apiParam{
			pathParam("id", "The notification's ID (a step key: send its slashes as %2F)."),
			sharedParam("AcceptLanguage"),
			sharedParam("IdempotencyKey"),
		},
		Responses: []apiResponse{
			reply[wire.Delivery](200, "The notification's delivery now."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs `admin`."),
			problem(404, "NotFound", ""),
			problem(409, "Conflict", "`/problems/conflict`: every channel is settled (sent or not applicable), or a sender is delivering it this moment."),
		},
	},
	{
		Method: "GET", Path: "/api/v1/me/sessions", ID: "listMySessions",
		Tags:        []string{"session"},
		Summary:     "My sessions",
		Description: "The signed-in user's live sessions (not ended, not expired), the most recently used first. No token is ever shown.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ItemList[wire.SessionView]](200, "The sessions."),
			problem(401, "Unauthorized", ""),
		},
	},
	{
		Method: "DELETE", Path: "/api/v1/me/sessions/{id}", ID: "endMySession",
		Tags:        []string{"session"},
		Summary:     "End one of my sessions",
		Description: "Ends the session at once (its token stops working), e.g. a lost phone's. Only one's own: another user's session id is a 404 as if it did not exist.",
		Params: []apiParam{
			pathParam("id", "The session's id (from `GET /api/v1/me/sessions`)."),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			{Status: 204, Description: "Ended."},
			problem(401, "Unauthorized", ""),
			problem(404, "NotFound", ""),
		},
	},
	{
		Method: "PUT", Path: "/api/v1/me/password", ID: "changeMyPassword",
		Tags:        []string{"session"},
		Summary:     "Change my password",
		Description: "Checks the current password (held to the sign-in throttle, so a borrowed session cannot guess it), sets the new one, ends every session the user had — this one too — and answers a new session for this client (token and cookie), as a sign-in does. An admin's `PATCH /api/v1/users/{id}` with a `password`, or one that changes `active`, likewise ends every session of that user.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[wire.ChangePasswordRequest](),
		Responses: []apiResponse{
			reply[wire.SessionAnswer](200, "Changed; the new session."),
			problem(400, "BadRequest", ""),
			problem(401, "Unauthorized", ""),
			problem(422, "UnprocessableEntity", "`current_password` is wrong, or `new_password` too short."),
			problem(429, "TooManyRequests", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/login-throttles", ID: "listLoginThrottles",
		Tags:        []string{"users"},
		Summary:     "Sign-in throttle counts",
		Description: "Admin. Every username and address with failed sign-ins counted, the latest first (at most 500), and whether it is blocked or locked now.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ItemList[wire.LoginThrottleView]](200, "The counts."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", ""),
		},
	},
	{
		Method: "DELETE", Path: "/api/v1/login-throttles/{scope}/{key}", ID: "clearLoginThrottle",
		Tags:        []string{"users"},
		Summary:     "Clear a sign-in lock",
		Description: "Admin. Forgets the count, so the next attempt is let through at once.",
		Params: []apiParam{
			{Name: "scope", In: "path", Required: true, Schema: raw{"type": "string", "enum": []any{"account", "source"}}},
			pathParam("key", "The username or address, percent-encoded (an IPv6 /64's slash as `%2F`)."),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			{Status: 204, Description: "Cleared."},
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", ""),
			problem(404, "NotFound", ""),
		},
	},
	{
		Method: "POST", Path: "/api/v1/delegations/{id}/revoke", ID: "revokeDelegation",
		Tags:        []string{"delegations"},
		Summary:     "Revoke a delegation",
		Description: "The delegator or an admin ends a delegation at once (the database's time), audited as `delegation.revoked`. The delegate cannot revoke what they were given (403); anyone else gets 404.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
			pathParam("id", ""),
			sharedParam("IdempotencyKey"),
		},
		Responses: []apiResponse{
			reply[wire.Delegation](200, "Revoked."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", ""),
			problem(404, "NotFound", ""),
			problem(409, "Conflict", ""),
		},
	},
}
