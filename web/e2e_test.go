package web

import (
	"context"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/clausetrack/clausetrack/review"
)

const chromium = "/usr/bin/chromium"

// browser starts headless Chromium for a test. It skips the test when
// Chromium is not installed, unless CI=true, where that is a failure.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; CI must install chromium", chromium)
		}
		t.Skipf("%s is not installed (apt-get install chromium); skipping the browser test", chromium)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser; it must have no deadline of its
	// own, which would end the browser with it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// TestBrowserReview drives the review workflow in real Chromium: start a
// review of the sample 2023 → 2025 diff, accept one change and flag
// another with a comment, reload and see both, search and follow a hit to
// its clause history, and open the memo.
func TestBrowserReview(t *testing.T) {
	bctx := browser(t)
	s := newServer(t, newWorkspace(t), "")
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithTimeout(bctx, 25*time.Second)
	defer cancel()
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		step("read "+sel, err)
		return strings.TrimSpace(s)
	}
	poll := func(what, expr string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(5*time.Second)))
		step(what, err)
	}

	diffURL := ts.URL + "/a/" + partnership + "/diff?old=2023&new=2025&changed=1"
	step("open the diff", chromedp.Do(ctx, chromedp.Navigate(diffURL), chromedp.WaitVisible(chromedp.ID("start-review"))))
	step("start a review", chromedp.Do(ctx, chromedp.Click(chromedp.ID("start-review")), chromedp.WaitVisible(chromedp.CSS("form.decide"))))
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("article.change")).filter(a => a.querySelector("form.decide")).map(a => a.dataset.change)`))
	step("list changes", err)
	if len(ids) < 2 {
		t.Fatalf("%d changes to decide, want 2 or more", len(ids))
	}
	first, second := "#change-"+ids[0], "#change-"+ids[1]
	const comment = "Exclusivity narrowed: ask the partner <b>why</b>"

	step("accept", chromedp.Do(ctx, chromedp.Click(chromedp.CSS(first+" button.accept"))))
	poll("accepted shown", `document.querySelector("`+first+` .status-text").textContent === "accepted"`)
	// app.js (allowed by the CSP, as a file) recorded it in the background.
	poll("accepted by script", `!!document.querySelector("`+first+`").dataset.saved`)
	step("flag", chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(second+" textarea"), comment),
		chromedp.Click(chromedp.CSS(second+" button.flag"))))
	poll("flagged shown", `document.querySelector("`+second+` .status-text").textContent === "flagged"`)

	step("reload", chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("form.decide"))))
	if got := text(first + " .status-text"); !strings.EqualFold(got, "accepted") {
		t.Errorf("after reload, first change is %q", got)
	}
	if got := text(second + " .status-text"); !strings.EqualFold(got, "flagged") {
		t.Errorf("after reload, second change is %q", got)
	}
	if got := text(second + " .decision"); !strings.Contains(got, comment) {
		t.Errorf("after reload, the flag's comment is not shown as text: %q", got)
	}
	evs, _, err := review.OpenLog(s.w.Path()).Read()
	step("read the log", err)
	if len(evs) != 3 {
		t.Errorf("the log has %d events, want start, accept and flag", len(evs))
	}

	step("search", chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("quick-q"), "exclusive"),
		chromedp.Submit(chromedp.ID("quick-q")),
		chromedp.WaitVisible(chromedp.CSS("a.history-link"))))
	if got := text("#total"); !strings.Contains(got, "clause") {
		t.Errorf("search total %q", got)
	}
	step("follow a hit", chromedp.Do(ctx, chromedp.Click(chromedp.CSS("a.history-link")), chromedp.WaitVisible(chromedp.CSS("ol.history"))))
	if got := text("h1"); !strings.Contains(got, "clause history") {
		t.Errorf("history page h1 %q", got)
	}

	step("open the review", chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/reviews/r1"), chromedp.WaitVisible(chromedp.ID("memo-link"))))
	step("open the memo", chromedp.Do(ctx, chromedp.Click(chromedp.ID("memo-link")), chromedp.WaitVisible(chromedp.ID("m-flagged"))))
	if got := text("article.memo"); !strings.Contains(got, comment) || !strings.Contains(got, "Review memo") {
		t.Errorf("the memo does not name the flagged change with its comment:\n%.1500s", got)
	}
}
