// Package prodshape is the production-shape suite: Salesflow run the way it
// is deployed — separate `salesflow api` and `salesflow worker` processes,
// two of each, on a real Temporal server (go.temporal.io/server on
// PostgreSQL, started by scripts/temporal-server.sh), mail only, through an
// SMTP server the test runs — driven over HTTP by concurrent clients while
// processes are killed and services restarted, then checked row by row and
// mail by mail.
//
// The package holds only tests (prodshape_test.go and its helpers); they
// skip unless SALESFLOW_TEST_INTEGRATION is set, and fail instead of
// skipping when CI=true and a service is missing. See the README's
// "Production-shape suite" for how to run it alone and how to size it.
package prodshape
