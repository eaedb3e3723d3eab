package openapi

import "slices"

// openAPIOperations is every operation of the API document (openapi.go),
// declared by area in operations_*.go. A route without an entry
// (or an entry without a route) fails TestOpenAPIDocumentsEveryRoute.
var openAPIOperations = slices.Concat(openAPIAccountOperations, openAPICustomerOperations,
	openAPISalesOperations, openAPIInventoryOperations)
