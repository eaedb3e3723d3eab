package site

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
	"salesflow/web"
)

// What more than one area of pages reads from a form or a path, and the
// navigation links each area adds.

// LoadParam loads what the path's :id names (what is its kind, for the
// message), answering the not-found page when there is none; false means
// the page was answered.
func LoadParam[T any](p *Site, c *gin.Context, what string, load func(context.Context, string) (T, error)) (T, bool) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	v, err := load(ctx, c.Param("id"))
	if err != nil {
		p.Fail(c, service.NotFoundAs(err, what+" "+c.Param("id")))
		return v, false
	}
	return v, true
}

// Done ends a successful form post: a Flash, then back to the list.
func (p *Site) Done(c *gin.Context, doneKey, path string) {
	p.SetFlash(c, Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), doneKey)})
	c.Redirect(http.StatusSeeOther, path)
}

// UploadedCSV reads the form's file and its name, no larger than limit
// (what the API takes for the same import).
func UploadedCSV(c *gin.Context, limit int64) ([]byte, string, error) {
	return httpx.UploadedFile(c, limit, "page.import.too_large", "page.import.choose_file")
}

// PriceFen reads one unit price; the error is a message ID, "" when fine.
func PriceFen(price string, listPrice map[string]int64, productID string) (int64, string) {
	if price == "" {
		return listPrice[productID], "" // no product: draft reports the product
	}
	fen, err := web.ParseYuan(price)
	switch {
	case errors.Is(err, web.ErrYuanNegative):
		return 0, "page.form.price_negative"
	case errors.Is(err, web.ErrYuanPrecision):
		return 0, "page.form.price_precision"
	case errors.Is(err, web.ErrYuanRange) || err == nil && fen > policy.MaxUnitPriceFn:
		return 0, "page.form.price_too_large"
	case err != nil:
		return 0, "page.form.price_syntax"
	}
	return fen, ""
}

// CanRecordCustomers: the roles POST /api/v1/customers admits.
func CanRecordCustomers(u store.User) bool {
	return policy.HasRole(u.Roles, policy.RoleSalesperson) || policy.HasRole(u.Roles, policy.RoleSalesManager)
}

// careLinks fills the navigation's pipeline and guidance links from u's
// roles: the people who have customers or guide those who do.
func (n *Nav) careLinks(u store.User) {
	has := func(r policy.Role) bool { return policy.HasRole(u.Roles, r) }
	n.Pipeline = has(policy.RoleSalesperson) || has(policy.RoleSalesManager) || has(policy.RoleAdmin)
	n.Guidance = n.Pipeline
	n.Digest = has(policy.RoleSalesManager) || has(policy.RoleAdmin)
}

// LocalMinute is the datetime-local format the form uses.
const LocalMinute = "2006-01-02T15:04"

// visitLinks fills the navigation's visit links from u's roles.
func (n *Nav) visitLinks(u store.User) {
	has := func(r policy.Role) bool { return policy.HasRole(u.Roles, r) }
	sales, manager, admin := has(policy.RoleSalesperson), has(policy.RoleSalesManager), has(policy.RoleAdmin)
	n.Visits = sales || manager || admin || has(policy.RoleFrontDesk)
	n.NewVisit = sales
	n.Board = has(policy.RoleFrontDesk)
	n.Activity = sales || manager || admin
}
