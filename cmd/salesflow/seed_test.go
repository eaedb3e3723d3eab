package main

import (
	"context"
	"testing"

	"salesflow/store/storetest"
)

// TestSeedTwiceCreatesOnce: `make run` seeds on every start, so seeding an
// already seeded database must change nothing.
func TestSeedTwiceCreatesOnce(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := seedUsers(ctx, st, "demo-password"); err != nil {
			t.Fatal(err)
		}
		if err := seedProducts(ctx, st); err != nil {
			t.Fatal(err)
		}
		if err := seedCustomers(ctx, st); err != nil {
			t.Fatal(err)
		}
		if err := seedResources(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	var resources, prices int
	_ = st.DB().Get(&resources, `SELECT count(*) FROM media_resources`)
	_ = st.DB().Get(&prices, `SELECT count(*) FROM product_prices`)
	if resources != len(demoResources) || prices != 1 {
		t.Fatalf("got %d resources, %d dated prices", resources, prices)
	}
	var users, products, customers int
	db := st.DB()
	_ = db.Get(&users, `SELECT count(*) FROM users`)
	_ = db.Get(&products, `SELECT count(*) FROM products`)
	_ = db.Get(&customers, `SELECT count(*) FROM customers`)
	if users != len(demoUsers) || products != len(demoProducts) || customers != len(demoCustomers) {
		t.Fatalf("got %d users, %d products, %d customers", users, products, customers)
	}
	sales1, err := st.UserByUsername(ctx, "sales1")
	if err != nil || sales1.DiscountAuthorityPct != 10 || sales1.ManagerID == "" {
		t.Fatalf("sales1: %+v %v", sales1, err)
	}
}
