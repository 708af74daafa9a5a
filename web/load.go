package web

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/assemble"
	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/review"
	"github.com/clausetrack/clausetrack/rights"
)

// This file reads the workspace through assemble, as the commands do:
// every name from a request is checked against a pattern first and then
// looked up, never used to build a path.

var (
	reAgreement = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
	reLabel     = regexp.MustCompile(`^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,63}|~[0-9]{1,4})$`)
	reReview    = regexp.MustCompile(`^r[1-9][0-9]{0,8}$`)
	reChange    = regexp.MustCompile(`^[0-9a-f]{4,12}(?:-[0-9]{1,6})?$`)
)

// errBadRequest marks a malformed parameter: a 400.
var errBadRequest = errors.New("bad request")

func badf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errBadRequest, fmt.Sprintf(format, args...))
}

// agreement checks an agreement id and that the workspace has it.
func (s *Server) agreement(id string) error {
	if !reAgreement.MatchString(id) {
		return badf("%q is not an agreement id", id)
	}
	_, err := s.w.Versions(id)
	return err
}

// version resolves AGREEMENT@LABEL for a checked agreement and a label,
// latest or ~N from a request.
func (s *Server) version(agreement, label string) (corpus.Version, error) {
	if !reLabel.MatchString(label) {
		return corpus.Version{}, badf("%q is not a version label", label)
	}
	if err := s.agreement(agreement); err != nil {
		return corpus.Version{}, err
	}
	return s.w.Resolve(agreement + "@" + label)
}

// load reads and segments a version.
func (s *Server) load(ref string) (corpus.Version, *clauses.Document, error) {
	return assemble.Load(s.w)(ref)
}

// clauseCount is how many clauses a version has, as `list` counts them.
// Texts are content-addressed, so counts are kept by text SHA-256.
func (s *Server) clauseCount(v corpus.Version) (int, error) {
	s.countsMu.Lock()
	n, ok := s.counts[v.TextSHA256]
	s.countsMu.Unlock()
	if ok {
		return n, nil
	}
	src, err := s.w.Source(v)
	if err != nil {
		return 0, err
	}
	n = len(clauses.Segment(src).Clauses())
	s.countsMu.Lock()
	s.counts[v.TextSHA256] = n
	s.countsMu.Unlock()
	return n, nil
}

// ledger builds an agreement's rights ledger across every version, as
// `clausetrack rights` does.
func (s *Server) ledger(agreement string) (*rights.Ledger, error) {
	return assemble.Ledger(s.w, s.load, agreement, s.opt.Playbook)
}

// checkClause checks a clause key from a request: a number or id, short,
// printable.
func checkClause(key string) error {
	if key == "" || len(key) > 200 || !utf8.ValidString(key) || strings.ContainsFunc(key, unicode.IsControl) {
		return badf("%q is not a clause number", key)
	}
	return nil
}

// history follows one clause of a version through the agreement's
// versions, as `clausetrack history` does.
func (s *Server) history(agreement, label, key string) (*report.History, error) {
	if err := checkClause(key); err != nil {
		return nil, err
	}
	v, err := s.version(agreement, label)
	if err != nil {
		return nil, err
	}
	_, doc, err := s.load(v.Ref())
	if err != nil {
		return nil, err
	}
	c := doc.Find(key)
	if c == nil {
		return nil, fmt.Errorf("%s has no clause %s: %w", v.Ref(), key, corpus.ErrNotFound)
	}
	id, hvs, err := assemble.History(s.w, s.load, v, c)
	if err != nil {
		return nil, err
	}
	return report.NewHistory(agreement, id, hvs), nil
}

// reviews reads and folds the review log. A torn last line is left out.
func (s *Server) reviews() (*review.State, error) {
	evs, _, err := review.OpenLog(s.w.Path()).Read()
	if err != nil {
		return nil, err
	}
	return review.Fold(evs), nil
}

// reviewView finds review id (checked) and recomputes its comparison.
func (s *Server) reviewView(st *review.State, id string) (*review.View, *diff.Comparison, error) {
	if !reReview.MatchString(id) {
		return nil, nil, badf("%q is not a review id", id)
	}
	r, err := st.Review(id)
	if err != nil {
		return nil, nil, err
	}
	_, a, err := s.load(r.Old)
	if err != nil {
		return nil, nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	_, b, err := s.load(r.New)
	if err != nil {
		return nil, nil, fmt.Errorf("review %s: %w", r.ID, err)
	}
	cmp := diff.Compare(a, b, diff.Options{})
	v, err := st.View(r.ID, cmp)
	return v, cmp, err
}

// memo builds a review's memo, as `clausetrack review memo` does: the
// review's comparison and the rights ledger of exactly its two versions.
func (s *Server) memo(st *review.State, id string) (*report.Memo, error) {
	if !reReview.MatchString(id) {
		return nil, badf("%q is not a review id", id)
	}
	r, err := st.Review(id)
	if err != nil {
		return nil, err
	}
	return assemble.Memo(s.w, s.load, st, r, s.opt.Playbook)
}
