package store

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"salesflow/policy"
)

// backfillNameCores gives every customer recorded before migrations/00017
// its near-duplicate block (policy.CompanyNameCore), which only the
// application can compute. It runs after the migrations, in batches, and
// finds nothing to do once every row has its core.
func (s *Store) backfillNameCores(ctx context.Context) error {
	const batch = 5000
	for {
		var rows []struct {
			ID   string `db:"id"`
			Name string `db:"name"`
		}
		if err := s.db.SelectContext(ctx, &rows, `SELECT id, name FROM customers
			WHERE name_core = '' AND normalised_name <> '' LIMIT $1`, batch); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		ids, cores := make([]string, len(rows)), make([]string, len(rows))
		for i, r := range rows {
			ids[i], cores[i] = r.ID, policy.CompanyNameCore(r.Name)
			if cores[i] == "" { // a legacy name of nothing but a legal form
				cores[i] = "#" + r.ID
			}
		}
		if _, err := s.db.ExecContext(ctx, `UPDATE customers c SET name_core = k.core
			FROM unnest($1::text[], $2::text[]) AS k(id, core) WHERE c.id = k.id`,
			pq.StringArray(ids), pq.StringArray(cores)); err != nil {
			return err
		}
	}
}

// SimilarCustomer is a near-duplicate: an existing record whose normalised
// name is close to a new one's (R2.2), told as id and owner only.
type SimilarCustomer struct {
	ExistingID string  `json:"existing_customer_id" db:"id"`
	OwnerName  string  `json:"owner_name" db:"owner_name"`
	Similarity float64 `json:"similarity" db:"similarity"`
}

// SimilarCustomers lists up to five other customers near name's block
// whose normalised name has a trigram similarity of at least 0.5 to name's
// (R2.2). The block is the customers whose policy.CompanyNameCore equals
// name's core, extends it ("星光" → "星光北区") or is a prefix of it of at
// least half its length — all answered by the btree on name_core
// (migrations/00017), so the cost is the block's size, not the registry's;
// at most similarBlockScan rows are compared.
func (s *Store) SimilarCustomers(ctx context.Context, name, exceptID string) ([]SimilarCustomer, error) {
	out := []SimilarCustomer{}
	norm, core := policy.NormaliseCompanyName(name), policy.CompanyNameCore(name)
	if norm == "" {
		return out, nil
	}
	err := s.db.SelectContext(ctx, &out, similarQuery("$1", "$2", "$3", "$4", "$5"), norm,
		pq.StringArray(corePrefixes(core)), core+"%", exceptID, similarBlockScan)
	return out, err
}

// similarQuery is SimilarCustomers' query over the placeholders of the
// normalised name, its core's prefixes, the core as a LIKE pattern, the
// ID to leave out and similarBlockScan; RecordCustomer asks it inside its
// duplicate probe.
func similarQuery(norm, prefixes, like, exceptID, limit string) string {
	return `SELECT k.id, COALESCE(u.name, '') AS owner_name, round(k.sim::numeric, 2)::float8 AS similarity
		FROM (SELECT c.id, c.owner_id, similarity(c.normalised_name, ` + norm + `) AS sim FROM customers c
		      WHERE (c.name_core = ANY(` + prefixes + `) OR c.name_core LIKE ` + like + `)
		        AND c.id <> ` + exceptID + ` LIMIT ` + limit + `) k
		LEFT JOIN users u ON u.id = k.owner_id
		WHERE k.sim >= 0.5 ORDER BY k.sim DESC, k.id LIMIT 5`
}

// corePrefixes are core and its prefixes of at least half its length (and
// two characters): an existing name shorter than that shares too little to
// reach the similarity threshold.
func corePrefixes(core string) []string {
	r := []rune(core)
	out := []string{core}
	for n := len(r) - 1; n >= max(2, (len(r)+1)/2); n-- {
		out = append(out, string(r[:n]))
	}
	return out
}

// similarBlockScan bounds the rows of one block compared with a new name: a
// core shared by thousands of names (a name of nothing but common words)
// must not make a create slow.
const similarBlockScan = 500

// importWarnings fills the near-duplicate warnings of every recorded row
// of an import in one query, with the rule and the bounds of
// SimilarCustomers: the row's block by the btree on name_core (the
// prefix as a range, which a core read from a column can use where LIKE
// cannot), trigram similarity only inside it. A later row of the same
// file is not a warning of an earlier one: recorded one by one, the
// earlier row never saw it; the file's recorded rows go along as a JSON
// object of id → row, a lookup per candidate. Each row's core prefixes
// travel joined by spaces, which a core never holds (CompanyNameCore
// splits the name on them).
func importWarnings(ctx context.Context, tx *sqlx.Tx, staged []Customer, out []ImportOutcome) error {
	var ords []int
	var ids, names, cores, prefixes []string
	rowOf := map[string]int{}
	for i, o := range out {
		if o.ID == "" {
			continue
		}
		rowOf[o.ID] = i
		if c := staged[i]; c.NormalisedName != "" {
			ords, ids, names, cores = append(ords, i), append(ids, c.ID), append(names, c.NormalisedName), append(cores, c.NameCore)
			prefixes = append(prefixes, strings.Join(corePrefixes(c.NameCore), " "))
		}
		out[i].Warnings = []SimilarCustomer{}
	}
	if len(ords) == 0 {
		return nil
	}
	file, err := json.Marshal(rowOf)
	if err != nil {
		return err
	}
	const q = `SELECT s.ord, k.id, COALESCE(u.name, '') AS owner_name, round(k.sim::numeric, 2)::float8 AS similarity
		FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) AS s(ord, id, normalised_name, name_core, prefixes)
		CROSS JOIN LATERAL (SELECT b.id, b.owner_id, b.sim FROM (
			SELECT c.id, c.owner_id, similarity(c.normalised_name, s.normalised_name) AS sim FROM customers c
			WHERE (c.name_core = ANY(string_to_array(s.prefixes, ' '))
			       OR (c.name_core ~>=~ s.name_core AND c.name_core ~<~ (s.name_core || chr(1114111))))
			  AND c.id <> s.id
			  AND COALESCE(($6::jsonb ->> c.id)::int, -1) < s.ord
			LIMIT $7) b
			WHERE b.sim >= 0.5 ORDER BY b.sim DESC, b.id LIMIT 5) k
		LEFT JOIN users u ON u.id = k.owner_id
		ORDER BY s.ord, k.sim DESC, k.id`
	var rows []struct {
		Ord int `db:"ord"`
		SimilarCustomer
	}
	if err := tx.SelectContext(ctx, &rows, q, pq.Array(ords), pq.StringArray(ids), pq.StringArray(names),
		pq.StringArray(cores), pq.StringArray(prefixes), string(file), similarBlockScan); err != nil {
		return err
	}
	for _, r := range rows {
		out[r.Ord].Warnings = append(out[r.Ord].Warnings, r.SimilarCustomer)
	}
	return nil
}
