package report

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/clausetrack/clausetrack/index"
)

// SearchSchema names the JSON contract of a search.
const SearchSchema = "clausetrack.search/v1"

// Search is a search result as JSON: one hit per clause lineage.
type Search struct {
	Schema  string              `json:"schema"`
	Query   string              `json:"query"`
	Total   int                 `json:"total"`
	Clauses int                 `json:"clauses"`
	Offset  int                 `json:"offset"`
	Limit   int                 `json:"limit"`
	Hits    []SearchHit         `json:"hits"`
	Facets  map[string][]Bucket `json:"facets"`
}

// SearchHit is one clause lineage that matched.
type SearchHit struct {
	Agreement string          `json:"agreement"`
	Lineage   string          `json:"lineage"`
	Score     float64         `json:"score"`
	Versions  []SearchVersion `json:"versions"`
	Fragments []Fragment      `json:"fragments"`
}

// SearchVersion is one matching version of a hit, with the clause's
// number and heading in that version and its change from the version
// before.
type SearchVersion struct {
	Version string `json:"version"`
	Clause  string `json:"clause"`
	Number  string `json:"number"`
	Heading string `json:"heading"`
	Kind    string `json:"kind"`
}

// Fragment is a passage of a clause's text starting at byte
// Start of it; Marks are the matched words as [start, end) byte offsets
// into Text.
type Fragment struct {
	Version string   `json:"version"`
	Field   string   `json:"field"`
	Start   int      `json:"start"`
	Text    string   `json:"text"`
	Marks   [][2]int `json:"marks"`
}

// Bucket is one facet value and its count of matching clause versions.
type Bucket struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// SearchOptions are what the search reports show beside the result.
type SearchOptions struct {
	Query         string
	Offset, Limit int
	Color         bool
}

// NewSearch returns the JSON view of a search result.
func NewSearch(r *index.Result, opt SearchOptions) *Search {
	s := &Search{Schema: SearchSchema, Query: opt.Query, Total: r.Total, Clauses: r.Clauses,
		Offset: opt.Offset, Limit: opt.Limit, Hits: []SearchHit{}, Facets: map[string][]Bucket{}}
	for _, h := range r.Hits {
		sh := SearchHit{Agreement: h.Agreement, Lineage: h.Lineage, Score: h.Score,
			Versions: []SearchVersion{}, Fragments: []Fragment{}}
		for _, v := range h.Versions {
			sh.Versions = append(sh.Versions, SearchVersion{v.Version, v.Clause, v.Number, v.Heading, v.Kind})
		}
		for _, f := range h.Fragments {
			marks := f.Marks
			if marks == nil {
				marks = [][2]int{}
			}
			sh.Fragments = append(sh.Fragments, Fragment{f.Version, f.Field, f.Start, f.Text, marks})
		}
		s.Hits = append(s.Hits, sh)
	}
	for _, f := range r.Facets {
		b := []Bucket{}
		for _, t := range f.Terms {
			b = append(b, Bucket{t.Term, t.Count})
		}
		s.Facets[f.Field] = b
	}
	return s
}

// SearchJSON writes a search result as the clausetrack.search/v1 contract.
func SearchJSON(w io.Writer, r *index.Result, opt SearchOptions) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewSearch(r, opt))
}

// SearchText writes a search result for the terminal: a count line, then
// per hit its agreement, number and heading, the versions it matched in
// and a passage with the matched words marked (bold yellow on a
// terminal, else >>like this<<).
func SearchText(w io.Writer, r *index.Result, opt SearchOptions) error {
	ew := &errWriter{w: w}
	ew.printf("%s\n", termSafe(searchCount(r, opt)))
	if f := facetLine(r); f != "" {
		ew.printf("%s\n", termSafe(f))
	}
	for i, h := range r.Hits {
		ew.printf("\n%d. %s\n", opt.Offset+i+1, termSafe(hitTitle(h)))
		ew.printf("   %s\n", termSafe(hitVersions(h)))
		for _, f := range h.Fragments {
			ew.printf("   %s\n", markText(f, opt.Color))
		}
	}
	return ew.err
}

// SearchMarkdown writes a search result as Markdown, matched words in
// bold.
func SearchMarkdown(w io.Writer, r *index.Result, opt SearchOptions) error {
	ew := &errWriter{w: w}
	ew.printf("# Search: %s\n\n%s\n", mdEscape(oneLine(opt.Query)), mdEscape(searchCount(r, opt)))
	if f := facetLine(r); f != "" {
		ew.printf("\n%s\n", mdEscape(f))
	}
	for i, h := range r.Hits {
		ew.printf("\n## %d. %s\n\n%s\n", opt.Offset+i+1, mdEscape(hitTitle(h)), mdEscape(hitVersions(h)))
		for _, f := range h.Fragments {
			var b strings.Builder
			b.WriteString("\n> ")
			fragmentRuns(f, func(s string, marked bool) {
				s = mdEscapeAt(foldSpace(s), false)
				if marked && s != "" {
					s = "**" + s + "**"
				}
				b.WriteString(s)
			})
			ew.printf("%s\n", b.String())
		}
	}
	return ew.err
}

// SearchHTML writes a search result as one HTML page, matched words in
// <mark>; all contract text is escaped.
func SearchHTML(w io.Writer, r *index.Result, opt SearchOptions) error {
	ew := &errWriter{w: w}
	ew.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Search: %s</title>\n", esc(opt.Query))
	ew.printf("<style>body{font-family:Georgia,serif;max-width:50em;margin:2em auto;line-height:1.45}mark{background:#fde68a}.versions{color:#555}</style>\n</head>\n<body>\n")
	ew.printf("<h1>Search: %s</h1>\n<p class=\"count\">%s</p>\n", esc(opt.Query), esc(searchCount(r, opt)))
	if f := facetLine(r); f != "" {
		ew.printf("<p class=\"facets\">%s</p>\n", esc(f))
	}
	ew.printf("<ol start=\"%d\">\n", opt.Offset+1)
	for _, h := range r.Hits {
		ew.printf("<li><h2>%s</h2>\n<p class=\"versions\">%s</p>\n", esc(hitTitle(h)), esc(hitVersions(h)))
		for _, f := range h.Fragments {
			var b strings.Builder
			fragmentRuns(f, func(s string, marked bool) {
				if marked {
					b.WriteString("<mark>" + esc(s) + "</mark>")
				} else {
					b.WriteString(esc(s))
				}
			})
			ew.printf("<blockquote>%s</blockquote>\n", b.String())
		}
		ew.printf("</li>\n")
	}
	ew.printf("</ol>\n</body>\n</html>\n")
	return ew.err
}

// facetLine sums the facets up: "by agreement: deal 3, other 1; by
// version: deal@two 2, ...". Empty when none were asked for.
func facetLine(r *index.Result) string {
	var parts []string
	for _, f := range r.Facets {
		if len(f.Terms) == 0 {
			continue
		}
		var terms []string
		for _, t := range f.Terms {
			terms = append(terms, t.Term+" "+strconv.Itoa(t.Count))
		}
		if f.Other > 0 {
			terms = append(terms, "others "+strconv.Itoa(f.Other))
		}
		parts = append(parts, "by "+f.Field+": "+strings.Join(terms, ", "))
	}
	return strings.Join(parts, "; ")
}

func searchCount(r *index.Result, opt SearchOptions) string {
	if r.Total == 0 {
		return "no clauses match"
	}
	s := plural(r.Total, "clause") + " (" + plural(r.Clauses, "clause version") + ") match"
	if r.Total == 1 {
		s += "es"
	}
	if len(r.Hits) == 0 {
		s += "; none past " + strconv.Itoa(opt.Offset)
	} else if len(r.Hits) < r.Total {
		s += "; showing " + strconv.Itoa(opt.Offset+1) + "–" + strconv.Itoa(opt.Offset+len(r.Hits))
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// hitTitle names a hit by its latest matching version's number and
// heading: "cloud-deal 5.1 Exclusivity".
func hitTitle(h index.Hit) string {
	if len(h.Versions) == 0 {
		return h.Agreement
	}
	v := h.Versions[len(h.Versions)-1]
	title := h.Agreement + " " + v.Number
	if v.Number == "" {
		title = h.Agreement + " " + v.Clause
	}
	if v.Heading != "" {
		title += " " + v.Heading
	}
	return oneLine(title)
}

// hitVersions says in which versions a hit matched and how each changed:
// "2019 original; 2023 unchanged; 2025 modified (as 5.1)", with versions
// of the same kind joined ("2019, 2023 unchanged").
func hitVersions(h index.Hit) string {
	if len(h.Versions) == 0 {
		return ""
	}
	last := h.Versions[len(h.Versions)-1].Number
	var parts []string
	for i := 0; i < len(h.Versions); {
		j := i
		var names []string
		for ; j < len(h.Versions) && h.Versions[j].Kind == h.Versions[i].Kind; j++ {
			v := h.Versions[j]
			name := v.Version
			if v.Number != last {
				name += " (as " + v.Number + ")"
			}
			names = append(names, name)
		}
		parts = append(parts, strings.Join(names, ", ")+" "+h.Versions[i].Kind)
		i = j
	}
	return "in " + strings.Join(parts, "; ")
}

// fragmentRuns calls fn with the runs of a fragment's text, marked or not.
func fragmentRuns(f index.Fragment, fn func(s string, marked bool)) {
	at := 0
	if f.Start > 0 {
		fn("…", false)
	}
	for _, m := range f.Marks {
		if m[0] < at || m[1] > len(f.Text) {
			continue
		}
		fn(f.Text[at:m[0]], false)
		fn(f.Text[m[0]:m[1]], true)
		at = m[1]
	}
	fn(f.Text[at:], false)
}

func markText(f index.Fragment, color bool) string {
	var b strings.Builder
	fragmentRuns(f, func(s string, marked bool) {
		s = termSafe(foldSpace(s))
		switch {
		case !marked || s == "":
			b.WriteString(s)
		case color:
			b.WriteString("\x1b[1;33m" + s + ansiReset)
		default:
			b.WriteString(">>" + s + "<<")
		}
	})
	return b.String()
}

// foldSpace turns each run of white space into one space, keeping a run
// at either end, so marked and unmarked runs still join with a space.
func foldSpace(s string) string {
	f := strings.Fields(s)
	out := strings.Join(f, " ")
	if len(f) == 0 {
		if s != "" {
			return " "
		}
		return ""
	}
	if s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r' {
		out = " " + out
	}
	if c := s[len(s)-1]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
		out += " "
	}
	return out
}
