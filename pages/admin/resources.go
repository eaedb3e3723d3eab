package admin

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The admins' media resource pages (issue 13): the list with its filters
// and the form to add one, and one resource's edit form. The checks are
// the API's (service.SaveResource).

// sellUnits are the form's choices of policy.SellUnit.
var sellUnits = []string{"day", "week", "month"}

// adminResourcesPage is the resource list with the new-resource form.
type adminResourcesPage struct {
	site.Base
	Kind, City string
	Resources  []store.MediaResource
	Next       string
	Form       resourceForm
	Kinds      []string
	SellUnits  []string
	Products   []store.Product
}

// resourceForm is a resource form as typed.
type resourceForm struct {
	ID, Key, Code, Name, Kind, ProductID, City, District, Address string
	Latitude, Longitude, Capacity, SellUnit, ActiveFrom, ActiveTo string
	Notes                                                         string
}

func readResourceForm(c *gin.Context) resourceForm {
	v := func(name string) string { return strings.TrimSpace(c.PostForm(name)) }
	return resourceForm{Key: site.FormKey(c), Code: v("code"), Name: v("name"), Kind: v("kind"), ProductID: v("product_id"),
		City: v("city"), District: v("district"), Address: v("address"), Latitude: v("latitude"),
		Longitude: v("longitude"), Capacity: v("capacity"), SellUnit: v("sell_unit"), ActiveFrom: v("active_from"),
		ActiveTo: v("active_to"), Notes: c.PostForm("notes")}
}

func formOf(r store.MediaResource) resourceForm {
	f := resourceForm{ID: r.ID, Key: site.NewFormKey(), Code: r.Code, Name: r.Name, Kind: r.Kind, ProductID: r.ProductID,
		City: r.City, District: r.District, Address: r.Address, Capacity: strconv.Itoa(r.Capacity),
		SellUnit: r.SellUnit, ActiveFrom: r.ActiveFrom, ActiveTo: r.ActiveTo, Notes: r.Notes}
	if r.Latitude != nil {
		f.Latitude, f.Longitude = strconv.FormatFloat(*r.Latitude, 'f', -1, 64), strconv.FormatFloat(*r.Longitude, 'f', -1, 64)
	}
	return f
}

// request reads the typed numbers; what cannot be read is a field error.
func (f resourceForm) request() (service.ResourceInput, error) {
	var v service.Validation
	req := service.ResourceInput{Code: f.Code, Name: f.Name, Kind: f.Kind, ProductID: f.ProductID, City: f.City,
		District: f.District, Address: f.Address, SellUnit: f.SellUnit, ActiveFrom: f.ActiveFrom,
		ActiveTo: f.ActiveTo, Notes: f.Notes}
	if f.Capacity != "" {
		n, err := strconv.Atoi(f.Capacity)
		if err != nil {
			v.Add("capacity", "field.capacity", service.MaxCapacity)
		}
		req.Capacity = n
	}
	req.Latitude = readFloat(&v, "latitude", "field.latitude", f.Latitude)
	req.Longitude = readFloat(&v, "longitude", "field.longitude", f.Longitude)
	return req, v.Err()
}

// readFloat reads an optional decimal ("" is nil); msgID says what is
// expected when it is not one.
func readFloat(v *service.Validation, field, msgID, s string) *float64 {
	if s == "" {
		return nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		v.Add(field, msgID)
		return nil
	}
	return &x
}

func (p *Server) adminResources(c *gin.Context) {
	p.showResources(c, http.StatusOK, adminResourcesPage{Base: p.Base(c, "admin_resources"),
		Form: resourceForm{Key: site.NewFormKey(), Capacity: "1", SellUnit: "week"}})
}

func (p *Server) showResources(c *gin.Context, status int, page adminResourcesPage) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	page.Kind, page.City, page.Kinds, page.SellUnits = c.Query("kind"), c.Query("city"), store.ResourceKinds, sellUnits
	f, err := httpx.ResourceFilter(c)
	if err != nil {
		p.Fail(c, err)
		return
	}
	if page.Resources, page.Next, err = p.Svc.Resources(ctx, f); err == nil {
		page.Products, err = p.Svc.Products(ctx)
	}
	if err != nil {
		p.Fail(c, err)
		return
	}
	p.Render(c, status, "admin_resources", page)
}

// saveResourceForm is the form twin of POST /api/v1/resources (id "") and
// PUT /api/v1/resources/{id}. A new resource's id comes from the form's
// key, so a double click adds one.
func (p *Server) saveResourceForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := readResourceForm(c)
	f.ID = c.Param("id")
	req, err := f.request()
	update := f.ID != ""
	id := f.ID
	if !update {
		id = service.ResourceID(u, f.Key)
	}
	if err != nil {
		_, ierr := req.Check()
		err = service.JoinProblems(err, ierr)
	} else {
		_, err = p.Svc.SaveResource(ctx, u, id, update, req)
	}
	if err == nil {
		p.Done(c, "page.admin.resource_saved", "/admin/resources")
		return
	}
	page := adminResourcesPage{Base: p.Base(c, "admin_resources"), Form: f}
	page.Problem = p.ProblemFor(c, err)
	if update {
		p.showResource(c, page.Problem.Status, page)
		return
	}
	p.showResources(c, page.Problem.Status, page)
}

// adminResource is one resource's edit form.
func (p *Server) adminResource(c *gin.Context) {
	r, ok := site.LoadParam(p.Site, c, "resource", p.Svc.Resource)
	if !ok {
		return
	}
	p.showResource(c, http.StatusOK, adminResourcesPage{Base: p.Base(c, "admin_resources"), Form: formOf(r)})
}

func (p *Server) showResource(c *gin.Context, status int, page adminResourcesPage) {
	products, ok := p.rateCard(c)
	if !ok {
		return
	}
	page.Products, page.Kinds, page.SellUnits = products, store.ResourceKinds, sellUnits
	p.Render(c, status, "admin_resource", page)
}

// rateCard is every product for a form's choices; ok false when it could
// not be read and the error page is already shown.
func (p *Server) rateCard(c *gin.Context) ([]store.Product, bool) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	products, err := p.Svc.Products(ctx)
	if err != nil {
		p.Fail(c, err)
		return nil, false
	}
	return products, true
}

// adminResourceRoutes mounts the resource pages under /admin.
func (p *Server) adminResourceRoutes(admin *gin.RouterGroup) {
	admin.GET("/resources", p.adminResources)
	admin.GET("/resources/import", p.resourceImportPage)
	admin.POST("/resources/import", p.resourceImportSubmit)
	admin.POST("/resources", p.saveResourceForm)
	admin.GET("/resources/:id", p.adminResource)
	admin.POST("/resources/:id", p.saveResourceForm)
}
