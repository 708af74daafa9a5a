package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/indexer"
	"github.com/clausetrack/clausetrack/rights"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server.
type Options struct {
	// Workspace is the workspace served; it must exist.
	Workspace *corpus.Workspace
	// Token, when not empty, must come with every request: as
	// "Authorization: Bearer TOKEN", or as the cookie that a first
	// request with ?token=TOKEN sets.
	Token string
	// Playbook names the rights the ledgers and memos track by name; nil
	// for none.
	Playbook *rights.Playbook
	// Reviewer is who records a decision made without a name.
	Reviewer string
	// Now is the clock events are stamped with; nil means time.Now.
	Now func() time.Time
	// Log receives errors the server answers with 500; nil discards them.
	Log *log.Logger
}

// MaxBody is the largest request body, in bytes, a Server reads.
const MaxBody = 64 << 10

// ContentSecurityPolicy is sent with every response: no inline script,
// nothing from another origin, no framing.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// tokenCookie holds the access token after ?token= gave it once.
const tokenCookie = "clausetrack_token"

// Server is the HTTP handler of `clausetrack serve`. It holds the
// workspace's index open for writing until Close.
type Server struct {
	w        *corpus.Workspace
	opt      Options
	csrf     string
	tmpl     map[string]*template.Template
	handler  http.Handler
	x        *index.Index
	release  func() // the index writers' lock, held while the server runs
	syncMu   sync.Mutex
	synced   time.Time
	countsMu sync.Mutex
	counts   map[string]int // clause counts by text SHA-256
}

// New opens the workspace's index (bringing it up to date first) and
// returns a Server for it. The index stays held until Close; a second
// server, or a command that writes the index, gets index.ErrInUse.
func New(opt Options) (*Server, error) {
	if opt.Workspace == nil || !opt.Workspace.Exists() {
		return nil, fmt.Errorf("%w: nothing to serve", corpus.ErrNoWorkspace)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Reviewer == "" {
		opt.Reviewer = "unknown"
	}
	s := &Server{w: opt.Workspace, opt: opt, counts: map[string]int{}}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("csrf secret: %w", err)
	}
	s.csrf = hex.EncodeToString(b[:])
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s.tmpl = t
	if _, err := indexer.Update(s.w, nil); err != nil {
		if errors.Is(err, index.ErrInUse) {
			return nil, indexer.InUse(s.w)
		}
		return nil, fmt.Errorf("bring the index up to date: %w", err)
	}
	// The writers' lock keeps add and reindex out while the server runs:
	// a rebuild would swap the generation it holds away from under it.
	release, err := indexer.Hold(s.w)
	if err != nil {
		return nil, err
	}
	x, err := index.Open(indexer.Dir(s.w), false)
	if err != nil {
		release()
		if errors.Is(err, index.ErrInUse) {
			return nil, indexer.InUse(s.w)
		}
		return nil, fmt.Errorf("open the index: %w", err)
	}
	s.x, s.release, s.synced = x, release, time.Now()
	s.handler = s.secure(s.routes())
	return s, nil
}

// Close releases the index.
func (s *Server) Close() error {
	err := s.x.Close()
	s.release()
	return err
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// CSRFToken is the token every POST must carry, as the form field csrf or
// the header X-CSRF-Token. It is random for each Server.
func (s *Server) CSRFToken() string { return s.csrf }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", s.pageHome)
	mux.HandleFunc("GET /a/{agreement}", s.pageAgreement)
	mux.HandleFunc("GET /a/{agreement}/diff", s.pageDiff)
	mux.HandleFunc("GET /a/{agreement}/history/{clause}", s.pageHistory)
	mux.HandleFunc("GET /search", s.pageSearch)
	mux.HandleFunc("GET /reviews", s.pageReviews)
	mux.HandleFunc("POST /reviews", s.postStart)
	mux.HandleFunc("GET /reviews/{id}", s.pageReview)
	mux.HandleFunc("GET /reviews/{id}/memo", s.pageMemo)
	mux.HandleFunc("POST /reviews/{id}/changes/{change}", s.postEvent)

	mux.HandleFunc("GET /api/csrf", s.apiCSRF)
	mux.HandleFunc("GET /api/agreements", s.apiAgreements)
	mux.HandleFunc("GET /api/a/{agreement}/versions", s.apiVersions)
	mux.HandleFunc("GET /api/a/{agreement}/rights", s.apiRights)
	mux.HandleFunc("GET /api/a/{agreement}/diff", s.apiDiff)
	mux.HandleFunc("GET /api/a/{agreement}/history/{clause}", s.apiHistory)
	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/index/search", s.apiIndexQuery)
	mux.HandleFunc("GET /api/reviews", s.apiReviews)
	mux.HandleFunc("POST /api/reviews", s.postStart)
	mux.HandleFunc("GET /api/reviews/{id}", s.apiReview)
	mux.HandleFunc("GET /api/reviews/{id}/log", s.apiLog)
	mux.HandleFunc("GET /api/reviews/{id}/memo", s.apiMemo)
	mux.HandleFunc("POST /api/reviews/{id}/changes/{change}", s.postEvent)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "no such page: "+r.URL.Path)
	})
	return mux
}

// secure wraps every request: security headers, the host check that
// defeats DNS rebinding when no token guards the server, the token, the
// body limit, and the CSRF check on POST.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if s.opt.Token == "" && !loopbackHost(r.Host) {
			s.fail(w, r, http.StatusForbidden, "this server answers only on a loopback address (localhost, 127.0.0.1, ::1)")
			return
		}
		requireToken(s.opt.Token, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Body != nil {
				r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
			}
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				if !s.csrfOK(r) {
					s.fail(w, r, http.StatusForbidden, "missing or wrong CSRF token: reload the page and try again")
					return
				}
			}
			next.ServeHTTP(w, r)
		}), s.fail).ServeHTTP(w, r)
	})
}

// csrfOK checks a state-changing request: its Origin, when the browser
// sends one, is this server, and it carries the CSRF token.
func (s *Server) csrfOK(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		if !strings.HasSuffix(o, "://"+r.Host) {
			return false
		}
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.csrf)) == 1
}

type failFunc func(w http.ResponseWriter, r *http.Request, status int, msg string)

// requireToken lets through only requests that carry token: the bearer
// header, the cookie, or ?token=, which sets the cookie and redirects to
// the same address without it. An empty token lets everything through.
func requireToken(token string, next http.Handler, fail failFunc) http.Handler {
	if token == "" {
		return next
	}
	same := func(got string) bool {
		return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); q.Has("token") {
			if !same(q.Get("token")) {
				fail(w, r, http.StatusUnauthorized, "wrong token")
				return
			}
			http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: token, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
			q.Del("token")
			u := *r.URL
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
		if b, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && same(strings.TrimSpace(b)) {
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(tokenCookie); err == nil && same(c.Value) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="clausetrack"`)
		fail(w, r, http.StatusUnauthorized, "this server needs its token: open the address with ?token=TOKEN once, or send Authorization: Bearer TOKEN")
	})
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// CheckAddr says whether a server may listen on addr: a loopback address
// always, any other only with a token.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if (host == "localhost" || isLoopbackIP(host)) || token != "" {
		return nil
	}
	return fmt.Errorf("address %q is not a loopback address: serving it needs a token (--token or CLAUSETRACK_TOKEN)", addr)
}

func isLoopbackIP(h string) bool {
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Run listens on addr and serves s until ctx is done, then shuts down:
// it stops accepting, waits up to grace for requests in flight (a
// decision being written finishes and is acknowledged), and returns.
// While it runs, the workspace's serve.json names this process and the
// address; ready, when not nil, is called with the address once the
// server accepts connections.
func Run(ctx context.Context, s *Server, addr string, grace time.Duration, ready func(addr string)) error {
	if err := CheckAddr(addr, s.opt.Token); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	bound := ln.Addr().String()
	info := filepath.Join(s.w.Path(), indexer.ServeFile)
	if err := writeServeInfo(info, indexer.ServeInfo{PID: os.Getpid(), Addr: bound}); err != nil {
		ln.Close()
		return err
	}
	defer removeServeInfo(info)
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.opt.Log,
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	if ready != nil {
		ready(bound)
	}
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// writeServeInfo writes serve.json atomically.
func writeServeInfo(path string, info indexer.ServeInfo) error {
	data, _ := json.Marshal(info)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", indexer.ServeFile, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", indexer.ServeFile, err)
	}
	return nil
}

// removeServeInfo removes serve.json if it still names this process.
func removeServeInfo(path string) {
	data, err := os.ReadFile(path)
	var info indexer.ServeInfo
	if err == nil && json.Unmarshal(data, &info) == nil && info.PID == os.Getpid() {
		os.Remove(path)
	}
}

// refreshIndex brings the held index up to date with the workspace when
// a command has added versions since; at most every two seconds.
func (s *Server) refreshIndex() error {
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	if time.Since(s.synced) < 2*time.Second {
		return nil
	}
	s.synced = time.Now()
	st, err := indexer.Status(s.w, s.x)
	if err != nil || st.Empty() {
		return err
	}
	_, err = indexer.Sync(s.w, s.x, nil)
	return err
}
