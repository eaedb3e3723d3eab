package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The browser tests drive headless Chromium with chromedp against the
// integration environment's server: real clicks and typing, the real
// htmx, the real cookies. They are integration tests (newTestEnv) that
// also need Chromium: without it they skip on a developer's machine and
// fail in CI (CI=true), where scripts/system-packages.sh installs it.

// stepTimeout bounds one step (a click and the page it leads to). It is
// generous on purpose: the machines are small and shared, and a test must
// never depend on how fast they are.
const stepTimeout = 2 * time.Minute

// chromiumPath finds the browser: SALESFLOW_CHROMIUM, else the Debian
// package's binary or another Chromium on PATH.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SALESFLOW_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("browser test: Chromium not found in CI (scripts/system-packages.sh installs the Debian package chromium)")
	}
	t.Skip("browser test: Chromium not found (apt-get install chromium, or set SALESFLOW_CHROMIUM)")
	return ""
}

// browserSession is one Chromium for one test; each person in the test
// gets a tab of their own in a browser context of their own (own cookies).
type browserSession struct {
	t    *testing.T
	e    *testEnv
	root context.Context
}

// newBrowser starts headless Chromium for the test and stops it at its end.
func (e *testEnv) newBrowser(t *testing.T) *browserSession {
	t.Helper()
	exe := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
		// A Chinese-speaking user's browser: Simplified Chinese glyphs
		// preferred for Han characters, Accept-Language asking for Chinese.
		chromedp.Env("LANG=zh_CN.UTF-8", "LANGUAGE=zh_CN"),
		chromedp.Flag("lang", "zh-CN"), chromedp.Flag("accept-lang", "zh-CN,zh"))
	if os.Geteuid() == 0 { // Chromium refuses to run as root with its sandbox
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	root, cancelRoot := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	t.Cleanup(func() { cancelRoot(); cancelAlloc() })
	if err := chromedp.Do(root); err != nil { // starts the browser
		t.Fatalf("start Chromium (%s): %v", exe, err)
	}
	return &browserSession{t: t, e: e, root: root}
}

// person is one signed-in (or about to sign in) user's tab.
type person struct {
	t    *testing.T
	b    *browserSession
	name string
	ctx  context.Context
}

// person opens a tab in a fresh browser context, so cookies are its own.
func (b *browserSession) person(name string) *person {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // the tab's first run, without a deadline
		b.t.Fatalf("open a tab for %s: %v", name, err)
	}
	return &person{t: b.t, b: b, name: name, ctx: ctx}
}

// do runs one step's actions within stepTimeout and fails the test with
// where the tab was when a step does not complete.
func (p *person) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	read(p, what, chromedp.Steps(actions...))
}

// read runs one action that answers a value, as do runs steps.
func read[T any](p *person, what string, action chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.t.Fatalf("%s: %s: %v (at %s)", p.name, what, err, p.where())
	}
	return v
}

// where describes the tab for a failure: its URL and the problem the page
// shows, if any.
func (p *person) where() string {
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	where, _ := chromedp.Run(ctx, chromedp.Location())
	problem, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
		`Array.from(document.querySelectorAll(".problem, .field-error")).map(e => e.innerText).join(" | ")`))
	if problem != "" {
		where += ", showing: " + strings.Join(strings.Fields(problem), " ")
	}
	return where
}

// open navigates to path and waits until sel is visible.
func (p *person) open(path, sel string) {
	p.t.Helper()
	p.do("open "+path, chromedp.Navigate(p.b.e.URL+path))
	p.waitVisible("open "+path, sel)
}

// waitVisible waits until sel is visible on the tab's page.
func (p *person) waitVisible(what, sel string) {
	p.t.Helper()
	p.do(what, visible(sel))
}

// The actions below find elements by asking the page itself
// (Runtime.evaluate of document.querySelector), each question bounded by
// askTimeout and asked again until the step's deadline. chromedp's own
// queries (WaitVisible, Click, SendKeys on a selector) follow the DOM
// through its events; a query begun while a navigation replaced the
// document can wait for ever on the old one, and three CI runs saw exactly
// that with the page long loaded. Clicks and typing stay real input
// events (Input.dispatchMouseEvent, Input.dispatchKeyEvent).

// askTimeout bounds one question to the page.
const askTimeout = 5 * time.Second

// askInterval is the pause between two questions.
const askInterval = 100 * time.Millisecond

// ask evaluates a JavaScript function of the selector on the page until it
// answers ok, or the step's context ends; it returns the last answer.
func ask[T any](ctx context.Context, t *chromedp.Target, sel, fn string, ok func(T) bool) (T, error) {
	expr := fmt.Sprintf("(%s)(%q)", fn, sel)
	var last error
	for {
		actx, cancel := context.WithTimeout(ctx, askTimeout)
		v, err := chromedp.Evaluate[T](expr)(actx, t)
		cancel()
		if err == nil && ok(v) {
			return v, nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return v, fmt.Errorf("%w (the page last answered: %v)", ctx.Err(), last)
			}
			return v, fmt.Errorf("%w (%s never matched)", ctx.Err(), sel)
		case <-time.After(askInterval):
		}
	}
}

func isTrue(b bool) bool { return b }

// jsVisible is true when the selector matches an element that takes up
// room on the page and is not hidden.
const jsVisible = `(sel) => { const e = document.querySelector(sel);
	return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; }`

// visible waits until sel matches a visible element.
func visible(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := ask(ctx, t, sel, jsVisible, isTrue)
		return err
	})
}

// gone waits until sel matches nothing.
func gone(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := ask(ctx, t, sel, `(sel) => document.querySelector(sel) === null`, isTrue)
		return err
	})
}

// point is where on the screen a click lands.
type point struct {
	X, Y float64
	Hit  bool // the element itself (or a child) is what is under the point
}

// click scrolls the element sel matches to the middle of the window and
// clicks its centre with the mouse, once nothing else covers it.
func click(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		at, err := ask(ctx, t, sel, `(sel) => { const e = document.querySelector(sel);
			if (!e || e.getClientRects().length === 0) return null;
			e.scrollIntoView({block: "center", inline: "center"});
			const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
			const under = document.elementFromPoint(x, y);
			return {X: x, Y: y, Hit: !!under && (under === e || e.contains(under) || (e.labels && [...e.labels].some(l => l.contains(under))))}; }`,
			func(p *point) bool { return p != nil && p.Hit })
		if err != nil {
			return err
		}
		_, err = chromedp.MouseClickXY(at.X, at.Y)(ctx, t)
		return err
	})
}

// typeIn focuses the field sel matches and types text into it, key by key.
func typeIn(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := ask(ctx, t, sel, `(sel) => { const e = document.querySelector(sel);
			if (!e) return false; e.focus(); return document.activeElement === e; }`, isTrue); err != nil {
			return err
		}
		_, err := chromedp.KeyEvent(text)(ctx, t)
		return err
	})
}

// setValue sets a field's value directly (a <select>'s option, a date) and
// tells the page, as a person's change would.
func setValue(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		fn := fmt.Sprintf(`(sel) => { const e = document.querySelector(sel); if (!e) return false;
			e.value = %q; e.dispatchEvent(new Event("input", {bubbles: true}));
			e.dispatchEvent(new Event("change", {bubbles: true})); return true; }`, value)
		_, err := ask(ctx, t, sel, fn, isTrue)
		return err
	})
}

// clearField empties a text field.
func clearField(sel string) chromedp.Action[chromedp.Void] { return setValue(sel, "") }

// property reads a property of the element sel matches (innerText, value)
// or, for "@name", its attribute, once the element is there.
func property(sel, name string) chromedp.Action[string] {
	return func(ctx context.Context, t *chromedp.Target) (string, error) {
		get := fmt.Sprintf("e[%q]", name)
		if attr, ok := strings.CutPrefix(name, "@"); ok {
			get = fmt.Sprintf("e.getAttribute(%q)", attr)
		}
		fn := fmt.Sprintf(`(sel) => { const e = document.querySelector(sel); if (!e) return null;
			const v = %s; return v === null || v === undefined ? "" : String(v); }`, get)
		v, err := ask(ctx, t, sel, fn, func(v *string) bool { return v != nil })
		if err != nil {
			return "", err
		}
		return *v, nil
	}
}

// signIn types the username and password into the sign-in form.
func (p *person) signIn(username string) {
	p.t.Helper()
	p.open("/login", "#login-form")
	p.do("sign in as "+username,
		typeIn("#username", username), typeIn("#password", testPassword),
		click("#sign-in"), visible("#sign-out"))
}

// text is the visible text of the first element sel matches.
func (p *person) text(sel string) string {
	p.t.Helper()
	p.waitVisible("wait for "+sel, sel)
	return strings.TrimSpace(read(p, "read "+sel, property(sel, "innerText")))
}

// attr is an attribute of the first element sel matches.
func (p *person) attr(sel, name string) string {
	p.t.Helper()
	return read(p, "read "+sel+"@"+name, property(sel, "@"+name))
}

// count is how many elements sel matches now (no waiting).
func (p *person) count(sel string) int {
	p.t.Helper()
	return read(p, "count "+sel, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", sel)))
}

// wantText fails unless the element sel shows want.
func (p *person) wantText(sel, want string) {
	p.t.Helper()
	if got := p.text(sel); !strings.Contains(got, want) {
		p.t.Errorf("%s: %s shows %q, want %q", p.name, sel, got, want)
	}
}

// fetch GETs path with the tab's cookies (HttpOnly ones included), as the
// browser would when the link is followed, and returns the response's
// content type and body.
func (p *person) fetch(path string) (int, string, []byte) {
	p.t.Helper()
	cookies := read(p, "read cookies", func(ctx context.Context, t *chromedp.Target) ([]*network.Cookie, error) {
		res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{p.b.e.URL}})
		return res.Cookies, err
	})
	req, err := http.NewRequest(http.MethodGet, p.b.e.URL+path, nil)
	if err != nil {
		p.t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), body
}

// screenshotWidths are the phone and desktop widths every screenshot is
// taken at.
var screenshotWidths = []int64{390, 1280}

// screenshotDir is where screenshots go: SALESFLOW_SCREENSHOTS, else
// .data/screenshots at the repository root (ignored by git).
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("SALESFLOW_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", ".data", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot directory: %v", err)
	}
	return dir
}

// screenshot saves the whole page at each width as NAME-WIDTH.png and
// puts the tab back at the desktop width.
func (p *person) screenshot(name string) {
	p.t.Helper()
	dir := screenshotDir(p.t)
	for _, w := range screenshotWidths {
		p.do("resize for "+name, chromedp.EmulateViewport(w, 900), visible("body"))
		png := read(p, "screenshot "+name, chromedp.FullScreenshot(100))
		file := filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w))
		if err := os.WriteFile(file, png, 0o644); err != nil {
			p.t.Fatalf("write %s: %v", file, err)
		}
	}
	p.do("restore the viewport", chromedp.EmulateViewport(1280, 900))
}
