package index

import (
	"errors"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is one search.
type Query struct {
	// Text is the query: plain words, all of which must match (stemmed,
	// in the clause's text or heading), and "exact phrases" in double
	// quotes, matched word for word in the text. With Syntax it is
	// Bleve's query-string syntax instead.
	Text   string
	Syntax bool
	// Versions limits the search to these versions, by Key; nil searches
	// every version. Latest limits it to each agreement's latest
	// version, and Agreements to these agreements.
	Versions   []string
	Latest     bool
	Agreements []string
	// Categories and Holders keep clauses with any of these categories
	// and any of these holders.
	Categories, Holders []string
	// Changed keeps clauses that changed in their version: modified,
	// moved, added, split or merged.
	Changed bool
	// Limit and Offset page through the hits (lineage groups).
	Limit, Offset int
	// Facets asks for the counts by agreement, version and category,
	// which cost a look at every match.
	Facets bool
}

// ChangedKinds are the change kinds Query.Changed keeps.
var ChangedKinds = []string{"modified", "moved", "added", "split", "merged"}

// Result is what a search found.
type Result struct {
	// Total counts the hits: clause lineages with at least one matching
	// version. Clauses counts the matching clause versions.
	Total, Clauses int
	Hits           []Hit
	// Facets count matching clause versions by agreement, version and
	// category, when the query asked for them.
	Facets []Facet
}

// Hit is one clause lineage that matched, with every version of it that
// matched.
type Hit struct {
	Agreement, Lineage string
	Score              float64
	Versions           []HitVersion
	// Fragments are passages of the latest matching version with the
	// matched words marked.
	Fragments []Fragment
}

// HitVersion is one matching version of a hit's clause, with the number
// and heading the clause has in that version.
type HitVersion struct {
	Version string
	Seq     int
	Clause  string
	Number  string
	Heading string
	Kind    string
}

// Fragment is a passage of a clause's text. Start is its byte
// offset in that field; Marks are the matched words as byte ranges of
// Text.
type Fragment struct {
	Version string
	Field   string // "text"
	Start   int
	Text    string
	Marks   [][2]int
}

// Facet counts matching clause versions by the values of one field.
type Facet struct {
	Field string // "agreement", "version" or "category"
	Terms []FacetTerm
	Other int // matches with a value beyond the terms listed
}

// FacetTerm is one value of a facet and how many matches have it.
type FacetTerm struct {
	Term  string
	Count int
}

// ErrEmptyQuery is returned for a query with nothing to look for, such
// as one made only of common words ("the", "of").
var ErrEmptyQuery = errors.New("the query has no words to search for (common words such as \"the\" and \"of\" are not indexed outside phrases)")

// QueryError is a query Bleve could not read.
type QueryError struct{ Err error }

func (e *QueryError) Error() string { return "the query cannot be read: " + e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

const (
	groupPage   = 1000
	facetSize   = 20
	fragmentLen = 240
)

// Search runs q and groups its hits by lineage, best score first.
func (x *Index) Search(q Query) (*Result, error) {
	main, err := x.mainQuery(q)
	if err != nil {
		return nil, err
	}
	keys, err := x.visible(q)
	if err != nil {
		return nil, err
	}
	full := filtered(main, q, keys)
	if q.Latest || onePerAgreement(keys) {
		return x.searchFlat(main, full, q)
	}

	// First pass: every match, best first, no stored fields: a
	// document's id starts with its lineage group, so the ids alone
	// group and count the matches.
	type group struct {
		key   string
		score float64
		ids   []string
	}
	var groups []*group
	byKey := map[string]*group{}
	res := &Result{}
	size := groupPage
	for {
		req := bleve.NewSearchRequestOptions(full, size, 0, false)
		if q.Facets {
			addFacets(req)
		}
		sr, err := x.bi.Search(req)
		if err != nil {
			return nil, queryError(err)
		}
		if int(sr.Total) > size {
			size = int(sr.Total) // one more request that takes them all
			continue
		}
		res.Clauses = int(sr.Total)
		if q.Facets {
			res.Facets = facetsOf(sr)
		}
		byScoreAndID(sr.Hits) // every match is here: ties in id order
		for _, h := range sr.Hits {
			key, _, _ := strings.Cut(h.ID, idSep)
			g := byKey[key]
			if g == nil {
				g = &group{key: key, score: h.Score}
				byKey[key] = g
				groups = append(groups, g)
			}
			g.ids = append(g.ids, h.ID)
		}
		break
	}
	res.Total = len(groups)
	if q.Offset >= len(groups) {
		return res, nil
	}
	page := groups[q.Offset:]
	if q.Limit > 0 && len(page) > q.Limit {
		page = page[:q.Limit]
	}

	// Second pass: the stored fields and match locations of the page.
	var ids []string
	for _, g := range page {
		ids = append(ids, g.ids...)
	}
	docs, err := x.details(main, ids)
	if err != nil {
		return nil, err
	}
	for _, g := range page {
		var members []*search.DocumentMatch
		for _, id := range g.ids {
			if d := docs[id]; d != nil {
				members = append(members, d)
			}
		}
		res.Hits = append(res.Hits, hitOf(members, g.score))
	}
	return res, nil
}

// onePerAgreement reports whether versions name at most one version of
// each agreement: then no lineage has two matching versions, and every
// hit is one clause.
func onePerAgreement(versions []string) bool {
	if versions == nil {
		return false
	}
	seen := make(map[string]bool, len(versions))
	for _, key := range versions {
		agr, _ := SplitKey(key)
		if seen[agr] {
			return false
		}
		seen[agr] = true
	}
	return true
}

// searchFlat runs a search whose hits are single clauses: one request
// for the page, its fields and its match locations.
func (x *Index) searchFlat(main, full query.Query, q Query) (*Result, error) {
	size := q.Limit
	if size <= 0 {
		size = 10
	}
	// Ties go in id order: the index's own order changes with merges.
	req := bleve.NewSearchRequestOptions(full, size, q.Offset, false)
	req.SortBy([]string{"-_score", "_id"})
	if q.Facets {
		addFacets(req)
	}
	sr, err := x.bi.Search(req)
	if err != nil {
		return nil, queryError(err)
	}
	res := &Result{Total: int(sr.Total), Clauses: int(sr.Total)}
	if q.Facets {
		res.Facets = facetsOf(sr)
	}
	hits := sr.Hits
	if len(hits) == 0 {
		return res, nil
	}
	// Fields and match locations are read for the page only: asking for
	// locations in the search above reads them for every match.
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	docs, err := x.details(main, ids)
	if err != nil {
		return nil, err
	}
	// The parts of a clause split in this version share its lineage:
	// those on the page are one hit.
	var order []string
	groups := map[string][]*search.DocumentMatch{}
	scores := map[string]float64{}
	for _, h := range hits {
		d := docs[h.ID]
		if d == nil {
			continue
		}
		key, _, _ := strings.Cut(h.ID, idSep)
		if groups[key] == nil {
			order = append(order, key)
			scores[key] = h.Score
		}
		groups[key] = append(groups[key], d)
	}
	for _, key := range order {
		res.Hits = append(res.Hits, hitOf(groups[key], scores[key]))
	}
	return res, nil
}

// details returns the stored fields and the locations of main's matches
// in the documents with these ids, by id.
func (x *Index) details(main query.Query, ids []string) (map[string]*search.DocumentMatch, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(main, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	sr, err := x.bi.Search(req)
	if err != nil {
		return nil, queryError(err)
	}
	docs := make(map[string]*search.DocumentMatch, len(sr.Hits))
	for _, d := range sr.Hits {
		docs[d.ID] = d
	}
	return docs, nil
}

// byScoreAndID sorts hits best first, ties by id.
func byScoreAndID(hits search.DocumentMatchCollection) {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
}

var storedFields = []string{fAgreement, fVersion, fSeq, fClause, fNumber, fHeading, fText, fLineage, fKind}

func addFacets(req *bleve.SearchRequest) {
	req.AddFacet(fAgreement, bleve.NewFacetRequest(fAgreement, facetSize))
	req.AddFacet(fVersion, bleve.NewFacetRequest(fVKey, facetSize))
	req.AddFacet(fCategory, bleve.NewFacetRequest(fCategory, facetSize))
}

func facetsOf(sr *bleve.SearchResult) []Facet {
	var out []Facet
	for _, name := range []string{fAgreement, fVersion, fCategory} {
		out = append(out, facetOf(name, sr.Facets[name]))
	}
	return out
}

// hitOf makes one hit of the matching versions of a clause lineage: the
// versions in order, and fragments of the latest.
func hitOf(members []*search.DocumentMatch, score float64) Hit {
	hit := Hit{Score: round(score)}
	byVersion := map[HitVersion]*search.DocumentMatch{}
	for _, d := range members {
		hit.Agreement, hit.Lineage = str(d, fAgreement), str(d, fLineage)
		hv := HitVersion{Version: str(d, fVersion), Seq: num(d, fSeq), Clause: str(d, fClause),
			Number: str(d, fNumber), Heading: str(d, fHeading), Kind: str(d, fKind)}
		hit.Versions = append(hit.Versions, hv)
		byVersion[hv] = d
	}
	sort.SliceStable(hit.Versions, func(i, j int) bool {
		a, b := hit.Versions[i], hit.Versions[j]
		if a.Seq != b.Seq {
			return a.Seq < b.Seq
		}
		return a.Clause < b.Clause
	})
	// The passage is of the last version listed, the one reports name
	// the hit by.
	if n := len(hit.Versions); n > 0 {
		hit.Fragments = fragments(byVersion[hit.Versions[n-1]])
	}
	return hit
}

// mainQuery is the query without filters.
func (x *Index) mainQuery(q Query) (query.Query, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, ErrEmptyQuery
	}
	if q.Syntax {
		qs := bleve.NewQueryStringQuery(q.Text)
		if _, err := qs.Parse(); err != nil {
			return nil, &QueryError{err}
		}
		return qs, nil
	}
	words, phrases := splitQuery(q.Text)
	var parts []query.Query
	for _, p := range phrases {
		if len(x.analyse(exactAnalyzer, p)) == 0 {
			continue
		}
		mp := bleve.NewMatchPhraseQuery(p)
		mp.SetField(fExact)
		parts = append(parts, mp)
	}
	// The words go into one match on the text, which holds the heading
	// too: a heading match, or a bonus for the word as written, each
	// cost a second walk of every posting list.
	if w := strings.Join(words, " "); len(x.analyse("en", w)) > 0 {
		m := bleve.NewMatchQuery(w)
		m.SetField(fText)
		m.SetOperator(query.MatchQueryOperatorAnd)
		parts = append(parts, m)
	}
	if len(parts) == 0 {
		return nil, ErrEmptyQuery
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return bleve.NewConjunctionQuery(parts...), nil
}

// analyse returns the tokens an analyser makes of s.
func (x *Index) analyse(name, s string) []string {
	a := x.bi.Mapping().AnalyzerNamed(name)
	if a == nil {
		return strings.Fields(s)
	}
	var out []string
	for _, t := range a.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// splitQuery splits plain query text into words and "quoted phrases". An
// unclosed quote runs to the end.
func splitQuery(s string) (words, phrases []string) {
	for s != "" {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			words = append(words, strings.Fields(s)...)
			break
		}
		words = append(words, strings.Fields(s[:i])...)
		rest := s[i+1:]
		j := strings.IndexByte(rest, '"')
		if j < 0 {
			j = len(rest)
		}
		if p := strings.TrimSpace(rest[:j]); p != "" {
			phrases = append(phrases, p)
		}
		if j == len(rest) {
			break
		}
		s = rest[j+1:]
	}
	return words, phrases
}

// visible returns the versions q may look at, by key, or nil for every
// version. Only versions whose register entry is written are visible:
// the clauses of a version whose batches are not all written (a put
// under way, or one a crash cut short) are in the index but not
// searched.
func (x *Index) visible(q Query) ([]string, error) {
	entries, err := x.Versions()
	if err != nil {
		return nil, err
	}
	var keys []string
	switch {
	case q.Latest:
		latest := map[string]string{}
		for key, e := range entries {
			agr, _ := SplitKey(key)
			if e.Clauses == 0 {
				continue
			}
			if k, ok := latest[agr]; !ok || e.Seq > entries[k].Seq || e.Seq == entries[k].Seq && key > k {
				latest[agr] = key
			}
		}
		keys = make([]string, 0, len(latest))
		for _, key := range latest {
			keys = append(keys, key)
		}
	case q.Versions != nil:
		keys = make([]string, 0, len(q.Versions))
		for _, key := range q.Versions {
			if entries[key].Clauses > 0 {
				keys = append(keys, key)
			}
		}
	default:
		// Every version: a filter only when some clauses are not
		// visible.
		indexed, n := 0, 0
		for key, e := range entries {
			if e.Clauses > 0 {
				keys = append(keys, key)
				indexed += e.Clauses
			}
		}
		if n, err = x.DocCount(); err != nil {
			return nil, err
		}
		if n == indexed {
			return nil, nil
		}
	}
	sort.Strings(keys)
	return keys, nil
}

// filtered adds q's filters to main, as a filter that does not change
// the scores: keys are the versions it may look at (nil for all).
func filtered(main query.Query, q Query, keys []string) query.Query {
	parts := []query.Query{main}
	anyOf := func(field string, values []string) {
		var terms []query.Query
		for _, v := range values {
			t := bleve.NewTermQuery(v)
			t.SetField(field)
			terms = append(terms, t)
		}
		if len(terms) == 0 {
			terms = append(terms, bleve.NewMatchNoneQuery())
		}
		parts = append(parts, bleve.NewDisjunctionQuery(terms...))
	}
	if keys != nil {
		anyOf(fVKey, keys)
	}
	if len(q.Agreements) > 0 {
		anyOf(fAgreement, q.Agreements)
	}
	if len(q.Categories) > 0 {
		anyOf(fCategory, q.Categories)
	}
	if len(q.Holders) > 0 {
		anyOf(fHolder, q.Holders)
	}
	if q.Changed {
		anyOf(fKind, ChangedKinds)
	}
	if len(parts) == 1 {
		return main
	}
	// A filter neither scores nor reports match locations.
	b := bleve.NewBooleanQuery()
	b.AddMust(main)
	b.AddFilter(bleve.NewConjunctionQuery(parts[1:]...))
	return b
}

func queryError(err error) error {
	var qe *QueryError
	if errors.As(err, &qe) {
		return err
	}
	msg := err.Error()
	if strings.Contains(msg, "parse") || strings.Contains(msg, "syntax") {
		return &QueryError{err}
	}
	return err
}

func facetOf(name string, fr *search.FacetResult) Facet {
	f := Facet{Field: name}
	if fr == nil {
		return f
	}
	f.Other = fr.Other
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			f.Terms = append(f.Terms, FacetTerm{Term: t.Term, Count: t.Count})
		}
	}
	sort.SliceStable(f.Terms, func(i, j int) bool {
		if f.Terms[i].Count != f.Terms[j].Count {
			return f.Terms[i].Count > f.Terms[j].Count
		}
		return f.Terms[i].Term < f.Terms[j].Term
	})
	return f
}

// round keeps four decimals of a score, so tiny float differences do not
// reach the output.
func round(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return math.Round(f*1e4) / 1e4
}

func str(d *search.DocumentMatch, field string) string {
	s, _ := d.Fields[field].(string)
	return s
}

func num(d *search.DocumentMatch, field string) int {
	f, _ := d.Fields[field].(float64)
	return int(f)
}

// fragments returns the passage of a matched clause's text around its
// matches, or its start when the matches are elsewhere (a field query on
// the heading or a keyword field), unmarked.
func fragments(d *search.DocumentMatch) []Fragment {
	src := str(d, fText)
	f := Fragment{Version: str(d, fVersion), Field: fText}
	var marks [][2]int
	for name, terms := range d.Locations {
		if name != fText && name != fExact {
			continue
		}
		for _, locs := range terms {
			for _, l := range locs {
				if int(l.End) <= len(src) && l.Start < l.End {
					marks = append(marks, [2]int{int(l.Start), int(l.End)})
				}
			}
		}
	}
	if len(marks) == 0 {
		f.Text = src
		if len(src) > fragmentLen {
			f.Text = src[:wordEnd(src, fragmentLen)]
		}
		return []Fragment{f}
	}
	marks = mergeMarks(src, marks)
	start, end := window(src, marks)
	f.Start, f.Text = start, src[start:end]
	for _, m := range marks {
		if m[0] >= start && m[1] <= end {
			f.Marks = append(f.Marks, [2]int{m[0] - start, m[1] - start})
		}
	}
	return []Fragment{f}
}

// mergeMarks sorts ranges and joins those that overlap or that only
// spaces separate, so a phrase is marked as one.
func mergeMarks(src string, marks [][2]int) [][2]int {
	sort.Slice(marks, func(i, j int) bool {
		if marks[i][0] != marks[j][0] {
			return marks[i][0] < marks[j][0]
		}
		return marks[i][1] < marks[j][1]
	})
	out := marks[:1]
	for _, m := range marks[1:] {
		last := &out[len(out)-1]
		if m[0] <= last[1] || strings.Trim(src[last[1]:m[0]], " ") == "" {
			last[1] = max(last[1], m[1])
			continue
		}
		out = append(out, m)
	}
	return out
}

// window picks about fragmentLen bytes of src holding as many marks as
// it can, starting at a word boundary a little before the first of them.
func window(src string, marks [][2]int) (int, int) {
	if len(src) <= fragmentLen {
		return 0, len(src)
	}
	best, bestN := 0, -1
	for i := range marks {
		n := 0
		for j := i; j < len(marks) && marks[j][1]-marks[i][0] <= fragmentLen*2/3; j++ {
			n++
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	start := wordStart(src, max(0, marks[best][0]-fragmentLen/4))
	end := wordEnd(src, min(len(src), start+fragmentLen))
	return start, max(end, min(len(src), marks[best][1]))
}

// wordStart moves i back to the start of the word it is in, at most 40
// bytes (text without spaces, such as Japanese, has no word starts), and
// never inside a character.
func wordStart(s string, i int) int {
	for lim := max(0, i-40); i > lim; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// wordEnd moves i on to the end of the word it is in, at most 40 bytes,
// and never inside a character.
func wordEnd(s string, i int) int {
	for lim := min(len(s), i+40); i < lim; {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}
