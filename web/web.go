// Package web holds Salesflow's server-rendered pages: the html/template
// files and the static assets (a hand-written stylesheet and the vendored
// htmx), embedded into the binary so the pages need no Node build step and
// no files beside the executable.
//
// The package knows nothing of the API or the store: handlers in package api
// build plain view data and choose the language; this package parses every
// template once per language of package i18n, with that language's lookup
// bound as the template function t, and renders pages and htmx fragments.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"salesflow/i18n"
)

//go:embed templates static
var files embed.FS

// Options configures a Renderer.
type Options struct {
	// Location is the time zone times are shown in (the company's).
	Location *time.Location
}

// Renderer holds the parsed templates of every page in every language.
type Renderer struct {
	pages     map[string]map[string]*template.Template // lang → page → template
	fragments map[string]*template.Template            // lang → partials alone
}

// shared are parsed into every page: the layout and the partials.
var shared = []string{"templates/layout.html", "templates/partials.html"}

// New parses the templates. An error here is a defect in the templates.
func New(opts Options) (*Renderer, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	assets, err := assetVersions()
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]map[string]*template.Template{}, fragments: map[string]*template.Template{}}
	for _, l := range i18n.Languages() {
		lang := string(l)
		funcs := funcMap(l, opts.Location, assets)
		r.pages[lang] = map[string]*template.Template{}
		for _, name := range names {
			if name == shared[0] || name == shared[1] {
				continue
			}
			page := strings.TrimSuffix(path.Base(name), ".html")
			tmpl, err := template.New(page).Funcs(funcs).ParseFS(files, append(shared, name)...)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", page, err)
			}
			r.pages[lang][page] = tmpl
		}
		if r.fragments[lang], err = template.New("partials").Funcs(funcs).ParseFS(files, shared[1]); err != nil {
			return nil, fmt.Errorf("partials: %w", err)
		}
	}
	return r, nil
}

// Page renders the whole page (layout around the page's "content") into w.
// It renders into a buffer first so a template error never leaves half a
// page on the wire.
func (r *Renderer) Page(w io.Writer, lang, page string, data any) error {
	tmpl, ok := r.pages[lang][page]
	if !ok {
		return fmt.Errorf("no page %q in language %q", page, lang)
	}
	return execute(w, tmpl, "layout", data)
}

// Fragment renders one named partial (an htmx swap target) into w.
func (r *Renderer) Fragment(w io.Writer, lang, name string, data any) error {
	tmpl, ok := r.fragments[lang]
	if !ok {
		return fmt.Errorf("no language %q", lang)
	}
	return execute(w, tmpl, name, data)
}

func execute(w io.Writer, tmpl *template.Template, name string, data any) error {
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

// Static serves the embedded assets. Asset URLs carry a content hash (see
// the template function asset), so they may be cached for a long time;
// directory listings are refused.
func Static(prefix string) http.Handler {
	sub, _ := fs.Sub(files, "static") // cannot fail: "static" is embedded
	fileServer := http.StripPrefix(prefix, http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if strings.HasSuffix(req.URL.Path, "/") {
			http.NotFound(w, req)
			return
		}
		if req.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		fileServer.ServeHTTP(w, req)
	})
}

// assetVersions maps each static file to a short hash of its content, so a
// changed stylesheet gets a new URL and no browser keeps the old one.
func assetVersions() (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[strings.TrimPrefix(p, "static/")] = hex.EncodeToString(sum[:4])
		return nil
	})
	return out, err
}
