package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/indexer"
	"github.com/clausetrack/clausetrack/review"
	"github.com/clausetrack/clausetrack/sample"
)

// The markup agreement: version 2 adds contract text that looks like
// markup, which every page must show as text.
const (
	markupV1 = `1. SCOPE

1.1 Services. The Supplier shall provide the Services exclusively to the Customer.

1.2 Support. The Supplier answers within one day.
`
	markupV2 = `1. SCOPE

1.1 Services. The Supplier shall provide the Services exclusively to the Customer <script>alert(1)</script>.

1.2 Support. The Supplier answers within two days.

1.3 Markup. <img src=x onerror=alert(1)> "quoted" & <b>bold</b>
`
	partnership = "cloud-ai-partnership"
)

// newWorkspace makes a workspace with the sample agreements and the
// markup agreement.
func newWorkspace(t testing.TB) *corpus.Workspace {
	t.Helper()
	w, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for _, v := range sample.Versions() {
		data, err := sample.Read(v.File)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Add(v.Agreement, v.File, data, corpus.AddOptions{Label: v.Label, Date: v.Date, Title: v.Title, Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []struct{ label, text string }{{"v1", markupV1}, {"v2", markupV2}} {
		if _, err := w.Add("markup", v.label+".txt", []byte(v.text), corpus.AddOptions{Label: v.label, Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func newServer(t testing.TB, w *corpus.Workspace, token string) *Server {
	t.Helper()
	s, err := New(Options{Workspace: w, Token: token, Reviewer: "tester",
		Now: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// do serves one request on a loopback host and returns the response.
func do(s http.Handler, method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8080"
	if method == http.MethodPost && body != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	return rec
}

func form(kv ...string) io.Reader {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return strings.NewReader(v.Encode())
}

// startReview starts a review through the web form and returns its id.
func startReview(t *testing.T, s *Server, old, new string) string {
	t.Helper()
	rec := do(s, "POST", "/reviews", form("csrf", s.CSRFToken(), "old", old, "new", new, "name", "test review"))
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("start review: %d %s", rec.Code, rec.Body)
	}
	m := regexp.MustCompile(`review=(r[0-9]+)`).FindStringSubmatch(rec.Header().Get("Location"))
	if m == nil {
		t.Fatalf("start review: redirect to %q", rec.Header().Get("Location"))
	}
	return m[1]
}

// changeIDs returns the ids of the changes a page offers decisions on.
func changeIDs(t *testing.T, page, review string) []string {
	t.Helper()
	var ids []string
	for _, m := range regexp.MustCompile(`action="/reviews/`+review+`/changes/([0-9a-f-]+)"`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) == 0 {
		t.Fatalf("no decision forms on the page")
	}
	return ids
}

func TestRoutes(t *testing.T) {
	s := newServer(t, newWorkspace(t), "")
	r1 := startReview(t, s, partnership+"@2023", partnership+"@2025")
	diffPage := do(s, "GET", "/a/"+partnership+"/diff?old=2023&new=2025", nil).Body.String()
	ch := changeIDs(t, diffPage, r1)[0]
	if rec := do(s, "POST", "/reviews/"+r1+"/changes/"+ch, form("csrf", s.CSRFToken(), "verdict", "flag", "comment", "check this")); rec.Code != http.StatusSeeOther {
		t.Fatalf("decide: %d %s", rec.Code, rec.Body)
	}
	rec := do(s, "POST", "/api/reviews", strings.NewReader(`{"old":"markup@v1","new":"markup@latest","name":"api"}`),
		"Content-Type", "application/json", "X-CSRF-Token", s.CSRFToken())
	if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), `"clausetrack.review/v1"`) || !strings.Contains(rec.Body.String(), `"markup@v2"`) {
		t.Fatalf("POST /api/reviews: %d %s", rec.Code, rec.Body)
	}
	tests := []struct {
		name, target, want string
		json               bool
	}{
		{"home", "/", "Cloud and AI Partnership Agreement", false},
		{"agreement", "/a/" + partnership, "Rights ledger", false},
		{"diff", "/a/" + partnership + "/diff?old=2023&new=2025", "check this", false},
		{"diff default pair", "/a/" + partnership + "/diff", "2023 → 2025", false},
		{"diff filtered", "/a/" + partnership + "/diff?old=2019&new=2025&changed=1&kind=modified&category=exclusivity", "modified", false},
		{"diff review", "/a/" + partnership + "/diff?old=2023&new=2025&review=" + r1, "flagged", false},
		{"history", "/a/" + partnership + "/history/1?version=2019", "clause history", false},
		{"search", "/search?q=exclusive&version=all", "<mark>", false},
		{"search label", "/search?q=exclusive&version=2023&agreement=" + partnership + "&category=exclusivity", "hit", false},
		{"search empty", "/search", "Search", false},
		{"search facet link", "/search?q=exclusive&version=all", "agreement=" + partnership + "&amp;category=&amp;q=exclusive&amp;version=2023", false},
		{"reviews", "/reviews", r1, false},
		{"review", "/reviews/" + r1, "check this", false},
		{"review status", "/reviews/" + r1 + "?status=flagged", "flagged", false},
		{"memo", "/reviews/" + r1 + "/memo", "Flagged changes", false},
		{"static css", "/static/style.css", "ins", false},
		{"static js", "/static/app.js", "X-CSRF-Token", false},
		{"api csrf", "/api/csrf", `"clausetrack.csrf/v1"`, true},
		{"api agreements", "/api/agreements", `"clausetrack.agreements/v1"`, true},
		{"api versions", "/api/a/" + partnership + "/versions", `"clausetrack.versions/v1"`, true},
		{"api rights", "/api/a/" + partnership + "/rights", `"clausetrack.rights/v1"`, true},
		{"api diff", "/api/a/" + partnership + "/diff?old=2023&new=2025", `"clausetrack.diff/v1"`, true},
		{"api history", "/api/a/" + partnership + "/history/1?version=2019", `"clausetrack.history/v1"`, true},
		{"api search", "/api/search?q=exclusive&version=all", `"clausetrack.search/v1"`, true},
		{"api reviews", "/api/reviews", `"clausetrack.reviews/v1"`, true},
		{"api review", "/api/reviews/" + r1, `"clausetrack.review/v1"`, true},
		{"api log", "/api/reviews/" + r1 + "/log", `"clausetrack.reviewlog/v1"`, true},
		{"api memo", "/api/reviews/" + r1 + "/memo", `"clausetrack.memo/v1"`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(s, "GET", tc.target, nil)
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d\n%s", tc.target, rec.Code, body)
			}
			if !strings.Contains(body, tc.want) {
				t.Errorf("GET %s: no %q in\n%.2000s", tc.target, tc.want, body)
			}
			if got := rec.Header().Get("Content-Security-Policy"); got != ContentSecurityPolicy {
				t.Errorf("CSP = %q", got)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff")
			}
			if tc.json {
				if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || !json.Valid(rec.Body.Bytes()) {
					t.Errorf("not JSON: %s", rec.Header().Get("Content-Type"))
				}
			}
			if !tc.json && strings.Contains(body, "<script>") || !tc.json && regexp.MustCompile(`(?i)\son[a-z]+=`).MatchString(body) {
				t.Errorf("inline script or event handler in %s", tc.target)
			}
		})
	}
}

// TestEscapes: contract text, comments and review names that look like
// markup are shown as text on every page.
func TestEscapes(t *testing.T) {
	s := newServer(t, newWorkspace(t), "")
	rec := do(s, "POST", "/reviews", form("csrf", s.CSRFToken(), "old", "markup@v1", "new", "markup@v2", "name", `<script>alert("name")</script>`))
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("start: %d %s", rec.Code, rec.Body)
	}
	page := do(s, "GET", "/a/markup/diff?old=v1&new=v2", nil).Body.String()
	for _, ch := range changeIDs(t, page, "r1") {
		do(s, "POST", "/reviews/r1/changes/"+ch, form("csrf", s.CSRFToken(), "verdict", "flag", "comment", `<script>alert("comment")</script>`))
		do(s, "POST", "/reviews/r1/changes/"+ch, form("csrf", s.CSRFToken(), "verdict", "comment", "comment", `<img src=x onerror=alert(3)>`))
	}
	for _, target := range []string{
		"/a/markup/diff?old=v1&new=v2",
		"/a/markup/history/1.1",
		"/a/markup/history/1.3",
		"/a/markup",
		"/search?q=alert&agreement=markup",
		"/reviews",
		"/reviews/r1",
		"/reviews/r1/memo",
		"/a/markup/history/%3Cscript%3E",
	} {
		rec := do(s, "GET", target, nil)
		body := rec.Body.String()
		if rec.Code >= 500 {
			t.Fatalf("GET %s: %d", target, rec.Code)
		}
		for _, bad := range []string{"<script>", "<img", "<b>bold"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: %q not escaped", target, bad)
			}
		}
		if rec.Code == http.StatusOK && target != "/a/markup" && !strings.Contains(body, "&lt;") {
			t.Errorf("GET %s: no escaped markup shown", target)
		}
	}
}

func TestCSRF(t *testing.T) {
	s := newServer(t, newWorkspace(t), "")
	r1 := startReview(t, s, "markup@v1", "markup@v2")
	page := do(s, "GET", "/a/markup/diff?old=v1&new=v2", nil).Body.String()
	ch := changeIDs(t, page, r1)[0]
	decide := "/reviews/" + r1 + "/changes/" + ch
	tests := []struct {
		name, target string
		body         io.Reader
		header       []string
		want         int
	}{
		{"start without token", "/reviews", form("old", "markup@v1", "new", "markup@v2"), nil, 403},
		{"start wrong token", "/reviews", form("csrf", "x"+s.CSRFToken(), "old", "markup@v1", "new", "markup@v2"), nil, 403},
		{"decide without token", decide, form("verdict", "accept"), nil, 403},
		{"api decide without token", "/api" + decide, strings.NewReader(`{"verdict":"accept"}`), []string{"Content-Type", "application/json"}, 403},
		{"decide from another origin", decide, form("csrf", s.CSRFToken(), "verdict", "accept"), []string{"Origin", "http://evil.example"}, 403},
		{"decide", decide, form("csrf", s.CSRFToken(), "verdict", "accept"), nil, 303},
		{"api decide", "/api" + decide, strings.NewReader(`{"verdict":"reject","comment":"no"}`),
			[]string{"Content-Type", "application/json", "X-CSRF-Token", s.CSRFToken(), "Origin", "http://127.0.0.1:8080"}, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if rec := do(s, "POST", tc.target, tc.body, tc.header...); rec.Code != tc.want {
				t.Errorf("POST %s: %d, want %d\n%s", tc.target, rec.Code, tc.want, rec.Body)
			}
		})
	}
	evs, _, err := review.OpenLog(s.w.Path()).Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 3 { // the start and the two accepted decisions
		t.Errorf("log has %d events, want 3", len(evs))
	}
}

func TestToken(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	fail := func(w http.ResponseWriter, r *http.Request, status int, msg string) { http.Error(w, msg, status) }
	h := requireToken("s3cret", ok, fail)
	tests := []struct {
		name, target string
		header       []string
		want         int
	}{
		{"none", "/", nil, 401},
		{"wrong bearer", "/", []string{"Authorization", "Bearer nope"}, 401},
		{"bearer", "/", []string{"Authorization", "Bearer s3cret"}, 200},
		{"cookie", "/", []string{"Cookie", tokenCookie + "=s3cret"}, 200},
		{"wrong cookie", "/", []string{"Cookie", tokenCookie + "=s3cre"}, 401},
		{"query", "/search?q=x&token=s3cret", nil, 303},
		{"wrong query", "/?token=x", nil, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, "GET", tc.target, nil, tc.header...)
			if rec.Code != tc.want {
				t.Fatalf("%d, want %d", rec.Code, tc.want)
			}
			if tc.want == 303 {
				if loc := rec.Header().Get("Location"); loc != "/search?q=x" {
					t.Errorf("redirect to %q", loc)
				}
				c := rec.Result().Cookies()
				if len(c) != 1 || c[0].Value != "s3cret" || !c[0].HttpOnly || c[0].SameSite != http.SameSiteStrictMode {
					t.Errorf("cookie %v", c)
				}
			}
		})
	}
	if got := requireToken("", ok, fail); fmt.Sprint(got) != fmt.Sprint(ok) {
		t.Errorf("an empty token should let everything through")
	}

	addrs := []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:0", "", true},
		{"[::1]:8080", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"192.168.1.4:8080", "", false},
		{"0.0.0.0:8080", "t", true},
	}
	for _, a := range addrs {
		if err := CheckAddr(a.addr, a.token); (err == nil) != a.ok {
			t.Errorf("CheckAddr(%q, %q) = %v", a.addr, a.token, err)
		}
	}

	// A whole server with a token: every route needs it, and a host
	// that is not loopback is then allowed.
	s := newServer(t, newWorkspace(t), "s3cret")
	for _, target := range []string{"/", "/api/agreements", "/static/style.css", "/nope"} {
		if rec := do(s, "GET", target, nil); rec.Code != 401 {
			t.Errorf("GET %s without token: %d", target, rec.Code)
		}
	}
	r := httptest.NewRequest("GET", "/api/agreements", nil)
	r.Host = "clausetrack.example:8080"
	r.Header.Set("Authorization", "Bearer s3cret")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	if rec.Code != 200 {
		t.Errorf("with token on another host: %d", rec.Code)
	}
	// Without a token, only loopback host names are answered (DNS
	// rebinding).
	s2 := newServer(t, newWorkspace(t), "")
	r = httptest.NewRequest("GET", "/", nil)
	r.Host = "evil.example"
	rec = httptest.NewRecorder()
	s2.ServeHTTP(rec, r)
	if rec.Code != 403 {
		t.Errorf("no token, host evil.example: %d", rec.Code)
	}
}

func TestBadParameters(t *testing.T) {
	s := newServer(t, newWorkspace(t), "")
	r1 := startReview(t, s, "markup@v1", "markup@v2")
	tests := []struct {
		name, method, target string
		want                 int
	}{
		{"unknown page", "GET", "/etc/passwd", 404},
		{"unknown agreement", "GET", "/a/nothing", 404},
		{"bad agreement", "GET", "/a/..%2F..%2Fetc", 400},
		{"bad agreement upper", "GET", "/a/Markup", 400},
		{"unknown version", "GET", "/a/markup/diff?old=v1&new=v9", 404},
		{"bad version", "GET", "/a/markup/diff?old=v1&new=../v2", 400},
		{"missing version", "GET", "/a/markup/diff?old=v1", 400},
		{"bad kind", "GET", "/a/markup/diff?old=v1&new=v2&kind=nope", 400},
		{"bad category", "GET", "/a/markup/diff?old=v1&new=v2&category=nope", 400},
		{"review of another pair", "GET", "/a/markup/diff?old=v2&new=v1&review=" + r1, 400},
		{"unknown review on diff", "GET", "/a/markup/diff?old=v1&new=v2&review=r99", 404},
		{"unknown clause", "GET", "/a/markup/history/9.9", 404},
		{"unknown clause version", "GET", "/a/markup/history/1.1?version=v7", 404},
		{"bad search version", "GET", "/search?q=x&version=..", 400},
		{"bad search category", "GET", "/search?q=x&category=nope", 400},
		{"unknown search agreement", "GET", "/search?q=x&agreement=nope", 404},
		{"empty query", "GET", "/search?q=the", 400},
		{"bad offset", "GET", "/search?q=services&offset=-1", 400},
		{"unknown review", "GET", "/reviews/r42", 404},
		{"bad review", "GET", "/reviews/R1%3Cb%3E", 400},
		{"bad status", "GET", "/reviews/" + r1 + "?status=nope", 400},
		{"unknown memo", "GET", "/reviews/r42/memo", 404},
		{"api unknown agreement", "GET", "/api/a/nothing/rights", 404},
		{"api no query", "GET", "/api/search", 400},
		{"api unknown review", "GET", "/api/reviews/r9/log", 404},
		{"unknown change", "POST", "/reviews/" + r1 + "/changes/abcdef123456", 404},
		{"bad change", "POST", "/reviews/" + r1 + "/changes/%3Cscript%3E", 400},
		{"bad verdict", "POST", "/reviews/" + r1 + "/changes/abcdef123456?", 400},
		{"start unknown version", "POST", "/reviews?", 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader
			if tc.method == "POST" {
				switch tc.name {
				case "bad verdict":
					body = form("csrf", s.CSRFToken(), "verdict", "maybe")
				case "start unknown version":
					body = form("csrf", s.CSRFToken(), "old", "markup@v1", "new", "markup@v3")
				default:
					body = form("csrf", s.CSRFToken(), "verdict", "accept")
				}
			}
			rec := do(s, tc.method, tc.target, body)
			if rec.Code != tc.want {
				t.Fatalf("%s %s: %d, want %d\n%.1000s", tc.method, tc.target, rec.Code, tc.want, rec.Body)
			}
			if strings.HasPrefix(tc.target, "/api/") {
				var e errorJSON
				if json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Status != tc.want || e.Error == "" {
					t.Errorf("API error body: %s", rec.Body)
				}
			} else if !strings.Contains(rec.Body.String(), `id="error-message"`) {
				t.Errorf("no error page: %.500s", rec.Body)
			}
		})
	}
	big := strings.NewReader("csrf=" + s.CSRFToken() + "&comment=" + strings.Repeat("x", MaxBody))
	if rec := do(s, "POST", "/reviews/"+r1+"/changes/abcdef123456", big); rec.Code != http.StatusRequestEntityTooLarge && rec.Code != http.StatusForbidden {
		t.Errorf("large body: %d", rec.Code)
	}
}

// TestConcurrentClients: 50 clients search and decide at once for about
// two seconds; no request fails, and the log holds exactly the decisions
// the server acknowledged.
func TestConcurrentClients(t *testing.T) {
	s := newServer(t, newWorkspace(t), "")
	r1 := startReview(t, s, partnership+"@2023", partnership+"@2025")
	ids := changeIDs(t, do(s, "GET", "/a/"+partnership+"/diff?old=2023&new=2025", nil).Body.String(), r1)
	ts := httptest.NewServer(s)
	defer ts.Close()
	var acked, failed atomic.Int64
	var firstErr sync.Once
	var errMsg string
	deadline := time.Now().Add(2 * time.Second)
	verdicts := []string{"accept", "reject", "flag", "reopen"}
	var wg sync.WaitGroup
	for c := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			for n := 0; time.Now().Before(deadline); n++ {
				var req *http.Request
				decision := (c+n)%2 == 0
				if decision {
					v := url.Values{"csrf": {s.CSRFToken()}, "verdict": {verdicts[(c+n)%4]}, "comment": {fmt.Sprintf("client %d step %d", c, n)}}
					req, _ = http.NewRequest("POST", ts.URL+"/reviews/"+r1+"/changes/"+ids[(c*7+n)%len(ids)], strings.NewReader(v.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				} else {
					q := []string{"exclusive", "cloud", "\"first refusal\"", "api"}[(c+n)%4]
					req, _ = http.NewRequest("GET", ts.URL+"/api/search?version=all&q="+url.QueryEscape(q), nil)
				}
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { errMsg = err.Error() })
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				want := http.StatusOK
				if decision {
					want = http.StatusSeeOther
				}
				if resp.StatusCode != want {
					failed.Add(1)
					firstErr.Do(func() { errMsg = fmt.Sprintf("%s %s: %d", req.Method, req.URL, resp.StatusCode) })
					continue
				}
				if decision {
					acked.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() > 0 {
		t.Fatalf("%d requests failed; first: %s", failed.Load(), errMsg)
	}
	evs, torn, err := review.OpenLog(s.w.Path()).Read()
	if err != nil || torn != nil {
		t.Fatalf("read log: %v %v", err, torn)
	}
	n := 0
	for _, e := range evs {
		if e.Kind == review.Decision {
			n++
		}
	}
	if int64(n) != acked.Load() || n == 0 {
		t.Errorf("log has %d decisions, server acknowledged %d", n, acked.Load())
	}
	t.Logf("%d decisions acknowledged", n)
}

// TestRun: the server records itself in serve.json while it runs, holds
// the index, and removes the file when it shuts down.
func TestRun(t *testing.T) {
	w := newWorkspace(t)
	s := newServer(t, w, "")
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- Run(ctx, s, "127.0.0.1:0", 5*time.Second, func(a string) { ready <- a }) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(w.Path(), indexer.ServeFile))
	if err != nil {
		t.Fatal(err)
	}
	var info indexer.ServeInfo
	if err := json.Unmarshal(data, &info); err != nil || info.PID != os.Getpid() || info.Addr != addr {
		t.Errorf("serve.json = %s (addr %s)", data, addr)
	}
	resp, err := http.Get("http://" + addr + "/api/agreements")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET: %v %v", resp, err)
	}
	resp.Body.Close()
	if _, err := New(Options{Workspace: w}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("a second server: %v", err)
	}
	// A burst of decisions, with the shutdown in the middle of it: every
	// decision acknowledged is in the log.
	r1 := startReview(t, s, "markup@v1", "markup@v2")
	ids := changeIDs(t, do(s, "GET", "/a/markup/diff?old=v1&new=v2", nil).Body.String(), r1)
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	for c := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				body := fmt.Sprintf(`{"verdict":%q,"comment":"burst %d/%d"}`, []string{"accept", "flag"}[n%2], c, n)
				req, _ := http.NewRequest("POST", "http://"+addr+"/api/reviews/"+r1+"/changes/"+ids[(c+n)%len(ids)], strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-CSRF-Token", s.CSRFToken())
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server has stopped
				}
				var lg review.LogJSON
				err = json.NewDecoder(resp.Body).Decode(&lg)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK && err == nil && len(lg.Events) == 1 {
					mu.Lock()
					acked = append(acked, lg.Events[0].ID)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	evs, _, err := review.OpenLog(w.Path()).Read()
	if err != nil {
		t.Fatal(err)
	}
	logged := map[string]bool{}
	for _, e := range evs {
		logged[e.ID] = true
	}
	for _, id := range acked {
		if !logged[id] {
			t.Errorf("acknowledged decision %s is not in the log", id)
		}
	}
	if len(acked) == 0 {
		t.Errorf("no decision was acknowledged before the shutdown")
	}
	if _, err := os.Stat(filepath.Join(w.Path(), indexer.ServeFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serve.json left behind: %v", err)
	}
	if err := Run(context.Background(), s, "0.0.0.0:0", time.Second, nil); err == nil {
		t.Errorf("Run on 0.0.0.0 without a token should fail")
	}
}

func TestLocalURL(t *testing.T) {
	for in, want := range map[string]string{
		"/reviews/r1":           "/reviews/r1",
		"/a/x/diff?old=1&new=2": "/a/x/diff?old=1&new=2",
		"//evil.example/":       "/def",
		"https://evil.example/": "/def",
		"/\\evil.example":       "/def",
		"":                      "/def",
		"javascript:alert(1)":   "/def",
	} {
		if got := localURL(in, "/def"); got != want {
			t.Errorf("localURL(%q) = %q, want %q", in, got, want)
		}
	}
}
