package web

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var screenshots = flag.String("screenshots", "", "render the main pages of the sample workspace to PNG files in `DIR` (with -run TestScreenshots)")

// TestScreenshots renders the main pages to PNG for a reviewer to look
// at. It runs only when asked:
//
//	go test ./web -run TestScreenshots -args -screenshots=/tmp/shots
func TestScreenshots(t *testing.T) {
	if *screenshots == "" {
		t.Skip("pass -screenshots=DIR to render the pages")
	}
	bctx := browser(t)
	s := newServer(t, newWorkspace(t), "")
	r1 := startReview(t, s, partnership+"@2023", partnership+"@2025")
	ids := changeIDs(t, do(s, "GET", "/a/"+partnership+"/diff?old=2023&new=2025", nil).Body.String(), r1)
	do(s, "POST", "/reviews/"+r1+"/changes/"+ids[0], form("csrf", s.CSRFToken(), "verdict", "accept"))
	do(s, "POST", "/reviews/"+r1+"/changes/"+ids[1], form("csrf", s.CSRFToken(), "verdict", "flag", "comment", "Ask the Lab about the new recitals"))
	ts := httptest.NewServer(s)
	defer ts.Close()
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"agreement", "/a/" + partnership},
		{"diff", "/a/" + partnership + "/diff?old=2023&new=2025&changed=1"},
		{"search", "/search?q=exclusive&version=all"},
		{"history", "/a/" + partnership + "/history/5.1?version=2023"},
		{"reviews", "/reviews"},
		{"review", "/reviews/" + r1},
		{"memo", "/reviews/" + r1 + "/memo"},
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900), chromedp.Navigate(ts.URL+p.path)); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		out := filepath.Join(*screenshots, p.name+".png")
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", out)
	}
}
