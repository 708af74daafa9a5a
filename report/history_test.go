package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/report"
)

// historyCase is an agreement's versions, oldest first, linked as
// `clausetrack history` links them, with the clauses its goldens follow.
type historyCase struct {
	name     string
	versions []report.HistoryVersion
	follow   []string // NUMBER@VERSION
}

// loadHistoryCases reads the txtar archives of testdata/history: a
// comment, a file "follow" with a NUMBER@VERSION a line, then a file
// LABEL.txt per version, oldest first; each version's date is its label.
func loadHistoryCases(t testing.TB) []historyCase {
	names, archives := readArchives(t, filepath.Join("testdata", "history"))
	var out []historyCase
	for i, a := range archives {
		c := historyCase{name: names[i]}
		var labels []string
		var docs []*clauses.Document
		for _, file := range a.Files {
			if file.Name == "follow" {
				c.follow = strings.Fields(string(file.Data))
				continue
			}
			labels = append(labels, strings.TrimSuffix(file.Name, ".txt"))
			docs = append(docs, segmentText(file.Name, string(file.Data)))
		}
		if len(c.follow) == 0 || len(docs) < 2 {
			t.Fatalf("%s: want a follow file and two versions or more", c.name)
		}
		c.versions = linkVersions(labels, labels, docs)
		out = append(out, c)
	}
	return out
}

// linkVersions gives each version its lineage (diff.Chain, as the
// workspace stores it) and its comparison with the version before.
func linkVersions(labels, dates []string, docs []*clauses.Document) []report.HistoryVersion {
	out := make([]report.HistoryVersion, len(docs))
	for k, links := range diff.Chain(docs, labels, diff.Options{}) {
		v := report.HistoryVersion{Label: labels[k], Date: dates[k], Doc: docs[k],
			Lineage: map[string]string{}, Kinds: map[string]string{}}
		for id, ln := range links {
			v.Lineage[id], v.Kinds[id] = ln.Lineage, string(ln.Kind)
		}
		if k > 0 {
			v.Changes = diff.Compare(docs[k-1], docs[k], diff.Options{})
		}
		out[k] = v
	}
	return out
}

// history follows the clause NUMBER@VERSION names.
func (c *historyCase) history(t testing.TB, ref string) *report.History {
	key, label, _ := strings.Cut(ref, "@")
	for _, v := range c.versions {
		if v.Label != label {
			continue
		}
		cl := v.Doc.Find(key)
		if cl == nil {
			t.Fatalf("%s: no clause %s", c.name, ref)
		}
		return report.NewHistory(c.name, v.Lineage[cl.ID], c.versions)
	}
	t.Fatalf("%s: no version %s", c.name, label)
	return nil
}

// historyRenderers are the views of a history, with the suffixes of their
// goldens.
func historyRenderers() []struct {
	suffix string
	render func(io.Writer, *report.History) error
} {
	view := func(f func(io.Writer, *report.History, report.HistoryOptions) error, opt report.HistoryOptions) func(io.Writer, *report.History) error {
		return func(w io.Writer, h *report.History) error { return f(w, h, opt) }
	}
	return []struct {
		suffix string
		render func(io.Writer, *report.History) error
	}{
		{".json", report.HistoryJSON},
		{".txt", view(report.HistoryText, report.HistoryOptions{})},
		{".color.txt", view(report.HistoryText, report.HistoryOptions{Color: true})},
		{".strict.txt", view(report.HistoryText, report.HistoryOptions{Strict: true})},
		{".md", view(report.HistoryMarkdown, report.HistoryOptions{})},
		{".html", view(report.HistoryHTML, report.HistoryOptions{})},
	}
}

// TestHistoryGolden renders the history of every followed clause in
// every view and compares it with testdata/history/CASE.CLAUSE@VERSION.SUFFIX;
// -update rewrites the goldens.
func TestHistoryGolden(t *testing.T) {
	for _, c := range loadHistoryCases(t) {
		for _, ref := range c.follow {
			h := c.history(t, ref)
			for _, r := range historyRenderers() {
				name := c.name + "." + ref + r.suffix
				t.Run(name, func(t *testing.T) {
					var buf bytes.Buffer
					if err := r.render(&buf, h); err != nil {
						t.Fatal(err)
					}
					checkGolden(t, filepath.Join("testdata", "history", name), buf.Bytes())
				})
			}
		}
	}
}

// TestHistoryDeterministic links, follows and renders every case twice
// and expects byte-identical output.
func TestHistoryDeterministic(t *testing.T) {
	for _, r := range historyRenderers() {
		var runs [2]bytes.Buffer
		for i := range runs {
			for _, c := range loadHistoryCases(t) {
				for _, ref := range c.follow {
					if err := r.render(&runs[i], c.history(t, ref)); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		if !bytes.Equal(runs[0].Bytes(), runs[1].Bytes()) {
			t.Errorf("%s: two runs differ", r.suffix)
		}
	}
}

// TestHistoryContract checks the promises of clausetrack.history/v1 on
// the golden cases and on every clause of every version of the sample
// partnership: the JSON has no null list and reads back as written; the
// steps run in version order, and the clause followed is among them; the
// equal and insert texts of every step's edits rebuild its text; a
// removed step's deletes are the text of a clause of the version before;
// and the old side of a step that continues the one clause of the
// version before rebuilds that clause's text.
func TestHistoryContract(t *testing.T) {
	cases := append(loadHistoryCases(t), sampleHistory(t))
	for _, c := range cases {
		order := map[string]int{}
		for k, v := range c.versions {
			order[v.Label] = k
		}
		for _, ref := range c.follow {
			t.Run(c.name+"/"+ref, func(t *testing.T) {
				h := c.history(t, ref)
				var buf bytes.Buffer
				if err := report.HistoryJSON(&buf, h); err != nil {
					t.Fatal(err)
				}
				for _, bad := range []string{`"edits": null`, `"notes": null`, `"steps": null`} {
					if strings.Contains(buf.String(), bad) {
						t.Errorf("output has %s", bad)
					}
				}
				var got report.History
				if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(h, &got); d != "" {
					t.Fatalf("JSON does not read back (-want +got):\n%s", d)
				}
				if got.Schema != report.HistorySchema || len(got.Steps) == 0 {
					t.Fatalf("schema %q, %d steps", got.Schema, len(got.Steps))
				}
				key, label, _ := strings.Cut(ref, "@")
				found := false
				byVersion := map[string][]report.HistoryStep{}
				for k, s := range got.Steps {
					if k > 0 && order[s.Version] < order[got.Steps[k-1].Version] {
						t.Errorf("step %d: version %s after %s", k, s.Version, got.Steps[k-1].Version)
					}
					found = found || s.Version == label && (s.Number == key || s.Clause == key)
					byVersion[s.Version] = append(byVersion[s.Version], s)
					oldText, newText := rebuild(s.Edits)
					if newText != s.Text {
						t.Errorf("%s %s (%s): edits rebuild %q, want %q", s.Version, s.Clause, s.Kind, newText, s.Text)
					}
					if k == 0 {
						continue
					}
					prev := byVersion[c.versions[order[s.Version]-1].Label]
					switch {
					case s.Kind == "removed":
						if s.Clause != "" || s.Number != "" || s.Heading != "" || s.Text != "" || !hasStepText(prev, oldText) {
							t.Errorf("%s: removed step %+v does not delete a clause of the version before", s.Version, s)
						}
					case len(prev) == 1 && s.Kind != "split" && s.Kind != "merged":
						if oldText != prev[0].Text {
							t.Errorf("%s %s (%s): edits rebuild old %q, want %q", s.Version, s.Clause, s.Kind, oldText, prev[0].Text)
						}
					}
				}
				if !found {
					t.Errorf("the history has no step for %s", ref)
				}
			})
		}
	}
}

// rebuild returns the old and new texts a redline rebuilds.
func rebuild(edits []report.DiffEdit) (string, string) {
	var o, n strings.Builder
	for _, e := range edits {
		if e.Op != "insert" {
			o.WriteString(e.Text)
		}
		if e.Op != "delete" {
			n.WriteString(e.Text)
		}
	}
	return o.String(), n.String()
}

func hasStepText(steps []report.HistoryStep, text string) bool {
	for _, s := range steps {
		if s.Text == text && s.Kind != "removed" {
			return true
		}
	}
	return false
}

// sampleHistory is the sample partnership's versions, following every
// clause of every version.
func sampleHistory(t *testing.T) historyCase {
	labels, docs := samplePartnership(t)
	c := historyCase{name: "sample", versions: linkVersions(labels, make([]string, len(labels)), docs)}
	for k, doc := range docs {
		for _, cl := range doc.Clauses() {
			c.follow = append(c.follow, cl.ID+"@"+labels[k])
		}
	}
	return c
}

// TestHistoryEscapesContractText guards the HTML, Markdown and terminal
// views against contract text that looks like markup or holds escape
// sequences.
func TestHistoryEscapesContractText(t *testing.T) {
	c := loadHistoryCases(t)[0]
	h := c.history(t, "2.2@2019")
	h.Agreement = "<b>deal</b>"
	var page bytes.Buffer
	if err := report.HistoryHTML(&page, h, report.HistoryOptions{Strict: true}); err != nil {
		t.Fatal(err)
	}
	checkNoMarkup(t, "HTML", page.String())
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;deal&lt;/b&gt;"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("HTML lacks %s", want)
		}
	}
	var md, out bytes.Buffer
	if err := report.HistoryMarkdown(&md, h, report.HistoryOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	checkNoMarkup(t, "Markdown", out.String())
	if !strings.Contains(out.String(), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("rendered Markdown lacks the script as text:\n%s", out.String())
	}
	h.Steps[0].Text = "x\x1b[2J\x1b]0;owned\x07\rhidden"
	h.Steps[0].Edits = []report.DiffEdit{{Op: "insert", Text: h.Steps[0].Text}}
	for _, color := range []bool{false, true} {
		var term bytes.Buffer
		if err := report.HistoryText(&term, h, report.HistoryOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"\x1b[2J", "\x1b]", "\x07", "\r"} {
			if strings.Contains(term.String(), bad) {
				t.Errorf("terminal text (color %v) contains %q", color, bad)
			}
		}
	}
}
