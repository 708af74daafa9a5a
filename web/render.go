package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/review"
)

// pages lists the page templates; each is parsed with layout.html.
var pages = []string{"home", "agreement", "diff", "history", "search", "reviews", "review", "memo", "error"}

func parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"redline": redline,
		"marks":   marks,
		"add":     func(a, b int) int { return a + b },
		"pct": func(a, b int) int {
			if b == 0 {
				return 100
			}
			return a * 100 / b
		},
		"clause": clauseName,
		"decide": func(review, change, csrf, ret string) decideForm { return decideForm{review, change, csrf, ret} },
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", p, err)
		}
		out[p] = t
	}
	if _, err := fs.Stat(staticFS, "static/style.css"); err != nil {
		return nil, err
	}
	return out, nil
}

// decideForm is what the decision form of a change needs.
type decideForm struct{ Review, Change, CSRF, Return string }

// page is what every template gets: the title, the CSRF token for forms,
// and the page's own data.
type page struct {
	Title string
	CSRF  string
	Data  any
}

// render executes a page into a buffer first, so a failed template gives
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl[name].Execute(&buf, page{Title: title, CSRF: s.csrf, Data: data}); err != nil {
		s.logf("render %s: %v", name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writeJSON writes one JSON document.
func (s *Server) writeJSON(w http.ResponseWriter, status int, write func(*bytes.Buffer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		s.logf("json: %v", err)
		http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		s.opt.Log.Printf(format, args...)
	}
}

// isAPI reports whether a request wants JSON: a path under /api/, or a
// script asking for it.
func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json")
}

// errorJSON is the body of every API error.
type errorJSON struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// fail answers with an error page, or an error object under /api/.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if isAPI(r) {
		s.writeJSON(w, status, func(b *bytes.Buffer) error {
			return json.NewEncoder(b).Encode(errorJSON{msg, status})
		})
		return
	}
	s.render(w, r, status, "error", http.StatusText(status), struct {
		Status int
		Text   string
		Msg    string
	}{status, http.StatusText(status), msg})
}

// failErr answers with the status an error calls for: 400 for a bad
// parameter or query, 404 for a name the workspace does not have, 500
// (logged, not shown) for anything else.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	var qe *index.QueryError
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, errBadRequest), errors.Is(err, corpus.ErrInvalid), errors.As(err, &qe),
		errors.Is(err, index.ErrEmptyQuery), errors.Is(err, review.ErrVerdict):
		s.fail(w, r, http.StatusBadRequest, strings.TrimPrefix(err.Error(), errBadRequest.Error()+": "))
	case errors.As(err, &mbe):
		s.fail(w, r, http.StatusRequestEntityTooLarge, "request body too large")
	case errors.Is(err, corpus.ErrNotFound), errors.Is(err, review.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, err.Error())
	case errors.Is(err, review.ErrBusy), errors.Is(err, corpus.ErrLocked), errors.Is(err, index.ErrInUse):
		s.fail(w, r, http.StatusServiceUnavailable, err.Error())
	default:
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		s.fail(w, r, http.StatusInternalServerError, "internal error; the server log has the details")
	}
}

// seg is one run of a redline or a highlighted fragment.
type seg struct {
	Op   string // "equal", "insert", "delete"; "mark" for a search match
	Text string
}

// redline turns edits into the runs a page shows: noise deletes dropped
// and noise inserts shown as plain text, as the HTML diff report does.
func redline(edits []report.DiffEdit) []seg {
	var out []seg
	for _, e := range edits {
		op := e.Op
		if e.Ignored != "" {
			if op == "delete" {
				continue
			}
			op = "equal"
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += e.Text
			continue
		}
		out = append(out, seg{op, e.Text})
	}
	return out
}

// marks splits a fragment into plain and matched runs.
func marks(f report.Fragment) []seg {
	var out []seg
	at := 0
	for _, m := range f.Marks {
		if m[0] < at || m[1] > len(f.Text) || m[0] > m[1] {
			continue
		}
		if m[0] > at {
			out = append(out, seg{"equal", f.Text[at:m[0]]})
		}
		out = append(out, seg{"mark", f.Text[m[0]:m[1]]})
		at = m[1]
	}
	if at < len(f.Text) {
		out = append(out, seg{"equal", f.Text[at:]})
	}
	return out
}

// clauseName names a clause of a change: number and heading.
func clauseName(c any) string {
	switch c := c.(type) {
	case *report.DiffClause:
		if c == nil {
			return ""
		}
		return strings.TrimSpace(c.Number + " " + c.Heading)
	case *review.ClauseJSON:
		if c == nil {
			return ""
		}
		return strings.TrimSpace(c.Number + " " + c.Heading)
	}
	return ""
}
