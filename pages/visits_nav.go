package pages

import (
	"salesflow/policy"
	"salesflow/store"
)

// visitLinks fills the navigation's visit links from u's roles.
func (n *navView) visitLinks(u store.User) {
	has := func(r policy.Role) bool { return policy.HasRole(u.Roles, r) }
	sales, manager, admin := has(policy.RoleSalesperson), has(policy.RoleSalesManager), has(policy.RoleAdmin)
	n.Visits = sales || manager || admin || has(policy.RoleFrontDesk)
	n.NewVisit = sales
	n.Board = has(policy.RoleFrontDesk)
	n.Activity = sales || manager || admin
}
