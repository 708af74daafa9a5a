package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/clausetrack/clausetrack/rights"
)

// ConflictsSchema names the JSON contract of a conflict check.
const ConflictsSchema = "clausetrack.conflicts/v1"

// ConflictsDoc is a conflict check: the restrictions in force in the
// latest version of Agreement and, for each, the clauses of the latest
// version of Against that fall within its scope.
type ConflictsDoc struct {
	Schema         string         `json:"schema"`
	Agreement      string         `json:"agreement"`
	Version        string         `json:"version"`
	Against        string         `json:"against"`
	AgainstVersion string         `json:"against_version"`
	Rights         []ConflictJSON `json:"rights"`
}

// ConflictJSON is one right and its candidate clauses, best first.
type ConflictJSON struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Category   string          `json:"category"`
	Holder     string          `json:"holder"`
	Scope      string          `json:"scope"`
	Clauses    []string        `json:"clauses"`
	Candidates []CandidateJSON `json:"candidates"`
}

// CandidateJSON is a clause of the other agreement: its number, heading,
// level (high, medium, low), score and the right's words it uses.
type CandidateJSON struct {
	Clause  string   `json:"clause"`
	Heading string   `json:"heading"`
	Level   string   `json:"level"`
	Score   float64  `json:"score"`
	Words   []string `json:"words"`
}

// NewConflictsDoc makes the JSON form of a conflict check.
func NewConflictsDoc(agreement, version, against, againstVersion string, cs []rights.Conflict) *ConflictsDoc {
	d := &ConflictsDoc{Schema: ConflictsSchema, Agreement: agreement, Version: version, Against: against,
		AgainstVersion: againstVersion, Rights: []ConflictJSON{}}
	for _, c := range cs {
		cj := ConflictJSON{ID: c.Right.ID, Name: c.Right.Name, Category: c.Right.Category, Holder: c.Right.Holder,
			Scope: c.Right.Scope, Clauses: nonNil(c.Clauses), Candidates: []CandidateJSON{}}
		for _, k := range c.Candidates {
			cj.Candidates = append(cj.Candidates, CandidateJSON{Clause: k.Clause, Heading: k.Heading, Level: k.Level,
				Score: k.Score, Words: nonNil(k.Words)})
		}
		d.Rights = append(d.Rights, cj)
	}
	return d
}

// ConflictsJSON writes a conflict check as clausetrack.conflicts/v1 JSON.
func ConflictsJSON(w io.Writer, d *ConflictsDoc) error { return JSON(w, d) }

// ConflictsText writes a conflict check for the terminal: per right a
// line naming it, then its candidate clauses, one a line, with their
// level and the shared words.
func ConflictsText(w io.Writer, d *ConflictsDoc) error {
	ew := &errWriter{w: w}
	ew.printf("Restrictions in %s@%s checked against %s@%s\n", termSafe(d.Agreement), termSafe(d.Version),
		termSafe(d.Against), termSafe(d.AgainstVersion))
	if len(d.Rights) == 0 {
		ew.printf("\nno exclusivity or other restriction is in force in %s@%s\n", termSafe(d.Agreement), termSafe(d.Version))
	}
	for _, r := range d.Rights {
		ew.printf("\n%s (%s)\n", termSafe(conflictTitle(r)), termSafe(strings.Join(r.Clauses, ", ")))
		if len(r.Candidates) == 0 {
			ew.printf("  no clause of %s falls within its scope\n", termSafe(d.Against))
		}
		for _, c := range r.Candidates {
			name := c.Clause
			if c.Heading != "" {
				name += " " + c.Heading
			}
			ew.printf("  %-6s %s: %s\n", c.Level, termSafe(name), termSafe(strings.Join(c.Words, ", ")))
		}
	}
	return ew.err
}

// ConflictsMarkdown writes a conflict check as Markdown: a section per
// right with a table of its candidate clauses.
func ConflictsMarkdown(w io.Writer, d *ConflictsDoc) error {
	ew := &errWriter{w: w}
	ew.printf("# Conflict check: %s@%s against %s@%s\n", mdEscape(d.Agreement), mdEscape(d.Version),
		mdEscape(d.Against), mdEscape(d.AgainstVersion))
	for _, r := range d.Rights {
		ew.printf("\n## %s (%s)\n\n", mdEscape(conflictTitle(r)), mdEscape(strings.Join(r.Clauses, ", ")))
		if len(r.Candidates) == 0 {
			ew.printf("_No clause falls within its scope._\n")
			continue
		}
		ew.printf("| level | clause | score | shared words |\n|---|---|---|---|\n")
		for _, c := range r.Candidates {
			ew.printf("| %s | %s | %s | %s |\n", c.Level, mdCell(strings.TrimSpace(c.Clause+" "+c.Heading)),
				strconv.FormatFloat(c.Score, 'f', 2, 64), mdCell(strings.Join(c.Words, ", ")))
		}
	}
	return ew.err
}

func conflictTitle(r ConflictJSON) string {
	t := strings.ReplaceAll(r.Category, "_", " ") + " held by " + r.Holder
	if r.Name != "" {
		t = r.Name + ": " + t
	}
	if r.Scope != "" {
		t += ": " + r.Scope
	}
	return t
}
