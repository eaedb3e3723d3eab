package openapi

// Converted once by a throw-away script from the hand-kept api/openapi.json
// it replaces; this table is the source now: edit it by hand.

// openAPISchemaDocs is what the document says of each component schema
// beyond its Go type: its description, for a request the fields without
// which it cannot succeed (the decoder takes any field as optional), and,
// by JSON name, each property's description, format, bounds and enum. Laid over the reflected schema
// (applySchemaDoc); a property named here that its Go type lacks fails
// TestOpenAPISchemaDocsNameRealProperties.
var openAPISchemaDocs = map[string]schemaDoc{
	"Problem": {
		Description: "RFC 9457 problem detail, the body of every error answer (media type `application/problem+json`). `title`, `detail` and `errors[].message` are in the request's language.",
		Props: map[string]raw{
			"type": raw{
				"description": "Stable relative URI naming the kind of problem. In use today: `/problems/malformed-request` (400), `/problems/unauthenticated` (401), `/problems/bad-credentials` (401), `/problems/forbidden` (403), `/problems/self-review` (403), `/problems/not-customer-owner` (403), `/problems/not-found` (404), `/problems/method-not-allowed` (405), `/problems/conflict` (409), `/problems/task-decided` (409), `/problems/process-ended` (409), `/problems/duplicate-username` (409), `/problems/duplicate-product` (409), `/problems/duplicate-customer` (409), `/problems/validation` (422), `/problems/no-service-terms` (422), `/problems/not-team-member` (422), `/problems/malformed-csv` (422), `/problems/internal` (500), `/problems/unavailable` (503).",
				"format":      "uri-reference",
				"examples":    []any{"/problems/validation"},
			},
			"title":  raw{"description": "Short summary of the problem type."},
			"status": raw{"description": "The HTTP status code.", "minimum": 400, "maximum": 599},
			"detail": raw{
				"description": "Explanation of this occurrence; absent when there is nothing to add (e.g. `/problems/unavailable`).",
			},
			"errors": raw{
				"description": "For `/problems/validation`: one entry per invalid field. Absent otherwise, and also absent when a 422 is raised by the workflow, for an over-long `Idempotency-Key`, or for an assignment plan with no candidate.",
			},
		},
	},
	"FieldError": {
		Props: map[string]raw{
			"field": raw{
				"description": "JSON name of the field; list members are indexed, e.g. `items[2].quantity` or `roles[0]`.",
				"examples":    []any{"items[0].quantity"},
			},
		},
	},
	"LoginRequest": {
		Required: []string{"username", "password"},
		Props: map[string]raw{
			"password": raw{"format": "password"},
		},
	},
	"Session": {
		Props: map[string]raw{
			"token": raw{
				"description": "Opaque session token for `Authorization: Bearer`; the same value is set in the `salesflow_session` cookie.",
			},
		},
	},
	"User": {
		Props: map[string]raw{
			"username":   raw{"pattern": "^[a-z0-9_.-]{2,64}$"},
			"roles":      raw{"items": raw{"$ref": "#/components/schemas/Role"}},
			"manager_id": raw{"description": "The user's sales manager; null when none."},
			"discount_authority_pct": raw{
				"description": "Largest discount off list price, in percent, that this salesperson may grant on their own (R5.3).",
				"minimum":     0,
				"maximum":     100,
			},
			"active":     raw{"description": "An inactive user cannot sign in."},
			"created_at": raw{"description": "Set by the server.", "format": "date-time"},
		},
	},
	"CreateUserRequest": {
		Required: []string{"username", "name", "password", "roles"},
		Props: map[string]raw{
			"username":               raw{"description": "Surrounding whitespace is trimmed.", "pattern": "^[a-z0-9_.-]{2,64}$"},
			"name":                   raw{"description": "Trimmed; 1 to 200 characters.", "maxLength": 200, "minLength": 1},
			"password":               raw{"format": "password", "minLength": 8},
			"roles":                  raw{"minItems": 1, "items": raw{"$ref": "#/components/schemas/Role"}},
			"manager_id":             raw{"description": "An existing user's ID; empty or absent for none."},
			"discount_authority_pct": raw{"minimum": 0, "maximum": 100, "default": 0},
		},
	},
	"PatchUserRequest": {
		Description: "Every field is optional; an absent or null field is left unchanged.",
		Props: map[string]raw{
			"name": raw{"description": "Trimmed; 1 to 200 characters.", "maxLength": 200, "minLength": 1},
			"roles": raw{
				"description": "Replaces the whole list.",
				"minItems":    1,
				"items":       raw{"$ref": "#/components/schemas/Role"},
			},
			"manager_id": raw{
				"description": "An existing user's ID other than the user's own; the empty string removes the manager.",
			},
			"discount_authority_pct": raw{"minimum": 0, "maximum": 100},
			"password":               raw{"format": "password", "minLength": 8},
			"email":                  raw{"description": "Where notifications are mailed; empty clears it."},
		},
	},
	"UserPage": {
		Description: "All users by username in one page: `limit` and `cursor` are not read and `next_cursor` is always null.",
		Props: map[string]raw{
			"next_cursor": raw{"description": "Always null: the list is not paged."},
		},
	},
	"Product": {
		Description: "A line of the rate card: an ad placement or service.",
		Props: map[string]raw{
			"list_price_fen": raw{"description": "List price per unit in fen.", "format": "int64", "minimum": 0},
			"created_at":     raw{"description": "Set by the server.", "format": "date-time"},
			"active": raw{
				"description": "Offered for new proposal lines; a withdrawn line still prices the contracts that carry it.",
			},
			"updated_at": raw{"description": "When it was last changed; set by the server.", "format": "date-time"},
		},
	},
	"CreateProductRequest": {
		Required: []string{"code", "name", "unit"},
		Props: map[string]raw{
			"code": raw{"description": "Unique. Trimmed; 1 to 64 bytes.", "maxLength": 64, "minLength": 1},
			"name": raw{"description": "Trimmed; 1 to 200 characters.", "maxLength": 200, "minLength": 1},
			"unit": raw{"description": "Trimmed; 1 to 32 characters.", "maxLength": 32, "minLength": 1},
			"list_price_fen": raw{
				"description": "List price per unit in fen; taken as 0 when absent.",
				"format":      "int64",
				"minimum":     0,
			},
		},
	},
	"ProductPage": {
		Description: "The whole rate card by code in one page: `limit` and `cursor` are not read and `next_cursor` is always null.",
		Props: map[string]raw{
			"next_cursor": raw{"description": "Always null: the list is not paged."},
		},
	},
	"CustomerSummary": {
		Description: "A customer record (R1.1, R1.5) with its owner (R2) and class (R4.1), as lists show it.",
		Props: map[string]raw{
			"name":    raw{"description": "The company name as entered (trimmed)."},
			"channel": raw{"$ref": "#/components/schemas/Channel"},
			"owner_id": raw{
				"description": "The owning salesperson; null while in the unassigned pool (`marketing_event` records until a sales manager assigns them, R2.4).",
			},
			"owner_name":   raw{"description": "The owner's name; null in the pool."},
			"class":        raw{"$ref": "#/components/schemas/CustomerClass"},
			"collected_on": raw{"description": "The date the record was collected, as stated.", "format": "date"},
			"entered_at":   raw{"description": "When the record was entered; set by the server (R5.4).", "format": "date-time"},
			"entered_late": raw{
				"description": "True when `entered_at`'s date (Asia/Shanghai) is more than 2 working days after `collected_on` (R1.3), on the statutory calendar with the admins' overrides as they are when read.",
			},
			"phone":    raw{"description": "`\"\"` when not given."},
			"address":  raw{"description": "`\"\"` when not given."},
			"industry": raw{"description": "`\"\"` when not given."},
			"needs":    raw{"description": "The customer's needs; `\"\"` when not given."},
			"notes":    raw{"description": "`\"\"` when not given."},
			"owned_since": raw{
				"description": "When the current owner took the customer; null in the pool.",
				"format":      "date-time",
			},
			"contact_due_at": raw{
				"description": "First-contact deadline of the current ownership (R2.5): `owned_since` plus the contact deadline (one week by default), moved by a manager's extension; null in the pool.",
				"format":      "date-time",
			},
			"contacted_at": raw{
				"description": "Server time of the first interaction logged (by anyone) since `owned_since`; null until then. Once set, the one-week rule is met.",
				"format":      "date-time",
			},
			"updated_at": raw{"description": "Set by the server.", "format": "date-time"},
			"difficult": raw{
				"description": "Flagged by the owner as large or difficult (R3.4); cleared when the manager rejects the escalation.",
			},
			"difficulty_reason": raw{"description": "The owner's reason; `\"\"` if never flagged."},
			"difficulty_by":     raw{"description": "Who flagged it."},
			"difficulty_at":     raw{"description": "When it was flagged; set by the server.", "format": "date-time"},
			"hard_plan":         raw{"description": "The joint approach plan the manager answered with (R3.4); `\"\"` until then."},
			"hard_plan_by":      raw{"description": "The manager who wrote the plan."},
			"hard_plan_at":      raw{"description": "When; set by the server.", "format": "date-time"},
		},
	},
	"Customer": {
		Description: "The whole customer information file (R1.5): the record, its contacts, its contact log and its owners over time.",
		Props: map[string]raw{
			"contacts":      raw{"description": "In the order entered."},
			"interactions":  raw{"description": "The contact log, oldest first."},
			"ownership":     raw{"description": "Every owner, oldest first; empty while the customer has never had one."},
			"class_history": raw{"description": "Every class change, oldest first (R4.1)."},
			"warnings": raw{
				"description": "Only in the `201` of `POST /api/v1/customers`, where it is always present: up to 5 near-duplicates, most similar first; `[]` when none (R2.2).",
			},
		},
	},
	"CreateCustomerRequest": {
		Required: []string{"name", "channel", "collected_on"},
		Props: map[string]raw{
			"name": raw{
				"description": "Trimmed; 1 to 200 characters, and more than a legal form: without 有限公司, Co., Ltd. and the like it must not be empty.",
				"maxLength":   200,
				"minLength":   1,
			},
			"channel":      raw{"$ref": "#/components/schemas/Channel"},
			"collected_on": raw{"description": "YYYY-MM-DD, not after today (Asia/Shanghai).", "format": "date"},
			"phone": raw{
				"description": "Trimmed; at most 64 characters and, when not blank, at least 5 digits.",
				"maxLength":   64,
				"default":     "",
			},
			"address":  raw{"description": "Trimmed; at most 500 characters.", "maxLength": 500, "default": ""},
			"industry": raw{"description": "Trimmed; at most 100 characters.", "maxLength": 100, "default": ""},
			"contacts": raw{"description": "People at the customer; at most 50.", "maxItems": 50},
			"needs":    raw{"description": "At most 4000 characters.", "maxLength": 4000, "default": ""},
			"notes":    raw{"description": "At most 4000 characters.", "maxLength": 4000, "default": ""},
		},
	},
	"CustomerPage": {
		Description: "Customers by ID, keyset-paged.",
		Props: map[string]raw{
			"next_cursor": raw{"description": "Pass as `cursor` to read the next page; null on the last page."},
		},
	},
	"Contact": {
		Description: "A person at the customer (R1.5, R3.3). Fields not given are `\"\"`.",
		Props: map[string]raw{
			"title": raw{"description": "Job title."},
		},
	},
	"ContactInput": {
		Required: []string{"name"},
		Props: map[string]raw{
			"name":              raw{"description": "Trimmed; 1 to 100 characters.", "maxLength": 100, "minLength": 1},
			"title":             raw{"description": "Job title; trimmed; at most 100 characters.", "maxLength": 100, "default": ""},
			"is_decision_maker": raw{"default": false},
			"phone": raw{
				"description": "Trimmed; at most 64 characters and, when not blank, at least 5 digits.",
				"maxLength":   64,
				"default":     "",
			},
			"email": raw{
				"description": "Trimmed; at most 200 characters and, when given, containing `@`.",
				"maxLength":   200,
				"default":     "",
			},
		},
	},
	"Interaction": {
		Description: "One entry of the contact log (R1.5, R3.1, R3.8).",
		Props: map[string]raw{
			"kind":        raw{"$ref": "#/components/schemas/InteractionKind"},
			"occurred_on": raw{"description": "The day it happened, as stated.", "format": "date"},
			"actor_id":    raw{"description": "Who logged it."},
			"created_at":  raw{"description": "When it was logged; set by the server (R5.4).", "format": "date-time"},
		},
	},
	"InteractionRequest": {
		Required: []string{"kind", "summary"},
		Props: map[string]raw{
			"kind": raw{"$ref": "#/components/schemas/InteractionKind"},
			"summary": raw{
				"description": "What was said or done; not blank, at most 4000 characters; trimmed.",
				"maxLength":   4000,
				"minLength":   1,
			},
			"occurred_on": raw{
				"description": "YYYY-MM-DD, not after today (Asia/Shanghai); absent or empty means today.",
				"format":      "date",
			},
		},
	},
	"OwnershipEvent": {
		Description: "One change of owner (R1.5, R2.3).",
		Props: map[string]raw{
			"generation":        raw{"description": "1 for the first owner, +1 for each change.", "minimum": 1},
			"owner_id":          raw{"description": "The new owner."},
			"owner_name":        raw{"description": "The new owner's name."},
			"previous_owner_id": raw{"description": "Null for the first owner and for a customer taken from the pool."},
			"kind":              raw{"$ref": "#/components/schemas/OwnershipKind"},
			"reason": raw{
				"description": "The manager's reason (`assigned`), `balanced assignment (R2.4)` (`planned`), the decision's comment (`reassigned_overdue`); `\"\"` for `collected`.",
			},
			"actor_id":   raw{"description": "Who made the change."},
			"created_at": raw{"description": "Set by the server.", "format": "date-time"},
		},
	},
	"SimilarCustomer": {
		Description: "A near-duplicate (R2.2): an existing record whose normalised name has a trigram similarity of at least 0.5 to the new one's. Only its ID and owner are told.",
		Props: map[string]raw{
			"owner_name": raw{"description": "`\"\"` when it is in the unassigned pool."},
			"similarity": raw{"description": "Rounded to 2 decimals.", "minimum": 0.5, "maximum": 1},
		},
	},
	"PatchCustomerRequest": {
		Description: "Every field is optional; an absent or null field is left unchanged. Owner, channel and `collected_on` cannot be changed here (an unknown field is a 400).",
		Props: map[string]raw{
			"name": raw{
				"description": "Trimmed; as for a new record. A name another record already has is a 409.",
				"maxLength":   200,
				"minLength":   1,
			},
			"phone": raw{
				"description": "Trimmed; `\"\"` removes it; when not blank, at least 5 digits. A phone another record already has is a 409.",
				"maxLength":   64,
			},
			"address":  raw{"maxLength": 500},
			"industry": raw{"maxLength": 100},
			"needs":    raw{"maxLength": 4000},
			"notes":    raw{"maxLength": 4000},
			"class": raw{
				"description": "The follow-up class (R4.1). A change is recorded in `class_history` with the caller and the server's time; the class it already has is no change.",
				"$ref":        "#/components/schemas/CustomerClass",
			},
			"class_reason": raw{
				"description": "Why the class changes; optional, trimmed, kept in `class_history`. Only together with `class` (else 422).",
				"maxLength":   1000,
			},
			"contacts": raw{"description": "Replaces the whole list; `[]` removes every contact.", "maxItems": 50},
		},
	},
	"AssignmentRequest": {
		Required: []string{"owner_id", "reason"},
		Props: map[string]raw{
			"owner_id": raw{
				"description": "The new owner: an active salesperson whose manager is the caller.",
				"minLength":   1,
			},
			"reason": raw{
				"description": "Why; not blank, at most 1000 characters; trimmed. Recorded in the ownership history.",
				"maxLength":   1000,
				"minLength":   1,
			},
		},
	},
	"AssignmentPlanRequest": {
		Required: []string{"customer_ids"},
		Props: map[string]raw{
			"customer_ids": raw{
				"description": "1 to 500 customers the caller may see (their team's, their own, the pool); a repeated ID counts once.",
				"minItems":    1,
				"maxItems":    500,
			},
			"weights": raw{
				"description": "Salesperson ID → relative ability (2 takes twice the share of 1); 0 leaves someone out (absent, on leave). Unlisted candidates weigh 1. A key that is not one of the caller's active salespeople is a 422 on `weights.<id>`.",
			},
			"apply": raw{
				"description": "Also assign: each customer not already with its planned owner is given to them.",
				"default":     false,
			},
		},
	},
	"AssignmentCandidate": {
		Description: "A salesperson the plan could use.",
		Props: map[string]raw{
			"id":     raw{"description": "The salesperson's user ID."},
			"load":   raw{"description": "Customers they held before this plan that are not `signed`.", "minimum": 0},
			"weight": raw{"description": "The weight used.", "minimum": 0, "maximum": 100},
		},
	},
	"AssignmentPlanItem": {
		Props: map[string]raw{
			"owner_id": raw{"description": "The planned owner."},
			"applied":  raw{"description": "True when this call gave the customer to `owner_id`."},
		},
	},
	"AssignmentPlan": {
		Description: "A balanced assignment (R2.4): each customer, in ID order, goes to the candidate whose (load + 1) / weight is then lowest; ties go to the lower load, then the lower ID.",
		Props: map[string]raw{
			"items":      raw{"description": "One per customer, in the order of `customer_ids`."},
			"candidates": raw{"description": "The caller's active salespeople with their loads and weights."},
			"applied":    raw{"description": "The request's `apply`."},
		},
	},
	"ImportRow": {
		Description: "The outcome of one data row. Optional fields are absent, not null, when unset.",
		Props: map[string]raw{
			"row":                  raw{"description": "Line of the file the row starts on; the header is line 1.", "minimum": 2},
			"id":                   raw{"description": "`created`: the new customer's ID."},
			"existing_customer_id": raw{"description": "`duplicate`: the first record of the same customer (R2.2)."},
			"owner_name":           raw{"description": "`duplicate`: its owner's name; absent when it is in the unassigned pool."},
			"errors":               raw{"description": "`invalid`: each invalid field, named as in `CreateCustomerRequest`."},
			"warnings":             raw{"description": "`created`: near-duplicates; absent when none."},
		},
	},
	"ImportResult": {
		Description: "Every data row, filed under exactly one of `created`, `duplicate`, `invalid` or `failed`, each in file order.",
		Props: map[string]raw{
			"failed": raw{
				"description": "Rows not recorded because of a fault on our side; the same file with the same Idempotency-Key records them.",
			},
		},
	},
	"CalendarOverride": {
		Description: "An admin's correction of one day of the working-day calendar (R1.3, R3.8).",
		Props: map[string]raw{
			"day":        raw{"format": "date"},
			"note":       raw{"description": "`\"\"` when none."},
			"created_by": raw{"description": "The admin who set it last."},
			"created_at": raw{"description": "When it was set last; set by the server.", "format": "date-time"},
		},
	},
	"CalendarOverrideRequest": {
		Required: []string{"working"},
		Props: map[string]raw{
			"working": raw{"description": "Whether the day is a working day; null is a 422."},
			"note":    raw{"description": "Trimmed; at most 200 characters.", "maxLength": 200, "default": ""},
		},
	},
	"CalendarDay": {
		Description: "What one day is on the working-day calendar.",
		Props: map[string]raw{
			"day":     raw{"format": "date"},
			"working": raw{"description": "In force: the override's answer if there is one, else the statutory one."},
			"statutory_working": raw{
				"description": "The PRC statutory calendar: public holidays off, make-up working days (调休) on, Monday–Friday otherwise.",
			},
			"override": raw{"description": "The admin's override; null when none."},
		},
	},
	"Notification": {
		Props: map[string]raw{
			"created_at": raw{"format": "date-time"},
			"read_at":    raw{"format": "date-time"},
			"emailed_at": raw{"format": "date-time"},
		},
	},
	"ProposalItemInput": {
		Required: []string{"unit_price_fen"},
		Props: map[string]raw{
			"product_id": raw{
				"description": "A product on the rate card; for a resource line optional (the resource's product).",
				"minLength":   1,
			},
			"quantity": raw{
				"description": "For a resource line the number of sellable units in its dates; 0 has it counted, another number is refused.",
				"format":      "int64",
				"minimum":     0,
				"maximum":     1000000,
			},
			"unit_price_fen": raw{
				"description": "Agreed unit price in fen.",
				"format":      "int64",
				"minimum":     0,
				"maximum":     100000000000,
			},
			"resource_id": raw{
				"description": "Books this media resource for starts_on..ends_on (all three or none; issue 13).",
			},
			"starts_on": raw{"description": "First day booked (inclusive).", "format": "date"},
			"ends_on": raw{
				"description": "Last day booked (inclusive); whole sellable units from starts_on.",
				"format":      "date",
			},
		},
	},
	"ProposalContent": {
		Description: "The content of one proposal version.",
		Required:    []string{"title", "items"},
		Props: map[string]raw{
			"title": raw{"description": "Trimmed; 1 to 200 characters.", "maxLength": 200, "minLength": 1},
			"body":  raw{"maxLength": 20000, "default": ""},
			"items": raw{"minItems": 1, "maxItems": 200},
		},
	},
	"CreateProposalRequest": {
		Required: []string{"customer_id", "title", "items"},
		Props: map[string]raw{
			"customer_id": raw{
				"description": "A customer the caller owns; an unknown ID is a 422 on `customer_id`, another salesperson's customer a 403.",
			},
			"title": raw{"description": "Trimmed; 1 to 200 characters.", "maxLength": 200, "minLength": 1},
			"body":  raw{"maxLength": 20000, "default": ""},
			"items": raw{"minItems": 1, "maxItems": 200},
		},
	},
	"ProposalItem": {
		Description: "A priced line of the current version.",
		Props: map[string]raw{
			"line_no":        raw{"minimum": 1},
			"quantity":       raw{"format": "int64", "minimum": 1},
			"unit_price_fen": raw{"description": "Agreed unit price in fen.", "format": "int64", "minimum": 0},
			"list_price_fen": raw{
				"description": "The rate card's list price when this version was saved.",
				"format":      "int64",
				"minimum":     0,
			},
			"resource_id": raw{"description": "Present on a resource line."},
			"starts_on":   raw{"format": "date"},
			"ends_on":     raw{"format": "date"},
			"list_total_fen": raw{
				"description": "A resource line's list price: the dated rate-card price of each unit's first day, summed; R5.3 judges against it (list_price_fen is then its average per unit, rounded down).",
				"format":      "int64",
				"minimum":     0,
			},
		},
	},
	"ProposalVersion": {
		Description: "One kept revision. Its lines are not included; `items` of the proposal are those of the current version.",
		Props: map[string]raw{
			"version":    raw{"minimum": 1},
			"total_fen":  raw{"description": "Sum of quantity × unit price.", "format": "int64", "minimum": 0},
			"created_at": raw{"description": "Set by the server.", "format": "date-time"},
		},
	},
	"Proposal": {
		Description: "A proposal (F1) with its current items, every version and its audit history.",
		Props: map[string]raw{
			"owner_id":    raw{"description": "The author: the customer's owner."},
			"status":      raw{"$ref": "#/components/schemas/ProposalStatus"},
			"version":     raw{"description": "The current version; each revision bumps it.", "minimum": 1},
			"workflow_id": raw{"description": "The Temporal workflow driving this proposal."},
			"contract_id": raw{
				"description": "The contract drafted from the proposal (F2) once the customer accepted it; null before. The answer to an accepting `customer-response` waits for the draft, so it normally carries it.",
			},
			"title": raw{"description": "Title of the current version."},
			"body":  raw{"description": "Body of the current version."},
			"total_fen": raw{
				"description": "Total of the current version: sum of quantity × unit price.",
				"format":      "int64",
				"minimum":     0,
			},
			"created_at":   raw{"description": "Set by the server.", "format": "date-time"},
			"updated_at":   raw{"description": "Set by the server.", "format": "date-time"},
			"open_task_id": raw{"description": "The open review task, if any."},
			"items":        raw{"description": "Lines of the current version."},
			"versions":     raw{"description": "Every version, oldest first."},
			"history":      raw{"description": "Every step with actor and server time, oldest first (at most 200)."},
		},
	},
	"ProposalPage": {
		Description: "Proposals newest first, keyset-paged.",
		Props: map[string]raw{
			"next_cursor": raw{"description": "Pass as `cursor` to read the next page; null on the last page."},
		},
	},
	"CustomerResponseRequest": {
		Required: []string{"accepted", "paper"},
		Props: map[string]raw{
			"accepted": raw{"description": "true: the customer accepts (→ `accepted`); false: declines (→ `revising`)."},
			"note":     raw{"default": ""},
			"paper": raw{
				"description": "Must be true: the owner records only an answer the customer gave on paper; the customer answers for themselves through a customer link.",
				"const":       true,
			},
		},
	},
	"ServiceTerms": {
		Description: "How after-sale service is handled (R5.1): a number of free artwork changes/revisions (免费修改换画) or a description of how service is charged. `{}` while neither is stated; an absent field is not stated.",
		Props: map[string]raw{
			"free_revisions": raw{"description": "Free artwork changes/revisions included.", "minimum": 0},
			"service_fee":    raw{"description": "How service is charged."},
		},
	},
	"ServiceTermsInput": {
		Description: "Either `free_revisions` or a non-empty `service_fee`, not both (422 on `service_terms`). Both absent, null or empty leaves the terms open, which a draft may but a submit may not (R5.1).",
		Props: map[string]raw{
			"free_revisions": raw{"description": "Free artwork changes/revisions included; 0 is a stated term.", "minimum": 0},
			"service_fee": raw{
				"description": "How service is charged; at most 2000 characters.",
				"maxLength":   2000,
				"default":     "",
			},
		},
	},
	"ContractContent": {
		Description: "The whole content of a new contract version. It replaces the current version: service terms or dates left out are open in the new version.",
		Required:    []string{"items"},
		Props: map[string]raw{
			"items": raw{
				"description": "Priced lines; each product must be on the rate card. Their list prices are taken from the rate card now.",
				"minItems":    1,
				"maxItems":    200,
			},
			"service_terms": raw{"description": "Absent or null: no terms stated yet."},
			"starts_on": raw{
				"description": "First day of the contract, YYYY-MM-DD; empty or absent while not agreed.",
				"pattern":     "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$",
				"default":     "",
			},
			"ends_on": raw{
				"description": "Last day, YYYY-MM-DD, not before `starts_on`; empty or absent while not agreed.",
				"pattern":     "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$",
				"default":     "",
			},
		},
	},
	"ContractItem": {
		Description: "A priced line of the current version.",
		Props: map[string]raw{
			"line_no":        raw{"minimum": 1},
			"quantity":       raw{"format": "int64", "minimum": 1},
			"unit_price_fen": raw{"description": "Agreed unit price in fen.", "format": "int64", "minimum": 0},
			"list_price_fen": raw{
				"description": "The list price this line is judged against (R5.3): the accepted proposal's for version 1, the rate card's at the time of the revision after that.",
				"format":      "int64",
				"minimum":     0,
			},
			"resource_id": raw{"description": "Present on a resource line."},
			"starts_on":   raw{"format": "date"},
			"ends_on":     raw{"format": "date"},
			"list_total_fen": raw{
				"description": "A resource line's list price: the dated rate-card price of each unit's first day, summed; R5.3 judges against it (list_price_fen is then its average per unit, rounded down).",
				"format":      "int64",
				"minimum":     0,
			},
		},
	},
	"ContractApproval": {
		Description: "One recorded approval decision (approve or reject), bound to the content it decided on. Voided ones no longer count.",
		Props: map[string]raw{
			"role": raw{
				"description": "The step decided: `marketing_director` or `company_approver`.",
				"$ref":        "#/components/schemas/Role",
			},
			"version":           raw{"description": "The contract version decided on.", "minimum": 1},
			"content_hash":      raw{"description": "`content_hash` of the content decided on.", "pattern": "^[0-9a-f]{64}$"},
			"round":             raw{"description": "The approval round; each submit opens a new one.", "minimum": 1},
			"decided_by":        raw{"description": "Who decided (a delegate, when acting for someone)."},
			"on_behalf_of":      raw{"description": "The delegator the decider acted for (R5.5); null when in their own right."},
			"on_behalf_of_name": raw{"description": "Name of `on_behalf_of`."},
			"decision":          raw{"$ref": "#/components/schemas/Decision"},
			"comment":           raw{"description": "The decider's comment; null when none (a rejection always has one)."},
			"at":                raw{"description": "Server time of the decision (R5.4).", "format": "date-time"},
			"voided":            raw{"description": "True once a revision or a new round made this decision no longer count."},
			"voided_at":         raw{"description": "When it was voided; absent unless voided.", "format": "date-time"},
			"void_reason": raw{
				"description": "`revised`: the content changed; `new_round`: the contract was submitted again. Absent unless voided.",
				"enum":        []any{"revised", "new_round"},
			},
		},
	},
	"Signature": {
		Description: "One party's signature (R5.5): signer, for whom, server time and the SHA-256 of the signing document, sealed with the server's Ed25519 key. Optional fields are absent, not null, when unset.",
		Props: map[string]raw{
			"signer_role": raw{"$ref": "#/components/schemas/SignerRole"},
			"signer_id": raw{
				"description": "The user who signed: a company approver or their delegate for `company`, the owner recording a paper signature for `customer`; absent when the customer signed through a link.",
			},
			"on_behalf_of":            raw{"description": "The delegator the signer signed for."},
			"customer_signatory_name": raw{"description": "The `signatory_name` given when signing (always for `customer`)."},
			"document_sha256": raw{
				"description": "SHA-256 (hex) of the signing document issued on approval, the PDF `GET /api/v1/contracts/{id}/document` serves while the contract is `approved`.",
				"pattern":     "^[0-9a-f]{64}$",
			},
			"signed_at": raw{"description": "Server time of the signature (R5.4), UTC.", "format": "date-time"},
			"server_signature": raw{
				"description":     "Base64 Ed25519 signature of the record (contract, role, signer, on-behalf-of, signatory name, document hash, time).",
				"contentEncoding": "base64",
			},
			"signing_key_id": raw{
				"description": "Id of the worker key that sealed it: hex of the first 8 bytes of the public key's SHA-256. Absent on seals made before key ids were stored.",
				"pattern":     "^[0-9a-f]{16}$",
			},
			"method": raw{
				"description": "How it was given: `account` (a signed-in user), `link` (the customer's contact through a customer link and a mailed one-time code) or `paper` (recorded by the owner with the signed scan). Absent for signatures made before methods were recorded.",
				"enum":        []any{"account", "link", "paper"},
			},
			"link_id":           raw{"description": "The customer link (method `link`)."},
			"signer_contact":    raw{"description": "The contact's address the link and its code went to (method `link`)."},
			"paper_scan_sha256": raw{"description": "The signed scan's SHA-256 (method `paper`)."},
		},
	},
	"Contract": {
		Description: "A contract (F2) with its current version's content, every approval decision, its signatures and its audit history.",
		Props: map[string]raw{
			"proposal_id":      raw{"description": "The accepted proposal it was drafted from."},
			"proposal_version": raw{"description": "The accepted proposal version it was drafted from.", "minimum": 1},
			"owner_id":         raw{"description": "The author: the proposal's owner."},
			"status":           raw{"$ref": "#/components/schemas/ContractStatus"},
			"version":          raw{"description": "The current version; each revision bumps it.", "minimum": 1},
			"content_hash": raw{
				"description": "SHA-256 (hex) of the current version's content (lines, prices, terms, dates, version); an approval counts only for the hash it approved.",
				"pattern":     "^[0-9a-f]{64}$",
			},
			"workflow_id": raw{"description": "The Temporal workflow driving this contract."},
			"major": raw{
				"description": "Set on submit: true when any line is priced below list × (1 − the owner's `discount_authority_pct`/100) (R5.3). False before the first submit.",
			},
			"required_approvals": raw{
				"description": "Set on submit, in order: `marketing_director` first when `major`, then `company_approver` (R5.2). Empty before the first submit.",
				"items":       raw{"$ref": "#/components/schemas/Role"},
			},
			"starts_on": raw{"description": "First day; null while not agreed.", "format": "date"},
			"ends_on":   raw{"description": "Last day; null while not agreed.", "format": "date"},
			"total_fen": raw{
				"description": "Total of the current version: sum of quantity × unit price.",
				"format":      "int64",
				"minimum":     0,
			},
			"created_at":   raw{"description": "Set by the server.", "format": "date-time"},
			"updated_at":   raw{"description": "Set by the server.", "format": "date-time"},
			"open_task_id": raw{"description": "The open approval task, if any."},
			"items":        raw{"description": "Lines of the current version."},
			"approvals":    raw{"description": "Every approval decision of every round, oldest first, voided ones marked."},
			"signatures":   raw{"description": "The signatures so far, `company` before `customer`."},
			"history": raw{
				"description": "Every step with actor and server time, oldest first (at most 200); absent when there are none.",
			},
		},
	},
	"SignatureRequest": {
		Required: []string{"signer_role"},
		Props: map[string]raw{
			"signer_role": raw{
				"description": "`company`: by a company approver or their active delegate, never the contract's author. `customer`: only for a signature given on paper, recorded by the contract's owner with `paper_scan_sha256`; the customer's own signature comes through a customer link (`POST .../customer-links`).",
				"$ref":        "#/components/schemas/SignerRole",
			},
			"signatory_name": raw{
				"description": "The customer's signatory; required for `customer`. For `company` it is optional and, when given, kept as the signature's `customer_signatory_name`.",
				"maxLength":   200,
				"default":     "",
			},
			"paper_scan_sha256": raw{
				"description": "For `customer`: the SHA-256 of the signed scan uploaded with `POST .../paper-scans`; the signature binds it.",
				"pattern":     "^[0-9a-f]{64}$",
			},
		},
	},
	"SignatureCheck": {
		Description: "The verification of one signature.",
		Props: map[string]raw{
			"signer_role":      raw{"$ref": "#/components/schemas/SignerRole"},
			"on_behalf_of":     raw{"description": "The delegator; absent when none."},
			"signed_at":        raw{"description": "Server time of the signature.", "format": "date-time"},
			"document_matches": raw{"description": "The signature names the SHA-256 recomputed from the stored signing document."},
			"signature_valid": raw{
				"description": "The worker's Ed25519 seal verifies over the signature's fields with the trusted public key of its key id.",
			},
			"key_id": raw{
				"description": "The key id stored with the seal; absent on seals made before key ids were stored (checked against every trusted key).",
			},
			"problem": raw{
				"description": "Why the signature does not hold; absent when it does. `unknown_key`: sealed with a key this API does not trust (SALESFLOW_SIGNING_PUBLIC_KEYS).",
				"enum":        []any{"unknown_key", "bad_signature", "document_mismatch"},
			},
		},
	},
	"ContractVerification": {
		Props: map[string]raw{
			"valid": raw{
				"description": "True only when the document is intact and both parties' signatures match it and verify (R5.5).",
			},
			"status": raw{"$ref": "#/components/schemas/ContractStatus"},
			"document_sha256": raw{
				"description": "SHA-256 stored with the signing document; null before approval.",
				"pattern":     "^[0-9a-f]{64}$",
			},
			"recomputed_sha256": raw{
				"description": "SHA-256 recomputed from the stored PDF now; null before approval.",
				"pattern":     "^[0-9a-f]{64}$",
			},
			"document_intact": raw{"description": "The two hashes are equal."},
			"signatures":      raw{"description": "One check per signature, `company` before `customer`."},
		},
	},
	"Delegation": {
		Description: "An authorisation of `to_user_id` to decide approval steps and sign for the company in `from_user_id`'s name between `starts_at` and `ends_at` (\"someone they authorised\", R5.5).",
		Props: map[string]raw{
			"from_user_id": raw{"description": "The delegator."},
			"to_user_id":   raw{"description": "The delegate."},
			"starts_at":    raw{"description": "Start of the period.", "format": "date-time"},
			"ends_at":      raw{"description": "End of the period (exclusive).", "format": "date-time"},
			"created_at":   raw{"description": "Set by the server.", "format": "date-time"},
			"role":         raw{"enum": []any{"marketing_director", "company_approver"}},
			"revoked_at": raw{
				"description": "When the delegator (or an admin) revoked it; null while not revoked.",
				"format":      "date-time",
			},
		},
	},
	"CreateDelegationRequest": {
		Required: []string{"to_user_id", "starts_at", "ends_at"},
		Props: map[string]raw{
			"to_user_id": raw{"description": "An active user other than the caller."},
			"starts_at": raw{
				"description": "RFC 3339 with zone, e.g. `2026-12-01T09:00:00+08:00`; may be in the past.",
				"format":      "date-time",
			},
			"ends_at": raw{
				"description": "RFC 3339 with zone; after `starts_at` and in the future.",
				"format":      "date-time",
			},
			"role": raw{
				"description": "The one role passed on; required when the delegator holds both.",
				"enum":        []any{"marketing_director", "company_approver"},
			},
		},
	},
	"DelegationPage": {
		Description: "Every delegation the caller gave or received, expired ones included, newest first, in one page: `limit` and `cursor` are not read and `next_cursor` is always null.",
		Props: map[string]raw{
			"next_cursor": raw{"description": "Always null: the list is not paged."},
		},
	},
	"Task": {
		Description: "An item of the approver's inbox. Optional fields are absent, not null, when unset.",
		Props: map[string]raw{
			"kind": raw{
				"description": "`proposal_review` (F1); `contract_approval`: one approval step of a contract (F2); `weekly_check`: a salesperson's new records of last week for their manager to check (R1.4); `contact_overdue`: an owner missed the one-week contact deadline and their manager extends it or reassigns the customer (R2.5); `hard_customer`: an owner escalated a large or difficult customer and their manager answers with the joint approach plan as `comment` (R3.4).",
				"enum":        []any{"proposal_review", "contract_approval", "weekly_check", "contact_overdue", "hard_customer"},
			},
			"subject_type": raw{
				"description": "`proposal` for `proposal_review`, `contract` for `contract_approval`, `user` (the salesperson) for `weekly_check`, `customer` for `contact_overdue`.",
				"enum":        []any{"proposal", "contract", "user", "customer"},
			},
			"subject_version": raw{
				"description": "The subject's version the task is about; for `contact_overdue` the ownership generation; 0 for `weekly_check`.",
				"minimum":     0,
			},
			"subject_title": raw{
				"description": "For a proposal, the title of that version; for a contract, `合同 ` and the customer's name; for a customer, its name; for a user, their name. Empty if unknown.",
			},
			"author_id": raw{
				"description": "Whose work it is, who can never decide it: the subject's author, the salesperson whose week is checked (`weekly_check`), the customer's owner (`contact_overdue`).",
			},
			"assignee_role": raw{
				"description": "Offered to everyone holding this role, and to their active delegates for `marketing_director` and `company_approver`. `sales_manager` for a `contact_overdue` task whose owner has no manager.",
				"$ref":        "#/components/schemas/Role",
			},
			"assignee_user_id": raw{
				"description": "Offered to this user: the author's manager for a review, a `weekly_check` or a `contact_overdue` task, or the user an approval step was escalated to.",
			},
			"status":     raw{"$ref": "#/components/schemas/TaskStatus"},
			"decision":   raw{"$ref": "#/components/schemas/Decision"},
			"decided_by": raw{"description": "ID of the user who decided."},
			"created_at": raw{"description": "Set by the server.", "format": "date-time"},
			"due_at": raw{
				"description": "When the task is due: one working day after submission for a review, one working day after the step opened for a contract approval (the approver is then reminded), two working days after the checked week for a `weekly_check`. Absent for `contact_overdue`.",
				"format":      "date-time",
			},
			"decided_at": raw{"description": "Set by the server.", "format": "date-time"},
			"reminded_at": raw{
				"description": "When the waiting approver was reminded (contract approvals).",
				"format":      "date-time",
			},
			"escalated_at": raw{
				"description": "When the contract approval step was escalated to `assignee_user_id`, three working days after it opened.",
				"format":      "date-time",
			},
		},
	},
	"TaskPage": {
		Description: "Tasks the caller may act on, oldest first, keyset-paged.",
		Props: map[string]raw{
			"next_cursor": raw{"description": "Pass as `cursor` to read the next page; null on the last page."},
		},
	},
	"DecisionRequest": {
		Required: []string{"decision"},
		Props: map[string]raw{
			"decision": raw{"$ref": "#/components/schemas/Decision"},
			"comment": raw{
				"description": "Required (non-empty) when rejecting. On a `contact_overdue` task optional, recorded with the decision and, on `reassign`, as the ownership event's reason.",
				"maxLength":   4000,
			},
			"days": raw{
				"description": "`contact_overdue` with `extend`: 1 to 30; the new deadline is the time of the decision plus this many days. Ignored otherwise.",
			},
			"owner_id": raw{
				"description": "`contact_overdue` with `reassign`: the new owner, an active salesperson whose manager is the caller, not the current owner. Ignored otherwise.",
			},
		},
	},
	"AuditEvent": {
		Description: "One append-only audit record, chained by hash to the one before it. Optional fields are absent, not null, when unset.",
		Props: map[string]raw{
			"seq": raw{"format": "int64", "minimum": 1},
			"subject_type": raw{
				"description": "`user` for a salesperson's weekly check, `calendar` (subject a date) for an override.",
				"enum":        []any{"proposal", "contract", "customer", "user", "calendar"},
				"examples":    []any{"proposal"},
			},
			"actor_id": raw{
				"description": "Absent for the system's own steps (a reminder, an escalation, issuing the signing document, opening a weekly check, withdrawing a contact task).",
			},
			"on_behalf_of": raw{"description": "The delegator when a delegate acted."},
			"action": raw{
				"description": "In use today: `proposal.created`, `proposal.revised`, `proposal.submitted`, `proposal.review_approved`, `proposal.review_rejected`, `proposal.customer_accepted`, `proposal.customer_declined`, `contract.drafted`, `contract.revised`, `contract.submitted`, `contract.approval_approved`, `contract.approval_rejected`, `contract.recalled`, `contract.approval_reminded`, `contract.approval_escalated`, `contract.document_issued`, `contract.signed_company`, `contract.signed_customer`, `customer.created`, `customer.updated`, `customer.assigned`, `customer.interaction_logged`, `customer.contact_reminder`, `customer.contact_overdue`, `customer.contact_extended`, `customer.contact_task_withdrawn`, `customer.weekly_check_opened`, `customer.weekly_check_approve`, `customer.weekly_check_reject`, `calendar.override_set`.",
				"examples":    []any{"proposal.submitted"},
			},
			"detail": raw{"description": "Action-specific facts, exactly as hashed."},
			"at":     raw{"description": "Server time of the event (R5.4).", "format": "date-time"},
			"prev_hash": raw{
				"description": "`hash` of the previous event; 64 zeros for the first.",
				"pattern":     "^[0-9a-f]{64}$",
			},
			"hash": raw{
				"description": "SHA-256 (hex) of `prev_hash` and this event's fields.",
				"pattern":     "^[0-9a-f]{64}$",
			},
		},
	},
	"AuditEventPage": {
		Description: "Events oldest first, keyset-paged by `seq`.",
		Props: map[string]raw{
			"next_cursor": raw{
				"description": "Pass as `cursor` for the next page (the last event's `seq`); null on the last page.",
			},
		},
	},
	"ChainReport": {
		Props: map[string]raw{
			"checked": raw{"description": "How many events were re-hashed.", "format": "int64", "minimum": 0},
			"broken_at": raw{
				"description": "`seq` of the first event found broken (or of the head that names it); absent when valid or when the checkpoint itself is broken.",
				"format":      "int64",
			},
			"full": raw{"description": "Every event was re-hashed (asked for, or no checkpoint exists yet)."},
			"heads_checked": raw{
				"description": "How many heads sealed by the checkpoint were compared with their chains.",
				"format":      "int64",
				"minimum":     0,
			},
			"checkpoint": raw{
				"description": "The newest checkpoint, which the verification started from; absent when none exists.",
			},
			"subject": raw{"description": "The chain found broken."},
			"problem": raw{
				"description": "What is broken: `hash` an event's content was changed; `link` an event was removed or inserted; `head` a chain's newest event was removed; `sealed_head` a head the checkpoint sealed left its chain (the chain was rewritten); `checkpoint_digest` the sealed heads were changed; `checkpoint_seal` the checkpoint's seal does not verify with a trusted key; `legacy_head` the chain written before per-subject chains was cut short.",
				"enum":        []any{"hash", "link", "head", "sealed_head", "checkpoint_digest", "checkpoint_seal", "legacy_head"},
			},
		},
	},
	"Liveness": {
		Props: map[string]raw{
			"status": raw{"const": "ok"},
		},
	},
	"Readiness": {
		Props: map[string]raw{
			"postgres": raw{"enum": []any{"ok", "unavailable"}},
			"temporal": raw{"enum": []any{"ok", "unavailable"}},
		},
	},
	"CreateVisitRequest": {
		Required: []string{"customer_id", "goals", "planned_start", "planned_return"},
		Props: map[string]raw{
			"planned_start":  raw{"format": "date-time"},
			"planned_return": raw{"format": "date-time"},
			"progress_report": raw{
				"description": "Recent tracking, the visit's goal and expected issues; required for a revisit (R4.2).",
			},
		},
	},
	"ExpectedReturnRequest": {
		Required: []string{"expected_return", "reason"},
		Props: map[string]raw{
			"expected_return": raw{"format": "date-time"},
		},
	},
	"VisitReportRequest": {
		Required: []string{"notes", "met_name", "met_title", "is_decision_maker"},
	},
	"VisitReport": {
		Props: map[string]raw{
			"created_at": raw{"format": "date-time"},
		},
	},
	"Visit": {
		Props: map[string]raw{
			"status":              raw{"$ref": "#/components/schemas/VisitStatus"},
			"planned_start":       raw{"format": "date-time"},
			"planned_return":      raw{"format": "date-time"},
			"departed_at":         raw{"format": "date-time"},
			"expected_return":     raw{"format": "date-time"},
			"late_alerted_at":     raw{"format": "date-time"},
			"returned_at":         raw{"format": "date-time"},
			"report_due_at":       raw{"format": "date-time"},
			"report_reminded_at":  raw{"format": "date-time"},
			"report_escalated_at": raw{"format": "date-time"},
			"reported_at":         raw{"format": "date-time"},
			"created_at":          raw{"format": "date-time"},
		},
	},
	"ActivityRow": {
		Props: map[string]raw{
			"missed_contact_deadlines": raw{
				"description": "One-week contact deadlines (R2.5) that passed in the period without contact: the contact_overdue tasks opened for this owner.",
			},
		},
	},
	"ActivityReport": docActivityReport,
	"PipelineReport": {
		Props: map[string]raw{
			"classes": raw{"items": raw{"$ref": "#/components/schemas/CustomerClass"}},
		},
	},
	"DifficultyRequest": {
		Required: []string{"reason"},
		Props: map[string]raw{
			"reason": raw{
				"description": "Why the customer is large or difficult; trimmed.",
				"maxLength":   4000,
				"minLength":   1,
			},
		},
	},
	"ClassEvent": {
		Description: "One change of a customer's class (R4.1), append-only.",
		Props: map[string]raw{
			"from_class": raw{"$ref": "#/components/schemas/CustomerClass"},
			"to_class":   raw{"$ref": "#/components/schemas/CustomerClass"},
			"source": raw{
				"description": "`manual`: `PATCH /api/v1/customers/{id}`; `contract_signed`: the contract's last signature (R4.1 hand-off).",
				"enum":        []any{"manual", "contract_signed"},
			},
			"reason": raw{
				"description": "The `class_reason` of the PATCH; `\"\"` when none was given or for `contract_signed`.",
			},
			"contract_id": raw{"description": "Only for `contract_signed`."},
			"actor_id":    raw{"description": "Who changed it (for `contract_signed`: who signed last)."},
			"created_at":  raw{"description": "Set by the server.", "format": "date-time"},
		},
	},
	"GuidanceRequest": {
		Required: []string{"salesperson_id", "note"},
		Props: map[string]raw{
			"note": raw{"description": "Trimmed.", "maxLength": 4000, "minLength": 1},
		},
	},
	"GuidanceNote": {
		Description: "A sales manager's guidance for a salesperson (R4.3).",
		Props: map[string]raw{
			"created_at": raw{"description": "Set by the server.", "format": "date-time"},
		},
	},
	"PatchProductRequest": {
		Description: "Every field is optional; an absent or null field is left unchanged.",
		Props: map[string]raw{
			"name": raw{"description": "Trimmed; 1 to 200 characters.", "maxLength": 200, "minLength": 1},
			"list_price_fen": raw{
				"description": "The new list price per unit in fen. Lines already written keep the list price they were judged against (R5.3).",
				"format":      "int64",
				"minimum":     0,
			},
			"active": raw{"description": "`false` withdraws the line from new proposals."},
		},
	},
	"CalendarOverrideRow": {
		Props: map[string]raw{
			"created_by_name": raw{"description": "The name of the admin who set it last."},
		},
	},
	"CalendarOverridePage": {
		Props: map[string]raw{
			"next_cursor": raw{"description": "Always null: every override is listed."},
		},
	},
	"ContractSummary": {
		Description: "A contract in a list: its head, without lines, approvals, signatures or history (read one contract for those).",
		Props: map[string]raw{
			"proposal_id": raw{"description": "The accepted proposal it was drafted from."},
			"owner_id":    raw{"description": "The author: the proposal's owner."},
			"status":      raw{"$ref": "#/components/schemas/ContractStatus"},
			"version":     raw{"description": "The current version; each revision bumps it.", "minimum": 1},
			"workflow_id": raw{"description": "The Temporal workflow driving this contract."},
			"major": raw{
				"description": "Set on submit: true when any line is priced below list × (1 − the owner's `discount_authority_pct`/100) (R5.3). False before the first submit.",
			},
			"required_approvals": raw{
				"description": "Set on submit, in order: `marketing_director` first when `major`, then `company_approver` (R5.2). Empty before the first submit.",
				"items":       raw{"$ref": "#/components/schemas/Role"},
			},
			"total_fen": raw{
				"description": "Total of the current version: sum of quantity × unit price.",
				"format":      "int64",
				"minimum":     0,
			},
			"starts_on":    raw{"description": "First day; null while not agreed.", "format": "date"},
			"ends_on":      raw{"description": "Last day; null while not agreed.", "format": "date"},
			"created_at":   raw{"description": "Set by the server.", "format": "date-time"},
			"updated_at":   raw{"description": "Set by the server.", "format": "date-time"},
			"open_task_id": raw{"description": "The open approval task, if any."},
		},
	},
	"ContractPage": {
		Description: "Contracts, the most recently changed first (for a signed contract: when it became signed), keyset-paged.",
		Props: map[string]raw{
			"next_cursor": raw{"description": "Pass as `cursor` to read the next page; null on the last page."},
		},
	},
	"Delivery": {
		Description: "A notification's delivery: each channel's state (not_applicable: no address, or the channel is off), attempts, and the last error.",
		Props: map[string]raw{
			"email":           raw{"description": "The user's address now; empty for none."},
			"email_state":     raw{"enum": []any{"pending", "sent", "not_applicable", "failed"}},
			"webhook_state":   raw{"enum": []any{"pending", "sent", "not_applicable", "failed"}},
			"next_attempt_at": raw{"format": "date-time"},
			"last_attempt_at": raw{"format": "date-time"},
			"created_at":      raw{"format": "date-time"},
		},
	},
	"DeliveryCounts": {
		Props: map[string]raw{
			"due":               raw{"description": "Waiting notifications due now (not backing off)."},
			"oldest_pending_at": raw{"format": "date-time"},
		},
	},
	"UserSession": {
		Props: map[string]raw{
			"id":           raw{"description": "Names the session; never the token.", "format": "uuid"},
			"created_at":   raw{"description": "When it was signed in.", "format": "date-time"},
			"last_used_at": raw{"description": "Last request made with it, to the minute.", "format": "date-time"},
			"expires_at":   raw{"format": "date-time"},
			"client_ip": raw{
				"description": "The address it was signed in from (empty for sessions older than this record).",
			},
			"user_agent": raw{"description": "The browser or client it was signed in with, at most 256 characters."},
			"current":    raw{"description": "The session this request was made with."},
		},
	},
	"ChangePasswordRequest": {
		Required: []string{"current_password", "new_password"},
		Props: map[string]raw{
			"new_password": raw{"minLength": 8},
		},
	},
	"LoginThrottle": {
		Props: map[string]raw{
			"scope": raw{
				"description": "`account`: the username typed (whether or not it exists); `source`: the client address (an IPv6 client by its /64).",
				"enum":        []any{"account", "source"},
			},
			"key":             raw{"description": "The username, lower-cased, or the address."},
			"failures":        raw{"description": "Failed attempts counted since the count last started."},
			"last_attempt_at": raw{"format": "date-time"},
			"blocked_until": raw{
				"description": "Until when attempts are refused; null when one may come at once.",
				"format":      "date-time",
			},
			"locked": raw{
				"description": "Blocked by the lock (10 failures for an account, 100 for an address) rather than a growing delay.",
			},
		},
	},
	"AuditCheckpoint": {
		Props: map[string]raw{
			"id":         raw{"format": "int64"},
			"created_at": raw{"format": "date-time"},
			"through_seq": raw{
				"description": "Every event up to this `seq` was committed and verified when the checkpoint was sealed.",
				"format":      "int64",
			},
			"heads":          raw{"description": "How many chain heads it sealed.", "format": "int64"},
			"heads_digest":   raw{"description": "SHA-256 over every sealed head in byte order."},
			"signing_key_id": raw{"description": "The id of the worker key that sealed it."},
		},
	},
	"CustomerLinkRequest": {
		Required: []string{"email", "channel"},
		Props: map[string]raw{
			"email": raw{
				"description": "The address of one of the customer's contacts: the link (channel `email`) and the one-time codes go there.",
			},
			"channel": raw{
				"description": "`email`: the worker mails the link to the contact. `copy`: the answer carries the link's `url` once, to paste into a chat (WeChat).",
				"enum":        []any{"email", "copy"},
			},
		},
	},
	"CustomerLink": {
		Description: "A link for the customer to sign a contract or answer a proposal themselves (R5.5, F1): single use, expiring after 7 days, bound to the SHA-256 of what it is for. Its token is never stored or answered again.",
		Props: map[string]raw{
			"purpose": raw{"enum": []any{"contract_sign", "proposal_response"}},
			"document_sha256": raw{
				"description": "The signing document's SHA-256, or the proposal version's content hash.",
				"pattern":     "^[0-9a-f]{64}$",
			},
			"channel":    raw{"enum": []any{"email", "copy"}},
			"created_at": raw{"format": "date-time"},
			"expires_at": raw{"format": "date-time"},
			"mailed_at":  raw{"format": "date-time"},
			"used_at":    raw{"format": "date-time"},
			"revoked_at": raw{"format": "date-time"},
			"state":      raw{"enum": []any{"open", "used", "revoked", "expired"}},
		},
	},
	"CustomerLinkCreated": {
		Props: map[string]raw{
			"url": raw{
				"description": "Only for channel `copy`, only in this answer: the customer's page `/sign/{token}`.",
				"format":      "uri",
			},
		},
	},
	"PaperScan": {
		Description: "The scan of a customer's signature given on paper, kept byte for byte.",
		Props: map[string]raw{
			"sha256":       raw{"pattern": "^[0-9a-f]{64}$"},
			"content_type": raw{"enum": []any{"application/pdf", "image/png", "image/jpeg"}},
			"created_at":   raw{"format": "date-time"},
		},
	},
	"ResourceRequest": {
		Required: []string{"code", "name", "kind", "product_id", "city", "sell_unit", "active_from"},
		Props: map[string]raw{
			"code":        raw{"maxLength": 64, "minLength": 1},
			"name":        raw{"maxLength": 200, "minLength": 1},
			"kind":        raw{"$ref": "#/components/schemas/ResourceKind"},
			"product_id":  raw{"description": "The rate-card product the resource is sold as."},
			"city":        raw{"maxLength": 64, "minLength": 1},
			"district":    raw{"maxLength": 64},
			"address":     raw{"maxLength": 300},
			"latitude":    raw{"minimum": -90, "maximum": 90},
			"longitude":   raw{"description": "Given together with latitude, or neither.", "minimum": -180, "maximum": 180},
			"capacity":    raw{"description": "Faces or loop slots sold at once; 0 means 1.", "minimum": 0, "maximum": 1000},
			"sell_unit":   raw{"$ref": "#/components/schemas/SellUnit"},
			"active_from": raw{"description": "First day it is sold.", "format": "date"},
			"active_to":   raw{"description": "Last day it is sold; empty or absent: until further notice.", "format": "date"},
			"notes":       raw{"maxLength": 2000},
		},
	},
	"MediaResource": {
		Description: "A slot the company sells.",
		Props: map[string]raw{
			"code":        raw{"maxLength": 64, "minLength": 1},
			"name":        raw{"maxLength": 200, "minLength": 1},
			"kind":        raw{"$ref": "#/components/schemas/ResourceKind"},
			"product_id":  raw{"description": "The rate-card product the resource is sold as."},
			"city":        raw{"maxLength": 64, "minLength": 1},
			"district":    raw{"maxLength": 64},
			"address":     raw{"maxLength": 300},
			"latitude":    raw{"minimum": -90, "maximum": 90},
			"longitude":   raw{"description": "Given together with latitude, or neither.", "minimum": -180, "maximum": 180},
			"capacity":    raw{"minimum": 1, "maximum": 1000},
			"sell_unit":   raw{"$ref": "#/components/schemas/SellUnit"},
			"active_from": raw{"description": "First day it is sold.", "format": "date"},
			"active_to":   raw{"description": "Last day it is sold; empty or absent: until further notice.", "format": "date"},
			"notes":       raw{"maxLength": 2000},
			"created_at":  raw{"format": "date-time"},
			"updated_at":  raw{"format": "date-time"},
		},
	},
	"AvailabilityClaim": {
		Description: "A live claim on one slot. holder_id, holder_name, customer_name, contract_id and proposal_id are present only for the holder, sales managers, the marketing director and admins; anyone else sees the state, the dates and until when a hold lasts.",
		Props: map[string]raw{
			"slot":       raw{"minimum": 1},
			"state":      raw{"enum": []any{"held", "offered", "booked"}},
			"from":       raw{"format": "date"},
			"to":         raw{"description": "Last day, inclusive.", "format": "date"},
			"expires_at": raw{"description": "Until when a hold or offer lasts.", "format": "date-time"},
		},
	},
	"WeekCell": {
		Props: map[string]raw{
			"start": raw{"description": "The week's first day.", "format": "date"},
			"state": raw{
				"description": "free: a slot is free all week; partial: some day still has a free slot; held / booked: every slot is claimed every day; inactive: not on sale some day of the week.",
				"enum":        []any{"free", "partial", "held", "booked", "inactive"},
			},
			"free_slots": raw{"minimum": 0},
		},
	},
	"DayCell": {
		Props: map[string]raw{
			"day": raw{"format": "date"},
			"state": raw{
				"description": "free: some face has no claim this day (free_slots says how many); held / booked: every face is claimed, booked when every claim is a booking; inactive: not on sale this day.",
				"enum":        []any{"free", "held", "booked", "inactive"},
			},
			"capacity":   raw{"minimum": 1},
			"free_slots": raw{"minimum": 0},
		},
	},
	"ResourceDays": docActivityReport,
	"FreeResource": {
		Props: map[string]raw{
			"free_slots": raw{"description": "How many faces are free over the whole range.", "minimum": 1},
		},
	},
	"FreeResourcePage": docActivityReport,
	"ProductPriceRequest": {
		Required: []string{"valid_from", "price_fen"},
		Props: map[string]raw{
			"label":      raw{"description": "e.g. 春节档", "maxLength": 64},
			"valid_from": raw{"description": "First day, inclusive.", "format": "date"},
			"valid_to":   raw{"description": "Last day, inclusive; empty or absent: until further notice.", "format": "date"},
			"price_fen": raw{
				"description": "Unit price in fen on these days.",
				"format":      "int64",
				"minimum":     0,
				"maximum":     100000000000,
			},
		},
	},
	"ProductPrice": {
		Description: "A dated rate-card price. A resource line's list price is the price valid on each unit's first day, summed; a day no dated price covers uses the product's list_price_fen.",
		Props: map[string]raw{
			"id":         raw{"format": "int64"},
			"valid_from": raw{"format": "date"},
			"valid_to":   raw{"format": "date"},
			"price_fen":  raw{"format": "int64", "minimum": 0},
			"created_at": raw{"format": "date-time"},
		},
	},
	"ResourceImportRow": {
		Props: map[string]raw{
			"row": raw{"description": "The file's line."},
		},
	},
	"ResourceImportResult": {
		Props: map[string]raw{
			"existing": raw{"description": "Rows whose code was imported before: unchanged."},
		},
	},
	"ResourceClaim": {
		Description: "A claim on one slot of a media resource for a date range (issue 13): `held` (a submitted proposal's line, lapses at `expires_at`), `offered` (kept for the next of the waiting list until `expires_at`), `booked` (a valid contract's line), `released`. A salesperson sees who holds another salesperson's claim, for which customer, never: those fields are absent.",
		Props: map[string]raw{
			"starts_on":   raw{"format": "date"},
			"ends_on":     raw{"format": "date"},
			"state":       raw{"enum": []any{"held", "offered", "booked", "released"}},
			"expires_at":  raw{"format": "date-time"},
			"created_at":  raw{"format": "date-time"},
			"updated_at":  raw{"format": "date-time"},
			"released_at": raw{"format": "date-time"},
		},
	},
	"WaitlistEntry": {
		Description: "One salesperson waiting for a resource's dates, first come first served by `joined_at`.",
		Props: map[string]raw{
			"from":          raw{"format": "date"},
			"to":            raw{"format": "date"},
			"state":         raw{"enum": []any{"waiting", "offered", "taken", "passed", "withdrawn"}},
			"offered_until": raw{"format": "date-time"},
			"joined_at":     raw{"format": "date-time"},
			"updated_at":    raw{"format": "date-time"},
		},
	},
	"HoldState": {
		Description: "The watch over one submission's holds.",
		Props: map[string]raw{
			"status":     raw{"enum": []any{"watching", "ended"}},
			"expires_at": raw{"format": "date-time"},
		},
	},
	"WaitlistRequest": {
		Required: []string{"from", "to"},
		Props: map[string]raw{
			"from":        raw{"format": "date"},
			"to":          raw{"format": "date"},
			"customer_id": raw{"description": "Optional: the caller's own customer it is for."},
		},
	},
	"ReleaseRequest": {
		Props: map[string]raw{
			"reason": raw{"maxLength": 500},
		},
	},
}

// docActivityReport documents ActivityReport, ResourceDays and FreeResourcePage: the same members.
var docActivityReport = schemaDoc{
	Props: map[string]raw{
		"from": raw{"format": "date"},
		"to":   raw{"format": "date"},
	},
}
