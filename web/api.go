package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/review"
)

type bytesBuffer = bytes.Buffer

// input is what a POST carries, as a form or as a JSON object.
type input struct {
	Old     string `json:"old"`
	New     string `json:"new"`
	Name    string `json:"name"`
	By      string `json:"by"`
	Verdict string `json:"verdict"`
	Comment string `json:"comment"`
	Return  string `json:"-"`
}

func readInput(r *http.Request) (input, error) {
	var in input
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return in, fmt.Errorf("%w: the body is not the JSON object expected: %w", errBadRequest, err)
		}
		return in, nil
	}
	if err := r.ParseForm(); err != nil {
		return in, fmt.Errorf("%w: %w", errBadRequest, err)
	}
	f := r.PostForm
	return input{Old: f.Get("old"), New: f.Get("new"), Name: f.Get("name"), By: f.Get("by"),
		Verdict: f.Get("verdict"), Comment: f.Get("comment"), Return: f.Get("return")}, nil
}

func (s *Server) apiCSRF(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error {
		return report.JSON(b, struct {
			Schema string `json:"schema"`
			Token  string `json:"token"`
		}{"clausetrack.csrf/v1", s.csrf})
	})
}

func (s *Server) apiAgreements(w http.ResponseWriter, r *http.Request) {
	as, err := s.w.Agreements()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if as == nil {
		as = []corpus.Agreement{}
	}
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error {
		return report.JSON(b, struct {
			Schema     string             `json:"schema"`
			Agreements []corpus.Agreement `json:"agreements"`
		}{"clausetrack.agreements/v1", as})
	})
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("agreement")
	if err := s.agreement(id); err != nil {
		s.failErr(w, r, err)
		return
	}
	rows, err := s.timeline(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error {
		return report.JSON(b, struct {
			Schema    string       `json:"schema"`
			Agreement string       `json:"agreement"`
			Versions  []versionRow `json:"versions"`
		}{"clausetrack.versions/v1", id, rows})
	})
}

func (s *Server) apiRights(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("agreement")
	if err := s.agreement(id); err != nil {
		s.failErr(w, r, err)
		return
	}
	l, err := s.ledger(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error { return report.RightsJSON(b, l, report.RightsOptions{}) })
}

// apiDiff answers the clausetrack.diff/v1 contract of two versions: every
// change, whatever the page's filters.
func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
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
	s.writeJSON(w, http.StatusOK, func(buf *bytes.Buffer) error { return report.DiffJSON(buf, cmp, d.Old.Ref(), d.New.Ref()) })
}

func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	label := r.URL.Query().Get("version")
	if label == "" {
		label = "latest"
	}
	h, err := s.history(r.PathValue("agreement"), label, r.PathValue("clause"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error { return report.HistoryJSON(b, h) })
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	f, res, err := s.search(r)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if res == nil {
		s.fail(w, r, http.StatusBadRequest, "give a query: ?q=WORDS")
		return
	}
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error {
		return report.SearchJSON(b, res, report.SearchOptions{Query: f.Q, Offset: f.Offset, Limit: searchLimit})
	})
}

// maxQuery bounds the JSON of a forwarded index query.
const maxQuery = 64 << 10

// apiIndexQuery runs an index query as a command builds it (an
// index.Query as JSON in the parameter q) and answers the index's own
// result, as JSON: while the server holds the index, `clausetrack search`
// forwards its queries here and renders the result itself.
func (s *Server) apiIndexQuery(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("q")
	var q index.Query
	if raw == "" || len(raw) > maxQuery || json.Unmarshal([]byte(raw), &q) != nil {
		s.fail(w, r, http.StatusBadRequest, "give an index query as JSON: ?q={...}")
		return
	}
	if q.Limit < 1 || q.Limit > 10000 || q.Offset < 0 || q.Offset > 1000000 || len(q.Text) > 1000 {
		s.fail(w, r, http.StatusBadRequest, "the query's text, limit or offset is out of range")
		return
	}
	if err := s.refreshIndex(); err != nil {
		s.logf("refresh index: %v", err)
	}
	res, err := s.x.Search(q)
	var qe *index.QueryError
	if errors.Is(err, index.ErrEmptyQuery) || errors.As(err, &qe) {
		s.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error { return json.NewEncoder(b).Encode(res) })
}

func (s *Server) apiReviews(w http.ResponseWriter, r *http.Request) {
	st, err := s.reviews()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	views := []*review.View{}
	for _, rv := range st.Reviews {
		v, _, err := s.reviewView(st, rv.ID)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		views = append(views, v)
	}
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error { return review.WriteListJSON(b, views) })
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	status := review.Status(r.URL.Query().Get("status"))
	if status != "" && !slices.Contains(review.Statuses, status) {
		s.failErr(w, r, badf("unknown status %q", status))
		return
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
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error { return review.WriteShowJSON(b, v, status) })
}

func (s *Server) apiLog(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !reReview.MatchString(id) {
		s.failErr(w, r, badf("%q is not a review id", id))
		return
	}
	st, err := s.reviews()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	rv, err := st.Review(id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	evs := st.Events(rv.ID)
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error { return review.WriteLogJSON(b, rv.ID, evs) })
}

func (s *Server) apiMemo(w http.ResponseWriter, r *http.Request) {
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
	s.writeJSON(w, http.StatusOK, func(b *bytes.Buffer) error { return report.MemoJSON(b, m) })
}
