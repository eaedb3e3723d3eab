package httpx

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/store"
)

// CustomerQuery reads ?owner=&class=&q= and the page (service.Customers
// checks them).
func CustomerQuery(c *gin.Context) service.CustomerQuery {
	return service.CustomerQuery{Owner: c.Query("owner"), Class: c.Query("class"), Query: c.Query("q"), Page: Page(c)}
}

// ResourceFilter reads ?kind=&city=&active=&cursor=&limit=; a value no
// resource can have is a problem naming the parameter.
func ResourceFilter(c *gin.Context) (store.ResourceFilter, error) {
	var v service.Validation
	f := store.ResourceFilter{Kind: c.Query("kind"), City: strings.TrimSpace(c.Query("city")),
		Active: c.Query("active"), Day: policy.DateKey(time.Now().In(policy.Shanghai)), Page: Page(c)}
	service.CheckKind(&v, f.Kind)
	if f.Active != "" && f.Active != "true" && f.Active != "false" {
		v.Add("active", "field.one_of", "true, false")
	}
	return f, v.Err()
}

// DeliveryState reads ?state=failed|pending (default failed).
func DeliveryState(c *gin.Context) (string, error) {
	switch state := c.DefaultQuery("state", store.DeliveryFailed); state {
	case store.DeliveryFailed, store.DeliveryPending:
		return state, nil
	}
	var v service.Validation
	v.Add("state", "field.delivery_state")
	return "", v.Err()
}

// CalendarDay reads :date as a Shanghai date.
func CalendarDay(c *gin.Context) (time.Time, error) {
	var v service.Validation
	d, _ := service.CheckDay(&v, "date", c.Param("date"), service.BusinessDays(time.Now()))
	return d, v.Err()
}

// MaxScanBytes bounds one paper scan.
const MaxScanBytes = 10 << 20

// ScanExt are what a scan may be, by its bytes (not its name), with the
// file name extension a downloaded scan gets.
var ScanExt = map[string]string{"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}

// UploadedScan reads the form's file "file": at most MaxScanBytes, a PDF,
// PNG or JPEG by its content.
func UploadedScan(c *gin.Context) (service.ScanFile, error) {
	content, name, err := UploadedFile(c, MaxScanBytes, "field.scan_too_large", "field.scan_required")
	if err != nil {
		return service.ScanFile{}, err
	}
	kind := http.DetectContentType(content)
	if ScanExt[kind] == "" {
		var v service.Validation
		v.Add("file", "field.scan_type")
		return service.ScanFile{}, v.Err()
	}
	runes := []rune(strings.ToValidUTF8(filepath.Base(name), ""))
	return service.ScanFile{Content: content, ContentType: kind, Filename: string(runes[:min(len(runes), 200)])}, nil
}

// UploadedFile reads the multipart form's file "file", at most limit
// bytes: too large is the problem tooLargeID (with the limit in MiB), no
// file missingID, both on the field "file".
func UploadedFile(c *gin.Context, limit int64, tooLargeID, missingID string) ([]byte, string, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit+64<<10)
	var v service.Validation
	fh, err := c.FormFile("file")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge) || (err == nil && fh.Size > limit):
		v.Add("file", tooLargeID, limit>>20)
	case err != nil:
		v.Add("file", missingID)
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, limit))
	return content, fh.Filename, err
}
