// Command i18nimport moves messages written as Go maps into the catalogue
// files, for a branch that still adds keys the old way:
//
//	go run ./i18n/cmd/i18nimport api/i18n_input.go && git rm api/i18n_input.go
//
// It reads every map literal in the files whose entries are
// "key": {"中文", "English"} (the old map[string]message or [2]string form),
// adds each key to i18n/locales/zh-Hans.json and en.json, and writes both
// files back sorted. A key already in a catalogue with another text is an
// error, so nothing is overwritten by accident (-overwrite lets the Go
// file's text win, for a branch that changed a text); the same text is a
// no-op, so running it twice is harmless.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	dir := flag.String("locales", "i18n/locales", "the directory of zh-Hans.json and en.json")
	overwrite := flag.Bool("overwrite", false, "let the Go files' texts replace different ones in the catalogues")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: i18nimport [-locales dir] [-overwrite] file.go...")
		os.Exit(2)
	}
	moved, total, err := run(*dir, flag.Args(), *overwrite)
	if err != nil {
		fmt.Fprintln(os.Stderr, "i18nimport:", err)
		os.Exit(1)
	}
	fmt.Printf("%d entries moved, %d keys in the catalogues; delete the Go files now\n", moved, total)
}

// files are the catalogues, in the order of an entry's two texts.
var files = [2]string{"zh-Hans.json", "en.json"}

// run merges the entries of sources into the catalogues in dir and returns
// how many entries it read and how many keys the catalogues now hold.
func run(dir string, sources []string, overwrite bool) (moved, total int, err error) {
	var cats [2]map[string]string
	for i, name := range files {
		c, err := readCatalogue(filepath.Join(dir, name))
		if err != nil {
			return 0, 0, err
		}
		cats[i] = c
	}
	var errs []error
	for _, src := range sources {
		entries, err := entriesOf(src)
		if err != nil {
			return 0, 0, err
		}
		for _, e := range entries {
			moved++
			for i := range cats {
				if old, ok := cats[i][e.key]; ok && old != e.text[i] && !overwrite {
					errs = append(errs, fmt.Errorf("%s: %s in %s is %q, not %q", e.pos, e.key, files[i], old, e.text[i]))
					continue
				}
				cats[i][e.key] = e.text[i]
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return 0, 0, err
	}
	for i, name := range files {
		if err := writeCatalogue(filepath.Join(dir, name), cats[i]); err != nil {
			return 0, 0, err
		}
	}
	return moved, len(cats[0]), nil
}

type entry struct {
	pos  token.Position
	key  string
	text [2]string
}

// entriesOf finds every "key": {"zh", "en"} in the map literals of a file.
func entriesOf(path string) ([]entry, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return nil, err
	}
	var out []entry
	var bad error
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		if _, isMap := lit.Type.(*ast.MapType); !isMap {
			return true
		}
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			e, ok := pair(kv)
			if !ok {
				bad = fmt.Errorf("%s: not a \"key\": {\"中文\", \"English\"} entry", fset.Position(kv.Pos()))
				return false
			}
			e.pos = fset.Position(kv.Pos())
			out = append(out, e)
		}
		return false
	})
	return out, bad
}

func pair(kv *ast.KeyValueExpr) (entry, bool) {
	var e entry
	key, ok := stringLit(kv.Key)
	val, isLit := kv.Value.(*ast.CompositeLit)
	if !ok || !isLit || len(val.Elts) != 2 {
		return e, false
	}
	e.key = key
	for i, el := range val.Elts {
		if e.text[i], ok = stringLit(el); !ok {
			return e, false
		}
	}
	return e, true
}

func stringLit(x ast.Expr) (string, bool) {
	b, ok := x.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

func readCatalogue(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	c := map[string]string{}
	return c, json.Unmarshal(b, &c)
}

// writeCatalogue writes one flat object, keys sorted (encoding/json sorts
// map keys), without escaping <, > and & so the texts read as written.
func writeCatalogue(path string, c map[string]string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
