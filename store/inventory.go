package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"salesflow/policy"
)

// MediaResource is a slot the company sells (点位/广告位, issue 13): a
// billboard face, a light box, a screen loop. It is sold as its rate-card
// product in its sellable unit, capacity at once, between ActiveFrom and
// ActiveTo (both inclusive, YYYY-MM-DD; ActiveTo "" is open-ended).
type MediaResource struct {
	ID          string    `json:"id"`
	Code        string    `json:"code"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	ProductID   string    `json:"product_id"`
	ProductName string    `json:"product_name"`
	City        string    `json:"city"`
	District    string    `json:"district"`
	Address     string    `json:"address"`
	Latitude    *float64  `json:"latitude"`
	Longitude   *float64  `json:"longitude"`
	Capacity    int       `json:"capacity"`
	SellUnit    string    `json:"sell_unit"`
	ActiveFrom  string    `json:"active_from"`
	ActiveTo    string    `json:"active_to,omitempty"`
	Notes       string    `json:"notes"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// ResourceKinds lists the kinds media_resources accepts, in display order.
var ResourceKinds = []string{"billboard", "light_box", "led_screen", "elevator_frame", "bus_shelter", "other"}

// ActiveOver reports whether r is sold on every day from..to (YYYY-MM-DD).
func (r MediaResource) ActiveOver(from, to string) bool {
	return r.ActiveFrom <= from && (r.ActiveTo == "" || to <= r.ActiveTo)
}

// resourceRow is a media_resources row as scanned.
type resourceRow struct {
	ID          string          `db:"id"`
	Code        string          `db:"code"`
	Name        string          `db:"name"`
	Kind        string          `db:"kind"`
	ProductID   string          `db:"product_id"`
	ProductName string          `db:"product_name"`
	City        string          `db:"city"`
	District    string          `db:"district"`
	Address     string          `db:"address"`
	Latitude    sql.NullFloat64 `db:"latitude"`
	Longitude   sql.NullFloat64 `db:"longitude"`
	Capacity    int             `db:"capacity"`
	SellUnit    string          `db:"sell_unit"`
	ActiveFrom  time.Time       `db:"active_from"`
	ActiveTo    sql.NullTime    `db:"active_to"`
	Notes       string          `db:"notes"`
	CreatedAt   time.Time       `db:"created_at"`
	UpdatedAt   time.Time       `db:"updated_at"`
}

func (r resourceRow) toResource() MediaResource {
	out := MediaResource{ID: r.ID, Code: r.Code, Name: r.Name, Kind: r.Kind, ProductID: r.ProductID,
		ProductName: r.ProductName, City: r.City, District: r.District, Address: r.Address, Capacity: r.Capacity,
		SellUnit: r.SellUnit, ActiveFrom: r.ActiveFrom.Format(policy.DateLayout), Notes: r.Notes,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.Latitude.Valid && r.Longitude.Valid {
		lat, lng := r.Latitude.Float64, r.Longitude.Float64
		out.Latitude, out.Longitude = &lat, &lng
	}
	if r.ActiveTo.Valid {
		out.ActiveTo = r.ActiveTo.Time.Format(policy.DateLayout)
	}
	return out
}

// ResourceInput is what creating or updating a resource writes; the API
// has checked it. Dates are YYYY-MM-DD, ActiveTo "" open-ended.
type ResourceInput struct {
	Code, Name, Kind, ProductID, City, District, Address string
	Latitude, Longitude                                  *float64
	Capacity                                             int
	SellUnit, ActiveFrom, ActiveTo, Notes                string
}

const resourceSelect = `SELECT r.id, r.code, r.name, r.kind, r.product_id, p.name AS product_name, r.city,
	r.district, r.address, r.latitude, r.longitude, r.capacity, r.sell_unit, r.active_from, r.active_to,
	r.notes, r.created_at, r.updated_at
	FROM media_resources r JOIN products p ON p.id = r.product_id`

// CreateResource adds a media resource as id; a taken code is ErrDuplicate,
// an unknown product ErrConstraint.
func (s *Store) CreateResource(ctx context.Context, id, createdBy string, in ResourceInput) (MediaResource, error) {
	const q = `INSERT INTO media_resources (id, code, name, kind, product_id, city, district, address, latitude,
		longitude, capacity, sell_unit, active_from, active_to, notes, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::date, NULLIF($14, '')::date, $15, NULLIF($16, ''))`
	_, err := s.db.ExecContext(ctx, q, id, in.Code, in.Name, in.Kind, in.ProductID, in.City, in.District, in.Address,
		in.Latitude, in.Longitude, in.Capacity, in.SellUnit, in.ActiveFrom, in.ActiveTo, in.Notes, createdBy)
	if err != nil {
		return MediaResource{}, mapErr(err)
	}
	return s.ResourceByID(ctx, id)
}

// UpdateResource replaces every field of resource id but its id.
func (s *Store) UpdateResource(ctx context.Context, id string, in ResourceInput) (MediaResource, error) {
	const q = `UPDATE media_resources SET code = $2, name = $3, kind = $4, product_id = $5, city = $6,
		district = $7, address = $8, latitude = $9, longitude = $10, capacity = $11, sell_unit = $12,
		active_from = $13::date, active_to = NULLIF($14, '')::date, notes = $15, updated_at = now() WHERE id = $1`
	res, err := s.db.ExecContext(ctx, q, id, in.Code, in.Name, in.Kind, in.ProductID, in.City, in.District, in.Address,
		in.Latitude, in.Longitude, in.Capacity, in.SellUnit, in.ActiveFrom, in.ActiveTo, in.Notes)
	if err != nil {
		return MediaResource{}, mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return MediaResource{}, ErrNotFound
	}
	return s.ResourceByID(ctx, id)
}

// ResourceByID returns one media resource.
func (s *Store) ResourceByID(ctx context.Context, id string) (MediaResource, error) {
	var r resourceRow
	if err := s.db.GetContext(ctx, &r, resourceSelect+` WHERE r.id = $1`, id); err != nil {
		return MediaResource{}, mapErr(err)
	}
	return r.toResource(), nil
}

// ResourceByCode returns the media resource with code (the import's key).
func (s *Store) ResourceByCode(ctx context.Context, code string) (MediaResource, error) {
	var r resourceRow
	if err := s.db.GetContext(ctx, &r, resourceSelect+` WHERE r.code = $1`, code); err != nil {
		return MediaResource{}, mapErr(err)
	}
	return r.toResource(), nil
}

// ResourcesByID returns the resources with the given ids, keyed by id;
// missing ids are absent.
func (s *Store) ResourcesByID(ctx context.Context, ids []string) (map[string]MediaResource, error) {
	var rows []resourceRow
	if err := s.db.SelectContext(ctx, &rows, resourceSelect+` WHERE r.id = ANY($1)`, pq.StringArray(ids)); err != nil {
		return nil, err
	}
	out := make(map[string]MediaResource, len(rows))
	for _, r := range rows {
		out[r.ID] = r.toResource()
	}
	return out, nil
}

// ResourceFilter narrows ListResources; empty fields match everything.
// Active "true" keeps resources sold on Day, "false" those not sold then.
type ResourceFilter struct {
	Kind, City, Active string
	Day                string // YYYY-MM-DD, for Active
	Page               Page   // keyset by code
}

const resourceList = resourceSelect + ` WHERE ($1 = '' OR r.kind = $1) AND ($2 = '' OR r.city = $2)
	AND ($3 = '' OR ($3 = 'true') = (r.active_from <= NULLIF($4, '')::date AND (r.active_to IS NULL OR r.active_to >= NULLIF($4, '')::date)))
	AND r.code > $5 ORDER BY r.code LIMIT $6`

// ListResources returns resources by code, keyset-paged by code (unique).
func (s *Store) ListResources(ctx context.Context, f ResourceFilter) ([]MediaResource, string, error) {
	limit := f.Page.clampLimit()
	var rows []resourceRow
	if err := s.db.SelectContext(ctx, &rows, resourceList, f.Kind, f.City, f.Active, f.Day, f.Page.Cursor, limit+1); err != nil {
		return nil, "", mapErr(err)
	}
	list := make([]MediaResource, len(rows))
	for i, r := range rows {
		list[i] = r.toResource()
	}
	return pageOf(list, limit, func(r MediaResource) string { return r.Code })
}

// ItemResource is what a proposal or contract line says of the resource it
// books (issue 13); all empty for a line without one.
type ItemResource struct {
	ResourceID   string `json:"resource_id,omitempty" db:"resource_id"`
	ResourceCode string `json:"resource_code,omitempty" db:"resource_code"`
	ResourceName string `json:"resource_name,omitempty" db:"resource_name"`
	StartsOn     string `json:"starts_on,omitempty" db:"starts_on"`
	EndsOn       string `json:"ends_on,omitempty" db:"ends_on"`
	// ListTotalFen is the line's list price R5.3 judged (policy.ListTotal).
	ListTotalFen int64 `json:"list_total_fen,omitempty" db:"list_total_fen"`
}

// itemResourceColumns reads ItemResource from items i joined to
// media_resources mr.
const itemResourceColumns = `COALESCE(i.resource_id, '') AS resource_id, COALESCE(mr.code, '') AS resource_code,
	COALESCE(mr.name, '') AS resource_name, COALESCE(to_char(i.starts_on, 'YYYY-MM-DD'), '') AS starts_on,
	COALESCE(to_char(i.ends_on, 'YYYY-MM-DD'), '') AS ends_on, COALESCE(i.list_total_fen, 0) AS list_total_fen`

// pricedLineColumns reads a policy.PricedLine (selectPricedLines) from
// items i.
const pricedLineColumns = `i.product_id, i.quantity, i.unit_price_fen, i.list_price_fen,
	COALESCE(i.resource_id, ''), COALESCE(to_char(i.starts_on, 'YYYY-MM-DD'), ''),
	COALESCE(to_char(i.ends_on, 'YYYY-MM-DD'), ''), COALESCE(i.list_total_fen, 0)`

// insertItem writes priced line l as line lineNo of version of the
// proposal or contract id (table proposal_items or contract_items, owner
// its key column), with its resource and dates when it names one.
func insertItem(ctx context.Context, tx *sqlx.Tx, table, owner, id string, version, lineNo int, l policy.PricedLine) error {
	var listTotal sql.NullInt64
	if l.ResourceID != "" {
		listTotal = sql.NullInt64{Int64: l.ListTotalFen, Valid: true}
	}
	q := `INSERT INTO ` + table + ` (` + owner + `, version, line_no, product_id, quantity, unit_price_fen,
		list_price_fen, resource_id, starts_on, ends_on, list_total_fen)
		VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, ''), NULLIF($9, '')::date, NULLIF($10, '')::date, $11)`
	_, err := tx.ExecContext(ctx, q, id, version, lineNo, l.ProductID, l.Quantity, l.UnitPriceFen, l.ListPriceFen,
		l.ResourceID, l.StartsOn, l.EndsOn, listTotal)
	return mapErr(err)
}
