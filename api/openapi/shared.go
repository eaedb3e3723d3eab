package openapi

// Converted once by a throw-away script from the hand-kept api/openapi.json
// they replace; these are the source now: edit them by hand.

// openAPIInfo is the document's info object.
var openAPIInfo = raw{
	"title":       "Salesflow API",
	"version":     "0.1.0",
	"summary":     "Customers, proposals, contracts and the approver's inbox of Salesflow.",
	"description": "The JSON API of Salesflow as built today. API.md (the public contract) describes the whole API; routes of API.md not listed here are not built yet.\n\n- JSON in and out, UTF-8. IDs are strings. Money is integer fen (`*_fen`), never floats. Timestamps are RFC 3339 with zone and set by the server; dates a person states are `YYYY-MM-DD`.\n- Request bodies are decoded strictly, at most 1 MiB (a CSV import 5 MiB; larger → 413 `/problems/too-large`): exactly one JSON object of the documented shape. Invalid JSON or UTF-8, data after the object, a name given twice, a name not in the schema (names are case-sensitive) or a value of the wrong type (e.g. `1.5` or `2^63` for an integer) is a 400 `/problems/malformed-request` whose `errors[]` names the field (`items[0].quantity`) and what it must be. A field listed as required is one without which the request cannot succeed.\n- Text is refused with 422 `/problems/validation` naming the field when it holds NUL, another control character (a multi-line field allows tab, CR and LF), a bidi override or isolate (U+202A–U+202E, U+2066–U+2069), or is longer than the field allows; the same holds for path and query parameters. Dates a person states lie from 2000-01-01 to ten years ahead (what already happened: to today); passwords are at most 256 bytes. See docs/security.md.\n- Every error is `application/problem+json` (RFC 9457) with the `Problem` schema; its text follows `Accept-Language` (`zh-CN` default, `en`). Any route may also answer 500 `/problems/internal`. An unknown path is a 404 `/problems/not-found`; a known path with a method it does not have is a 405 `/problems/method-not-allowed`.\n- Sign in with `POST /api/v1/session`; then send `Authorization: Bearer <token>` (the scheme in any letter case) or the `salesflow_session` cookie. A write (POST, PUT, PATCH, DELETE) sent without an `Authorization` header — signed in by the cookie, and the sign-in itself — must come from this site (a foreign `Origin` or `Sec-Fetch-Site: cross-site`/`same-site` is a 403 `/problems/cross-origin`) and be declared `application/json` (the customer import also `text/csv`), else 415 `/problems/unsupported-media-type`: that is what keeps another site from using a browser's cookie (CSRF). Bearer-token clients are not held to it.\n- Sign-in attempts are throttled per username and per client address (`/problems/too-many-attempts`, 429 with `Retry-After`); see `POST /api/v1/session`.\n- Every answer carries `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`.\n- Lists answer `{\"items\": [...], \"next_cursor\": ...}` and page with `?limit=&cursor=`.\n- Writes that decide something take an `Idempotency-Key` header.\n\nThe web pages (`/`, `/login`, `/inbox`, `/proposals/...`, `/visits/...`, `/reports/activity`, `/static/...`) are HTML and not part of this document.",
}

// openAPIServers are the document's servers.
var openAPIServers = []raw{raw{"url": "http://127.0.0.1:8080", "description": "Default local address (SALESFLOW_HTTP_ADDR)."}}

// openAPISecurity is the default of every operation: a session.
var openAPISecurity = []raw{raw{"bearerAuth": []any{}}, raw{"sessionCookie": []any{}}}

// openAPITags are the document's tags, in order.
var openAPITags = []raw{raw{"name": "session", "description": "Signing in and out."}, raw{"name": "users", "description": "User administration."}, raw{"name": "products", "description": "The rate card of ad placements and services."}, raw{
	"name":        "customers",
	"description": "The customer registry: records and duplicates, ownership and assignment, the contact log and CSV import (R1, R2, R4.1).",
}, raw{"name": "calendar", "description": "Admin overrides of the working-day calendar (R1.3, R3.8)."}, raw{"name": "proposals", "description": "The proposal loop F1."}, raw{
	"name":        "contracts",
	"description": "The contract loop F2: approvals, signatures and the document (R5).",
}, raw{"name": "tasks", "description": "The approver's inbox."}, raw{"name": "notifications", "description": "Messages for the signed-in user (R2.5 reminders)."}, raw{
	"name":        "delegations",
	"description": "Authorising someone to approve and sign in one's name (R5.5).",
}, raw{"name": "audit", "description": "The hash-chained audit trail."}, raw{"name": "health", "description": "Liveness and readiness."}, raw{"name": "meta", "description": "This document."}, raw{
	"name":        "visits",
	"description": "Visit plans, the visit slip, late returns and reports (R3.5–R3.8, R4.2).",
}, raw{
	"name":        "notifications",
	"description": "In-app notifications of tasks, reminders and escalations.",
}, raw{
	"name":        "reports",
	"description": "Activity against the targets and the pipeline (R1.2, R3.7, R4.1).",
}, raw{
	"name":        "guidance",
	"description": "The sales manager's daily guidance notes for each salesperson (R4.3).",
}, raw{
	"name":        "deliveries",
	"description": "Delivery of notifications to mail and the webhook: dead letters, what waits, retries (admin).",
}, raw{
	"name":        "inventory",
	"description": "Media resources (billboards, light boxes, screen loops), their dated prices and availability (issue 13).",
}}

// openAPISecuritySchemes are components.securitySchemes.
var openAPISecuritySchemes = raw{
	"bearerAuth": raw{
		"type":        "http",
		"scheme":      "bearer",
		"description": "The `token` from `POST /api/v1/session`, as `Authorization: Bearer <token>`.",
	},
	"sessionCookie": raw{
		"type":        "apiKey",
		"in":          "cookie",
		"name":        "salesflow_session",
		"description": "The same token in the HttpOnly, SameSite=Lax cookie that `POST /api/v1/session` sets. The bearer header wins when both are sent.",
	},
}

// openAPIParameters are components.parameters, shared by the operations.
var openAPIParameters = raw{
	"AcceptLanguage": raw{
		"name":        "Accept-Language",
		"in":          "header",
		"required":    false,
		"description": "Language of problem `title`, `detail` and `errors[].message`: `zh-CN` (the default) or `en`. A `salesflow_lang` cookie (`zh-CN` or `en`, set by the web pages) takes precedence over this header.",
		"schema":      raw{"type": "string", "default": "zh-CN", "examples": []any{"en", "zh-CN"}},
	},
	"IdempotencyKey": raw{
		"name":        "Idempotency-Key",
		"in":          "header",
		"required":    false,
		"description": "Client-chosen key, printable ASCII, at most 200 characters (otherwise 422). The same key from the same user for the same action is one action: a repeat with the same body returns the first result instead of acting twice; the same key, method and path with another body is a 422 `/problems/idempotency-key-reused` (the key was used for a different request). A request refused with a 4xx releases its key. Without it every call is a new action.",
		"schema":      raw{"type": "string", "maxLength": 200},
	},
	"Limit": raw{
		"name":        "limit",
		"in":          "query",
		"required":    false,
		"description": "Page size. Absent, non-numeric or ≤ 0 means 50; above 200 means 200.",
		"schema":      raw{"type": "integer", "default": 50, "minimum": 1, "maximum": 200},
	},
	"Cursor": raw{
		"name":        "cursor",
		"in":          "query",
		"required":    false,
		"description": "The `next_cursor` of the previous page; absent for the first page.",
		"schema":      raw{"type": "string"},
	},
}

// openAPIResponses are components.responses: the problems operations share.
var openAPIResponses = raw{
	"BadRequest":          problemResponse("`/problems/malformed-request`: the body is not one JSON object of the documented shape (invalid JSON or UTF-8, trailing data, a duplicate or unknown name, a field of the wrong type); `errors[]` names the field and what it must be."),
	"Unauthorized":        problemResponse("`/problems/unauthenticated`: no valid session (no token, or an expired or revoked one)."),
	"Forbidden":           problemResponse("`/problems/forbidden`: the caller's roles or relation to the object do not allow this."),
	"NotFound":            problemResponse("`/problems/not-found`: it does not exist or is not visible to the caller."),
	"Conflict":            problemResponse("`/problems/conflict`: not possible in the current state."),
	"UnprocessableEntity": problemResponse("`/problems/validation`: invalid input; `errors` lists each invalid field."),
	"ServiceUnavailable":  problemResponse("`/problems/unavailable`: Temporal is unavailable; try again shortly."),
	"DuplicateCustomer": raw{
		"description": "`/problems/duplicate-customer`: the same customer (same normalised company name, or same normalised phone) is recorded already; the first record wins (R2.2).",
		"content": raw{
			"application/problem+json": raw{"schema": raw{"$ref": "#/components/schemas/DuplicateCustomerProblem"}},
		},
	},
	"TooManyRequests": raw{
		"description": "`/problems/too-many-attempts`: too many failed sign-ins for this username or from this address; wait `Retry-After` seconds. The same answer whether or not the username exists, and the password is not checked meanwhile.",
		"content":     raw{"application/problem+json": raw{"schema": raw{"$ref": "#/components/schemas/Problem"}}},
		"headers": raw{
			"Retry-After": raw{
				"description": "Whole seconds until the next attempt may be made.",
				"schema":      raw{"type": "integer", "minimum": 1},
			},
		},
	},
	"UnsupportedMediaType": problemResponse("`/problems/unsupported-media-type`: a write signed in by the cookie, or a sign-in, whose body is not declared `application/json` (the customer import: or `text/csv`)."),
	"CrossOrigin":          problemResponse("`/problems/cross-origin`: a write without an `Authorization` header from another site (by `Origin` or `Sec-Fetch-Site`)."),
	"PayloadTooLarge":      problemResponse("`/problems/too-large`: the body is over 1 MiB (a CSV import: 5 MiB)."),
}

// problemResponse is a shared response whose body is a Problem.
func problemResponse(description string) raw {
	return raw{"description": description,
		"content": raw{"application/problem+json": raw{"schema": raw{"$ref": "#/components/schemas/Problem"}}}}
}
