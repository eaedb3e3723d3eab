package openapi

// Converted once by a throw-away script from the hand-kept api/openapi.json
// it replaces; this table is the source now: edit it by hand.

import (
	"salesflow/api/wire"
	"salesflow/service"
)

// openAPIInventoryOperations are the operations on media resources, availability, holds and the waiting list.
var openAPIInventoryOperations = []Operation{
	{
		Method: "GET", Path: "/api/v1/resources", ID: "listResources",
		Tags:        []string{"inventory"},
		Summary:     "Media resources",
		Description: "Any signed-in user. Keyset-paged by code.",
		Params: []apiParam{
			{Name: "kind", In: "query", Description: "Only this kind.", Schema: raw{"$ref": "#/components/schemas/ResourceKind"}},
			{Name: "city", In: "query", Description: "Only this city.", Schema: raw{"type": "string"}},
			{Name: "active", In: "query", Description: "`true`: sold today; `false`: not sold today.", Schema: raw{"type": "string", "enum": []any{"true", "false"}}},
			sharedParam("Limit"),
			sharedParam("Cursor"),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ListPage[wire.MediaResource]](200, "A page of resources."),
			problem(401, "Unauthorized", ""),
			problem(422, "UnprocessableEntity", ""),
		},
	},
	{
		Method: "POST", Path: "/api/v1/resources", ID: "createResource",
		Tags:        []string{"inventory"},
		Summary:     "Add a media resource",
		Description: "Admin only.",
		Params: []apiParam{
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.ResourceInput](),
		Responses: []apiResponse{
			reply[wire.MediaResource](201, "Created."),
			problem(401, "Unauthorized", ""),
			problem(400, "BadRequest", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs the `admin` role."),
			problem(422, "UnprocessableEntity", ""),
			problem(413, "PayloadTooLarge", ""),
			problem(409, "Conflict", "`/problems/duplicate-resource`: the code exists already."),
		},
	},
	{
		Method: "GET", Path: "/api/v1/resources/{id}", ID: "getResource",
		Tags:        []string{"inventory"},
		Summary:     "One media resource",
		Description: "Any signed-in user.",
		Params: []apiParam{
			pathParam("id", "The resource's ID."),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.MediaResource](200, "The resource."),
			problem(401, "Unauthorized", ""),
			problem(404, "NotFound", ""),
		},
	},
	{
		Method: "PUT", Path: "/api/v1/resources/{id}", ID: "putResource",
		Tags:        []string{"inventory"},
		Summary:     "Replace a media resource",
		Description: "Admin only. Every field is replaced.",
		Params: []apiParam{
			pathParam("id", "The resource's ID."),
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.ResourceInput](),
		Responses: []apiResponse{
			reply[wire.MediaResource](200, "The resource as stored."),
			problem(401, "Unauthorized", ""),
			problem(400, "BadRequest", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs the `admin` role."),
			problem(422, "UnprocessableEntity", ""),
			problem(413, "PayloadTooLarge", ""),
			problem(404, "NotFound", ""),
			problem(409, "Conflict", "`/problems/duplicate-resource`: another resource has the code."),
		},
	},
	{
		Method: "GET", Path: "/api/v1/availability", ID: "getAvailability",
		Tags:        []string{"inventory"},
		Summary:     "Resources × weeks: free, held, booked",
		Description: "Any signed-in user. A page of resources (by code) and, for each, the 7-day weeks from `from` to the week holding `to` (at most 60).",
		Params: []apiParam{
			{Name: "kind", In: "query", Description: "Only this kind.", Schema: raw{"$ref": "#/components/schemas/ResourceKind"}},
			{Name: "city", In: "query", Description: "Only this city.", Schema: raw{"type": "string"}},
			{Name: "from", In: "query", Description: "The first week's first day; default this week's Monday.", Schema: raw{"type": "string", "format": "date"}},
			{Name: "to", In: "query", Description: "A day of the last week; default 12 weeks on.", Schema: raw{"type": "string", "format": "date"}},
			sharedParam("Limit"),
			sharedParam("Cursor"),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ListPage[wire.ResourceWeeks]](200, "A page of the grid."),
			problem(401, "Unauthorized", ""),
			problem(422, "UnprocessableEntity", ""),
		},
	},
	{
		Method: "GET", Path: "/api/v1/availability/free", ID: "getFreeResources",
		Tags:        []string{"inventory"},
		Summary:     "Resources of a kind in a city free over a whole range",
		Description: "Any signed-in user. Every resource (not a page of the grid) of `kind` in `city` on sale every day from `from` to `to` with a face free over the whole range: some slot 1..capacity has no live claim overlapping it. By code, keyset-paged.",
		Params: []apiParam{
			{Name: "kind", In: "query", Description: "Only this kind.", Schema: raw{"$ref": "#/components/schemas/ResourceKind"}},
			{Name: "city", In: "query", Description: "Only this city.", Schema: raw{"type": "string"}},
			{Name: "from", In: "query", Required: true, Description: "The range's first day.", Schema: raw{"type": "string", "format": "date"}},
			{Name: "to", In: "query", Required: true, Description: "The range's last day (at most 366 days in all).", Schema: raw{"type": "string", "format": "date"}},
			sharedParam("Limit"),
			sharedParam("Cursor"),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.FreeResourcePage](200, "A page of free resources."),
			problem(401, "Unauthorized", ""),
			problem(422, "UnprocessableEntity", "`/problems/validation`: `kind` unknown, `from` or `to` missing or not a date, `to` before `from`, or more than 366 days."),
		},
	},
	{
		Method: "POST", Path: "/api/v1/resources/import", ID: "importResources",
		Tags:        []string{"inventory"},
		Summary:     "Import media resources from CSV",
		Description: "Admin only. UTF-8 or GB18030/GBK; a header row in Chinese (编号,名称,类型,城市,区县,地址,纬度,经度,面数,售卖单位,起售日期,停售日期,备注,产品) or English (code,name,kind,city,district,address,latitude,longitude,capacity,sell_unit,active_from,active_to,notes,product). 类型 and 售卖单位 may be Chinese (灯箱, 周…). A resource's ID follows from its code, so the same file again creates nothing. A file that cannot be read is refused whole; otherwise each row is reported.",
		Params: []apiParam{
			{Name: "product", In: "query", Description: "The rate-card product code for rows without a product column.", Schema: raw{"type": "string"}},
			sharedParam("AcceptLanguage"),
		},
		Body: &apiBody{Media: "text/csv", Schema: raw{"type": "string"}, Required: true},
		Responses: []apiResponse{
			reply[wire.ResourceImportAnswer](200, "Row by row."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: needs the `admin` role."),
			problem(413, "PayloadTooLarge", ""),
			problem(422, "UnprocessableEntity", "`/problems/malformed-csv`: the file as a whole cannot be read."),
		},
	},
	{
		Method: "GET", Path: "/api/v1/resources/{id}/claims", ID: "listResourceClaims",
		Tags:        []string{"inventory"},
		Summary:     "Live claims on a resource overlapping from..to",
		Description: "Held, offered and booked slots with until when. Sales managers, the marketing director and admins see the holder and customer; a salesperson only for their own claims.",
		Params: []apiParam{
			pathParam("id", "The media resource's ID."),
			{Name: "from", In: "query", Required: true, Schema: raw{"type": "string", "format": "date"}},
			{Name: "to", In: "query", Required: true, Schema: raw{"type": "string", "format": "date"}},
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ItemList[wire.ResourceClaim]](200, "The live claims."),
			problem(401, "Unauthorized", ""),
			problem(422, "UnprocessableEntity", "`/problems/validation`: `from` or `to` missing, not a date, or `to` before `from`."),
		},
	},
	{
		Method: "GET", Path: "/api/v1/resources/{id}/availability", ID: "getResourceDays",
		Tags:        []string{"inventory"},
		Summary:     "One resource's days: free, held (until when), booked",
		Description: "Any signed-in user. Each day from `from` to `to` (both included, at most 366 days) with the resource's capacity, its free faces and the live claims covering it. A claim shows its holder, customer, proposal and contract only to its holder, sales managers, the marketing director and admins; any other salesperson sees its state, dates and until when a hold lasts.",
		Params: []apiParam{
			pathParam("id", "The media resource's ID."),
			{Name: "from", In: "query", Description: "The first day; default today.", Schema: raw{"type": "string", "format": "date"}},
			{Name: "to", In: "query", Description: "The last day; default 27 days after `from`.", Schema: raw{"type": "string", "format": "date"}},
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ResourceDaysView](200, "The days."),
			problem(401, "Unauthorized", ""),
			problem(404, "NotFound", ""),
			problem(422, "UnprocessableEntity", "`/problems/validation`: `from` or `to` not a date, `to` before `from`, or more than 366 days."),
		},
	},
	{
		Method: "GET", Path: "/api/v1/resources/{id}/waitlist", ID: "listWaitlist",
		Tags:    []string{"inventory"},
		Summary: "A resource's waiting list, in order",
		Params: []apiParam{
			pathParam("id", "The media resource's ID."),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.ItemList[wire.WaitlistEntry]](200, "Entries waiting or offered, first come first served; other people's names only for managers, director, admins."),
			problem(401, "Unauthorized", ""),
		},
	},
	{
		Method: "POST", Path: "/api/v1/resources/{id}/waitlist", ID: "joinWaitlist",
		Tags:        []string{"inventory"},
		Summary:     "Join a resource's waiting list for from..to (salespeople)",
		Description: "When a claim on these dates is released, the earliest entry whose dates are then free is offered the slot for one working day (an `offered` claim and a notification); submitting a proposal with that line takes it; unused, it passes to the next.",
		Params: []apiParam{
			pathParam("id", "The media resource's ID."),
			sharedParam("IdempotencyKey"),
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.JoinWaitlistInput](),
		Responses: []apiResponse{
			reply[wire.WaitlistEntry](201, "The entry, `waiting`."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/forbidden`: not a salesperson, or not the caller's customer."),
			problem(404, "NotFound", ""),
			problem(409, "Conflict", "`/problems/already-waiting`: the caller waits for these dates already."),
			problem(422, "UnprocessableEntity", "`/problems/validation`: `from`/`to` missing or not dates, `to` before `from`."),
		},
	},
	{
		Method: "POST", Path: "/api/v1/waitlist/{id}/withdraw", ID: "withdrawWaitlist",
		Tags:        []string{"inventory"},
		Summary:     "Leave the waiting list (the entry's own person)",
		Description: "An offer the entry holds is released and passes to the next in the queue. No request body.",
		Params: []apiParam{
			pathParam("id", "The waiting-list entry's ID."),
			sharedParam("IdempotencyKey"),
			sharedParam("AcceptLanguage"),
		},
		Responses: []apiResponse{
			reply[wire.WaitlistEntry](200, "The entry, `withdrawn`."),
			problem(401, "Unauthorized", ""),
			problem(404, "NotFound", ""),
			problem(409, "Conflict", "`/problems/conflict`: taken, passed or withdrawn already."),
		},
	},
	{
		Method: "POST", Path: "/api/v1/claims/{id}/release", ID: "releaseClaim",
		Tags:        []string{"inventory"},
		Summary:     "Release a claim",
		Description: "A sales manager or an admin releases any claim, a booking included, with a `reason` (audited); a salesperson only their own hold or offer. What it frees is offered to the waiting list.",
		Params: []apiParam{
			pathParam("id", "The claim's ID."),
			sharedParam("IdempotencyKey"),
			sharedParam("AcceptLanguage"),
		},
		Body: jsonBody[service.ReleaseInput](),
		Responses: []apiResponse{
			reply[wire.ResourceClaim](200, "The claim, `released`."),
			problem(401, "Unauthorized", ""),
			problem(403, "Forbidden", "`/problems/booking-release`: a booking is released only by a manager."),
			problem(404, "NotFound", ""),
			problem(409, "Conflict", "`/problems/claim-released`: released already."),
			problem(422, "UnprocessableEntity", "`/problems/validation`: a manager's `reason` is required."),
		},
	},
}
