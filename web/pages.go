package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/review"
	"github.com/clausetrack/clausetrack/rights"
)

// versionRow is one version of an agreement on the timeline.
type versionRow struct {
	corpus.Version
	Clauses int `json:"clauses"`
}

type agreementRow struct {
	corpus.Agreement
	Rows []versionRow
}

// timeline lists the versions of an agreement with their clause counts.
func (s *Server) timeline(id string) ([]versionRow, error) {
	vs, err := s.w.Versions(id)
	if err != nil {
		return nil, err
	}
	rows := make([]versionRow, 0, len(vs))
	for _, v := range vs {
		n, err := s.clauseCount(v)
		if err != nil {
			return nil, err
		}
		rows = append(rows, versionRow{v, n})
	}
	return rows, nil
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	as, err := s.w.Agreements()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var rows []agreementRow
	for _, a := range as {
		vs, err := s.timeline(a.ID)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		rows = append(rows, agreementRow{a, vs})
	}
	s.render(w, r, http.StatusOK, "home", "Agreements", rows)
}

func (s *Server) pageAgreement(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("agreement")
	if err := s.agreement(id); err != nil {
		s.failErr(w, r, err)
		return
	}
	vs, err := s.timeline(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	l, err := s.ledger(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	doc := report.NewRightsDoc(l, report.RightsOptions{})
	s.render(w, r, http.StatusOK, "agreement", id, struct {
		Agreement string
		Versions  []versionRow
		Summary   []string
		Rights    *report.RightsDoc
	}{id, vs, report.Summary(l, l.Rights), doc})
}

// diffQuery is a diff page's parameters, checked.
type diffQuery struct {
	Agreement          string
	Old, New           corpus.Version
	Changed            bool
	Kind, Category     string
	ReviewID           string
	Kinds, Categories  []string
	Versions           []corpus.Version
	oldLabel, newLabel string
}

// compare aligns the two versions a diff query names.
func (s *Server) compare(d *diffQuery) (*diff.Comparison, error) {
	_, a, err := s.load(d.Old.Ref())
	if err != nil {
		return nil, err
	}
	_, b, err := s.load(d.New.Ref())
	if err != nil {
		return nil, err
	}
	return diff.Compare(a, b, diff.Options{}), nil
}

func (s *Server) diffQuery(r *http.Request) (*diffQuery, error) {
	q := r.URL.Query()
	d := &diffQuery{Agreement: r.PathValue("agreement"), Changed: q.Get("changed") == "1",
		Kind: q.Get("kind"), Category: q.Get("category"), ReviewID: q.Get("review")}
	for _, k := range diff.Kinds {
		d.Kinds = append(d.Kinds, string(k))
	}
	d.Categories = rights.Categories
	if err := s.agreement(d.Agreement); err != nil {
		return nil, err
	}
	vs, err := s.w.Versions(d.Agreement)
	if err != nil {
		return nil, err
	}
	d.Versions = vs
	d.oldLabel, d.newLabel = q.Get("old"), q.Get("new")
	if d.oldLabel == "" && d.newLabel == "" && len(vs) > 1 {
		d.oldLabel, d.newLabel = "~1", "latest"
	}
	if d.oldLabel == "" || d.newLabel == "" {
		return nil, badf("name the two versions to compare: ?old=LABEL&new=LABEL")
	}
	if d.Kind != "" && !slices.Contains(d.Kinds, d.Kind) {
		return nil, badf("unknown kind %q (want %s)", d.Kind, strings.Join(d.Kinds, ", "))
	}
	if d.Category != "" && !rights.IsCategory(d.Category) {
		return nil, badf("unknown category %q", d.Category)
	}
	if d.ReviewID != "" && !reReview.MatchString(d.ReviewID) {
		return nil, badf("%q is not a review id", d.ReviewID)
	}
	if d.Old, err = s.version(d.Agreement, d.oldLabel); err != nil {
		return nil, err
	}
	if d.New, err = s.version(d.Agreement, d.newLabel); err != nil {
		return nil, err
	}
	return d, nil
}

// changeRow is one change on the diff page with its review item.
type changeRow struct {
	report.DiffChange
	Item *review.Item
}

func (s *Server) pageDiff(w http.ResponseWriter, r *http.Request) {
	d, err := s.diffQuery(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	cmp, err := s.compare(d)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	st, err := s.reviews()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var view *review.View
	rid := d.ReviewID
	if rid == "" {
		for _, rv := range st.Reviews {
			if rv.Old == d.Old.Ref() && rv.New == d.New.Ref() {
				rid = rv.ID
			}
		}
	}
	if rid != "" {
		rv, err := st.Review(rid)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		if rv.Old != d.Old.Ref() || rv.New != d.New.Ref() {
			s.failErr(w, r, badf("review %s compares %s → %s, not %s → %s", rv.ID, rv.Old, rv.New, d.Old.Ref(), d.New.Ref()))
			return
		}
		if view, err = st.View(rv.ID, cmp); err != nil {
			s.failErr(w, r, err)
			return
		}
	}
	var keep map[string]bool
	if d.Category != "" {
		keep = categoryClauses(cmp, d.Category)
	}
	items := map[string]*review.Item{}
	if view != nil {
		for i := range view.Items {
			items[view.Items[i].Change.ID] = &view.Items[i]
		}
	}
	jd := report.NewDiff(cmp, d.Old.Ref(), d.New.Ref())
	var rows []changeRow
	for k, ch := range jd.Changes {
		c := cmp.Changes[k]
		switch {
		case d.Changed && c.Kind == diff.Unchanged && len(c.Notes) == 0, // as report's ChangedOnly: a stale reference stays
			d.Kind != "" && string(c.Kind) != d.Kind,
			keep != nil && !keep[c.ID]:
			continue
		}
		rows = append(rows, changeRow{ch, items[c.ID]})
	}
	s.render(w, r, http.StatusOK, "diff", fmt.Sprintf("%s: %s → %s", d.Agreement, d.Old.Label, d.New.Label), struct {
		Q       *diffQuery
		Summary report.Counts
		Changes []changeRow
		View    *review.View
		Return  string
	}{d, jd.Summary, rows, view, r.URL.RequestURI()})
}

// categoryClauses returns the ids of the changes one of whose clauses
// carries a right of the category.
func categoryClauses(cmp *diff.Comparison, category string) map[string]bool {
	oc, nc := rights.Classify(cmp.Old), rights.Classify(cmp.New)
	has := func(classes map[string][]rights.Class, id string) bool {
		for _, c := range classes[id] {
			if c.Category == category {
				return true
			}
		}
		return false
	}
	out := map[string]bool{}
	for _, ch := range cmp.Changes {
		hit := (ch.Old != nil && has(oc, ch.Old.ID)) || (ch.New != nil && has(nc, ch.New.ID))
		for _, p := range ch.Parts {
			if ch.Kind == diff.Split {
				hit = hit || has(nc, p.ID)
			} else {
				hit = hit || has(oc, p.ID)
			}
		}
		if hit {
			out[ch.ID] = true
		}
	}
	return out
}

func (s *Server) pageHistory(w http.ResponseWriter, r *http.Request) {
	id, key := r.PathValue("agreement"), r.PathValue("clause")
	label := r.URL.Query().Get("version")
	if label == "" {
		label = "latest"
	}
	h, err := s.history(id, label, key)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "history", fmt.Sprintf("%s: history of %s", id, key), h)
}

// searchForm is the search page's parameters.
type searchForm struct {
	Q, Version, Agreement, Category string
	Offset                          int
	Agreements                      []corpus.Agreement
	Categories                      []string
}

const searchLimit = 20

// search runs the search a request asks for; a nil result when it asks
// for none.
func (s *Server) search(r *http.Request) (*searchForm, *index.Result, error) {
	q := r.URL.Query()
	f := &searchForm{Q: strings.TrimSpace(q.Get("q")), Version: q.Get("version"), Agreement: q.Get("agreement"),
		Category: q.Get("category"), Categories: rights.Categories}
	if f.Version == "" {
		f.Version = "latest"
	}
	if o := q.Get("offset"); o != "" {
		if _, err := fmt.Sscanf(o, "%d", &f.Offset); err != nil || f.Offset < 0 || f.Offset > 100000 {
			return nil, nil, badf("offset %q is not a number of hits", o)
		}
	}
	as, err := s.w.Agreements()
	if err != nil {
		return nil, nil, err
	}
	f.Agreements = as
	if len(f.Q) > 1000 {
		return nil, nil, badf("the query is too long")
	}
	if f.Version != "latest" && f.Version != "all" && !reLabel.MatchString(f.Version) {
		return nil, nil, badf("%q is not a version label", f.Version)
	}
	if f.Category != "" && !rights.IsCategory(f.Category) {
		return nil, nil, badf("unknown category %q", f.Category)
	}
	var agreements []string
	if f.Agreement != "" {
		if err := s.agreement(f.Agreement); err != nil {
			return nil, nil, err
		}
		agreements = []string{f.Agreement}
	}
	if f.Q == "" {
		return f, nil, nil
	}
	iq := index.Query{Text: f.Q, Limit: searchLimit, Offset: f.Offset, Facets: true}
	if f.Category != "" {
		iq.Categories = []string{f.Category}
	}
	switch f.Version {
	case "latest", "all":
		iq.Latest, iq.Agreements = f.Version == "latest", agreements
	default:
		ids := agreements
		if ids == nil {
			for _, a := range as {
				ids = append(ids, a.ID)
			}
		}
		iq.Versions = []string{}
		for _, id := range ids {
			v, err := s.w.Resolve(id + "@" + f.Version)
			if errors.Is(err, corpus.ErrNotFound) && f.Agreement == "" {
				continue
			} else if err != nil {
				return nil, nil, err
			}
			iq.Versions = append(iq.Versions, index.Key(id, v.Label))
		}
		if len(iq.Versions) == 0 {
			return nil, nil, fmt.Errorf("%w: no agreement has a version %q", corpus.ErrNotFound, f.Version)
		}
	}
	if err := s.refreshIndex(); err != nil {
		s.logf("refresh index: %v", err)
	}
	res, err := s.x.Search(iq)
	return f, res, err
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	f, res, err := s.search(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var doc *report.Search
	if res != nil {
		doc = report.NewSearch(res, report.SearchOptions{Query: f.Q, Offset: f.Offset, Limit: searchLimit})
	}
	title := "Search"
	if f.Q != "" {
		title = "Search: " + f.Q
	}
	s.render(w, r, http.StatusOK, "search", title, struct {
		F      *searchForm
		Result *report.Search
		Next   int
		Facet  func(field, term string) string
	}{f, doc, f.Offset + searchLimit, func(field, term string) string {
		q := url.Values{"q": {f.Q}, "version": {f.Version}, "agreement": {f.Agreement}, "category": {f.Category}}
		if field == "version" { // a facet term is a version key, agreement@label
			a, l := index.SplitKey(term)
			q.Set("agreement", a)
			term = l
		}
		q.Set(field, term)
		return "/search?" + q.Encode()
	}})
}

func (s *Server) pageReviews(w http.ResponseWriter, r *http.Request) {
	st, err := s.reviews()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var views []*review.View
	for _, rv := range st.Reviews {
		v, _, err := s.reviewView(st, rv.ID)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		views = append(views, v)
	}
	s.render(w, r, http.StatusOK, "reviews", "Reviews", views)
}

// reviewRow is one item of a review page.
type reviewRow struct {
	review.Item
	Redline []report.DiffEdit
	Old     *report.DiffClause
	New     *report.DiffClause
}

func (s *Server) pageReview(w http.ResponseWriter, r *http.Request) {
	st, err := s.reviews()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v, cmp, err := s.reviewView(st, r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	status := review.Status(r.URL.Query().Get("status"))
	if status != "" && !slices.Contains(review.Statuses, status) {
		s.failErr(w, r, badf("unknown status %q", status))
		return
	}
	jd := report.NewDiff(cmp, v.Review.Old, v.Review.New)
	byID := map[string]report.DiffChange{}
	for _, ch := range jd.Changes {
		byID[ch.ID] = ch
	}
	var rows []reviewRow
	for _, it := range v.Items {
		if status != "" && it.Status != status {
			continue
		}
		ch := byID[it.Change.ID]
		rows = append(rows, reviewRow{it, ch.Edits, ch.Old, ch.New})
	}
	agreement, oldLabel, _ := strings.Cut(v.Review.Old, "@")
	_, newLabel, _ := strings.Cut(v.Review.New, "@")
	diffURL := ""
	if na, _, _ := strings.Cut(v.Review.New, "@"); na == agreement {
		diffURL = "/a/" + url.PathEscape(agreement) + "/diff?" + url.Values{"old": {oldLabel}, "new": {newLabel}, "review": {v.Review.ID}, "changed": {"1"}}.Encode()
	}
	s.render(w, r, http.StatusOK, "review", "Review "+v.Review.ID, struct {
		View     *review.View
		Rows     []reviewRow
		Status   review.Status
		Statuses []review.Status
		DiffURL  string
		Return   string
	}{v, rows, status, review.Statuses, diffURL, r.URL.RequestURI()})
}

func (s *Server) pageMemo(w http.ResponseWriter, r *http.Request) {
	st, err := s.reviews()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	m, err := s.memo(st, r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	doc := report.NewMemoDoc(m)
	s.render(w, r, http.StatusOK, "memo", "Memo: review "+doc.Review.ID, doc)
}

// postStart starts a review of two versions: a form (old, new as
// AGREEMENT@LABEL, name, by) that redirects to the diff page, or JSON.
func (s *Server) postStart(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var refs [2]corpus.Version
	for k, ref := range []string{in.Old, in.New} {
		a, l, ok := strings.Cut(ref, "@")
		if !ok {
			s.failErr(w, r, badf("name the versions as AGREEMENT@LABEL, not %q", ref))
			return
		}
		if refs[k], err = s.version(a, l); err != nil {
			s.failErr(w, r, err)
			return
		}
	}
	if len(in.Name) > 200 {
		s.failErr(w, r, badf("the name is too long"))
		return
	}
	_, a, err := s.load(refs[0].Ref())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	_, b, err := s.load(refs[1].Ref())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	ev, err := review.OpenLog(s.w.Path()).Start(review.Event{Time: s.opt.Now(), Reviewer: s.reviewer(in.By),
		Old: refs[0].Ref(), New: refs[1].Ref(), Name: strings.TrimSpace(in.Name)})
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if isAPI(r) {
		v, err := review.Fold([]review.Event{ev}).View(ev.Review, diff.Compare(a, b, diff.Options{}))
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		s.writeJSON(w, http.StatusCreated, func(b *bytesBuffer) error { return review.WriteShowJSON(b, v, "") })
		return
	}
	to := "/reviews/" + ev.Review
	if refs[0].Agreement == refs[1].Agreement {
		to = "/a/" + url.PathEscape(refs[0].Agreement) + "/diff?" + url.Values{"old": {refs[0].Label}, "new": {refs[1].Label},
			"review": {ev.Review}, "changed": {"1"}}.Encode()
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// postEvent records a decision or a comment on a change of a review.
// The event is appended and synced before the answer: a redirect back
// for a form, the event as clausetrack.reviewlog/v1 for JSON.
func (s *Server) postEvent(w http.ResponseWriter, r *http.Request) {
	in, err := readInput(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	change := r.PathValue("change")
	if !reChange.MatchString(change) {
		s.failErr(w, r, badf("%q is not a change id", change))
		return
	}
	ev := review.Event{Kind: review.Comment, Text: strings.TrimSpace(in.Comment)}
	if len(ev.Text) > 10000 {
		s.failErr(w, r, badf("the comment is too long"))
		return
	}
	switch in.Verdict {
	case "", "comment":
		if ev.Text == "" {
			s.failErr(w, r, badf("the comment is empty: say something, or choose a verdict"))
			return
		}
	default:
		v, err := review.ParseVerdict(in.Verdict)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		ev.Kind, ev.Verdict = review.Decision, v
	}
	st, err := s.reviews()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v, _, err := s.reviewView(st, r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	it, err := v.Find(change)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	ev.Time, ev.Reviewer, ev.Review = s.opt.Now(), s.reviewer(in.By), v.Review.ID
	ev.Change, ev.Content, ev.Anchor = it.Change.ID, it.Content, it.Anchor
	ev, err = review.OpenLog(s.w.Path()).Append(ev)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if isAPI(r) {
		s.writeJSON(w, http.StatusOK, func(b *bytesBuffer) error { return review.WriteLogJSON(b, ev.Review, []review.Event{ev}) })
		return
	}
	to := localURL(in.Return, "/reviews/"+ev.Review)
	if !strings.Contains(to, "#") {
		to += "#change-" + ev.Change
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// reviewer is who records an event: the name given, else the server's.
func (s *Server) reviewer(by string) string {
	by = strings.TrimSpace(by)
	if by == "" || len(by) > 100 || strings.ContainsFunc(by, func(r rune) bool { return r < ' ' }) {
		return s.opt.Reviewer
	}
	return by
}

// localURL returns u when it is a path on this server, else def: a
// redirect never leaves the site.
func localURL(u, def string) string {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || strings.ContainsAny(u, "\\\r\n") {
		return def
	}
	if p, err := url.Parse(u); err != nil || p.Host != "" || p.Scheme != "" {
		return def
	}
	return u
}
