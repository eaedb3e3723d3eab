package openapi

import (
	"reflect"

	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/workflows"
)

// openAPISchemaNames names the components whose Go name is not the
// document's: generic instantiations, and types the document has always
// called otherwise. Any other struct is named after itself, capitalised.
var openAPISchemaNames = map[reflect.Type]string{
	reflect.TypeFor[wire.ListPage[wire.UserView]]():             "UserPage",
	reflect.TypeFor[wire.ListPage[wire.Product]]():              "ProductPage",
	reflect.TypeFor[wire.ListPage[wire.CustomerView]]():         "CustomerPage",
	reflect.TypeFor[wire.ListPage[wire.Proposal]]():             "ProposalPage",
	reflect.TypeFor[wire.ListPage[wire.Task]]():                 "TaskPage",
	reflect.TypeFor[wire.ListPage[wire.Notification]]():         "NotificationPage",
	reflect.TypeFor[wire.ListPage[wire.Delegation]]():           "DelegationPage",
	reflect.TypeFor[wire.ListPage[wire.Event]]():                "AuditEventPage",
	reflect.TypeFor[wire.ListPage[wire.Visit]]():                "VisitPage",
	reflect.TypeFor[wire.ListPage[wire.GuidanceNote]]():         "GuidancePage",
	reflect.TypeFor[wire.ListPage[wire.CustomerImportJob]]():    "CustomerImportJobPage",
	reflect.TypeFor[wire.ListPage[wire.CustomerImportJobRow]](): "CustomerImportRowPage",
	reflect.TypeFor[wire.ListPage[wire.CalendarOverrideRow]]():  "CalendarOverridePage",
	reflect.TypeFor[wire.ListPage[wire.ContractSummary]]():      "ContractPage",
	reflect.TypeFor[wire.ListPage[wire.MediaResource]]():        "ResourcePage",
	reflect.TypeFor[wire.ListPage[wire.ResourceWeeks]]():        "AvailabilityPage",
	reflect.TypeFor[wire.ListPage[wire.ProductPrice]]():         "ProductPriceList",
	reflect.TypeFor[wire.ListPage[wire.Delivery]]():             "DeliveryListPage",
	reflect.TypeFor[wire.ListPage[wire.FreeResource]]():         "FreeResourceListPage",
	reflect.TypeFor[wire.ItemList[wire.CustomerLink]]():         "CustomerLinkList",
	reflect.TypeFor[wire.ItemList[wire.SessionView]]():          "UserSessionList",
	reflect.TypeFor[wire.ItemList[wire.LoginThrottleView]]():    "LoginThrottleList",
	reflect.TypeFor[wire.ItemList[wire.ResourceClaim]]():        "ResourceClaimList",
	reflect.TypeFor[wire.ItemList[wire.WaitlistEntry]]():        "WaitlistEntryList",

	reflect.TypeFor[wire.Event]():                "AuditEvent",
	reflect.TypeFor[httpx.FieldMessage]():        "FieldError",
	reflect.TypeFor[wire.VerificationAnswer]():   "ContractVerification",
	reflect.TypeFor[wire.CustomerFile]():         "Customer",
	reflect.TypeFor[wire.CustomerView]():         "CustomerSummary",
	reflect.TypeFor[wire.SessionAnswer]():        "Session",
	reflect.TypeFor[wire.SessionView]():          "UserSession",
	reflect.TypeFor[wire.LoginThrottleView]():    "LoginThrottle",
	reflect.TypeFor[wire.UserView]():             "User",
	reflect.TypeFor[wire.CalendarDayView]():      "CalendarDay",
	reflect.TypeFor[wire.CustomerImportResult](): "ImportResult",
	reflect.TypeFor[wire.ResourceImportAnswer](): "ResourceImportResult",
	reflect.TypeFor[wire.ResourceDaysView]():     "ResourceDays",
	reflect.TypeFor[service.DelegationInput]():   "CreateDelegationRequest",
	reflect.TypeFor[service.Activity]():          "ActivityReport",
	reflect.TypeFor[service.Pipeline]():          "PipelineReport",
	reflect.TypeFor[policy.Candidate]():          "AssignmentCandidate",
	reflect.TypeFor[wire.Checkpoint]():           "AuditCheckpoint",
	// The use cases' inputs keep the names the requests had.
	reflect.TypeFor[service.ProductInput]():          "CreateProductRequest",
	reflect.TypeFor[service.PlanInput]():             "AssignmentPlanRequest",
	reflect.TypeFor[service.PlanItem]():              "AssignmentPlanItem",
	reflect.TypeFor[service.AssignmentInput]():       "AssignmentRequest",
	reflect.TypeFor[service.DifficultyInput]():       "DifficultyRequest",
	reflect.TypeFor[service.GuidanceInput]():         "GuidanceRequest",
	reflect.TypeFor[service.ReleaseInput]():          "ReleaseRequest",
	reflect.TypeFor[service.JoinWaitlistInput]():     "WaitlistRequest",
	reflect.TypeFor[service.ProductPatch]():          "PatchProductRequest",
	reflect.TypeFor[service.PriceInput]():            "ProductPriceRequest",
	reflect.TypeFor[service.CalendarOverride]():      "CalendarOverrideRequest",
	reflect.TypeFor[service.UserInput]():             "CreateUserRequest",
	reflect.TypeFor[service.UserPatch]():             "PatchUserRequest",
	reflect.TypeFor[service.CustomerInput]():         "CreateCustomerRequest",
	reflect.TypeFor[service.VisitPlanInput]():        "CreateVisitRequest",
	reflect.TypeFor[service.ResourceInput]():         "ResourceRequest",
	reflect.TypeFor[service.CustomerPatch]():         "PatchCustomerRequest",
	reflect.TypeFor[service.InteractionInput]():      "InteractionRequest",
	reflect.TypeFor[service.ExpectedReturnInput]():   "ExpectedReturnRequest",
	reflect.TypeFor[service.VisitReportInput]():      "VisitReportRequest",
	reflect.TypeFor[service.NewProposalInput]():      "CreateProposalRequest",
	reflect.TypeFor[service.ProposalContent]():       "ProposalContent",
	reflect.TypeFor[service.ProposalItemInput]():     "ProposalItemInput",
	reflect.TypeFor[service.CustomerResponseInput](): "CustomerResponseRequest",
	reflect.TypeFor[service.DecisionInput]():         "DecisionRequest",
	reflect.TypeFor[service.SignatureInput]():        "SignatureRequest",
	reflect.TypeFor[service.CustomerLinkInput]():     "CustomerLinkRequest",
}

// openAPIRootTypes are reflected though no operation names them: the
// shared problem responses (openAPIResponses) refer to Problem.
var openAPIRootTypes = []reflect.Type{reflect.TypeFor[wire.Problem]()}

// openAPIEnumTypes are the typed strings whose values are an enum
// component; a field of one of these types refers to it.
var openAPIEnumTypes = map[reflect.Type]string{
	reflect.TypeFor[policy.Role]():           "Role",
	reflect.TypeFor[policy.ProposalStatus](): "ProposalStatus",
	reflect.TypeFor[policy.ContractStatus](): "ContractStatus",
	reflect.TypeFor[policy.VisitStatus]():    "VisitStatus",
	reflect.TypeFor[policy.SignerRole]():     "SignerRole",
	reflect.TypeFor[policy.SellUnit]():       "SellUnit",
}

// openAPIEnums are the enum components, their values taken from the code
// that checks them. Plain string fields refer to them from
// openAPISchemaDocs.
var openAPIEnums = []enumSchema{
	{"Role", "A job a user holds; a user can hold several.", enumValues(policy.AllRoles...)},
	{"Channel", "Where a customer record was collected (R1.1).", enumValues(policy.Channels...)},
	{"CustomerClass", "Customer class (R4.1). New customers start as `tracking`.", enumValues(policy.Classes...)},
	{"InteractionKind", "How a customer was contacted (R3.1) or a visit (R3.8); any of them meets the one-week contact rule (R2.5).", enumValues(policy.InteractionKinds...)},
	{"OwnershipKind", "How an owner got a customer: `collected` — they recorded it (R2.1); `assigned` — their sales manager gave it to them (R2.3, R2.6); `planned` — a balanced assignment (R2.4); `reassigned_overdue` — the manager's answer to a missed contact deadline (R2.5).",
		enumValues(store.OwnershipCollected, store.OwnershipAssigned, store.OwnershipPlanned, store.OwnershipOverdue)},
	{"ProposalStatus", "Step of the proposal loop F1: draft → in_review → approved (or revising on a rejection) → accepted (or revising when the customer declines).", enumValues(policy.ProposalDraft, policy.ProposalInReview,
		policy.ProposalRevising, policy.ProposalApproved, policy.ProposalAccepted)},
	{"TaskStatus", "A task's state.", enumValues(service.TaskStatuses[:3]...)},
	{"Decision", "`approve` or `reject` for `proposal_review`, `contract_approval` and `weekly_check` tasks; `extend` or `reassign` for `contact_overdue` tasks (R2.5).",
		enumValues(workflows.DecisionApprove, workflows.DecisionReject, workflows.DecisionExtend, workflows.DecisionReassign)},
	{"ContractStatus", "Step of the contract loop F2: drafting → in_approval → approved (or revising on a rejection or a recall) → signed once both parties have signed (R5.5).", enumValues(policy.ContractDrafting, policy.ContractInApproval,
		policy.ContractRevising, policy.ContractApproved, policy.ContractSigned)},
	{"SignerRole", "The party a signature is for (R5.5).", enumValues(policy.SignerCompany, policy.SignerCustomer)},
	{"VisitStatus", "Where a visit is (R3.5–R3.8).", enumValues(policy.VisitPendingApproval, policy.VisitApproved,
		policy.VisitRejected, policy.VisitDeparted, policy.VisitReturned, policy.VisitReported)},
	{"ResourceKind", "The kind of a media resource.", enumValues(store.ResourceKinds...)},
	{"SellUnit", "A line's quantity is the number of units in its dates: days; 7-day weeks from its first day (whole weeks); calendar months (the 1st to a month's last day).", enumValues(policy.UnitDay, policy.UnitWeek, policy.UnitMonth)},
}

// openAPIExtraSchemas are the schemas no single Go type writes.
var openAPIExtraSchemas = map[string]raw{
	// The document itself (GET /api/openapi.json).
	"OpenAPIDocument": {"type": "object", "description": "This document.", "required": []any{"openapi", "info", "paths"},
		"properties": raw{"openapi": raw{"type": "string", "examples": []any{"3.1.0"}}, "info": raw{"type": "object"},
			"paths": raw{"type": "object"}}},
	// Problem.Extra carries these two members (problem.go, duplicateCustomer).
	"DuplicateCustomerProblem": {
		"description": "`/problems/duplicate-customer` (409, R2.2): the customer was recorded first by someone else. Names the first record and its owner, nothing else of it.",
		"allOf": []any{
			raw{"$ref": "#/components/schemas/Problem"},
			raw{"type": "object", "required": []any{"existing_customer_id", "owner_name"}, "properties": raw{
				"existing_customer_id": raw{"type": "string", "description": "The first record of the same customer."},
				"owner_name":           raw{"type": []any{"string", "null"}, "description": "Its owner's name; null when it is in the unassigned pool."},
			}},
		},
	},
}
