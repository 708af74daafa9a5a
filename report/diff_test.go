package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/sample"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// segmentText segments plain text as `clausetrack diff` does a .txt file.
func segmentText(name, text string) *clauses.Document {
	return clauses.Segment(&clauses.Source{Name: name, Format: "txt", Text: []byte(text)})
}

// diffCase is a pair of versions compared, with the names the reports
// give them.
type diffCase struct {
	name             string
	oldName, newName string
	cmp              *diff.Comparison
}

// readArchives parses the txtar archives in dir, in name order, and
// returns each with its case name: its file name without ".txtar".
func readArchives(t testing.TB, dir string) ([]string, []*txtar.Archive) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in %s: %v", dir, err)
	}
	names := make([]string, len(files))
	archives := make([]*txtar.Archive, len(files))
	for i, f := range files {
		if archives[i], err = txtar.ParseFile(f); err != nil {
			t.Fatal(err)
		}
		names[i] = strings.TrimSuffix(filepath.Base(f), ".txtar")
	}
	return names, archives
}

// checkGolden compares got with the golden file at path, or rewrites the
// file with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, d)
	}
}

// loadDiffCases reads the txtar archives of testdata/diff: a comment,
// then old.txt and new.txt.
func loadDiffCases(t testing.TB) []diffCase {
	names, archives := readArchives(t, filepath.Join("testdata", "diff"))
	var out []diffCase
	for i, a := range archives {
		f := names[i]
		texts := map[string]string{}
		for _, file := range a.Files {
			texts[file.Name] = string(file.Data)
		}
		if _, ok := texts["old.txt"]; !ok {
			t.Fatalf("%s: no old.txt", f)
		}
		if _, ok := texts["new.txt"]; !ok {
			t.Fatalf("%s: no new.txt", f)
		}
		out = append(out, compareTexts(f, texts["old.txt"], texts["new.txt"]))
	}
	return out
}

func compareTexts(name, old, new string) diffCase {
	c := diffCase{name: name, oldName: name + "/old.txt", newName: name + "/new.txt"}
	c.cmp = diff.Compare(segmentText(c.oldName, old), segmentText(c.newName, new), diff.Options{})
	return c
}

// renderer is one view of a comparison, with the suffix of its golden.
type renderer struct {
	suffix string
	render func(w io.Writer, c diffCase) error
}

func renderers() []renderer {
	view := func(f func(io.Writer, *diff.Comparison, string, string, report.DiffOptions) error, opt report.DiffOptions) func(io.Writer, diffCase) error {
		return func(w io.Writer, c diffCase) error { return f(w, c.cmp, c.oldName, c.newName, opt) }
	}
	return []renderer{
		{".json", func(w io.Writer, c diffCase) error { return report.DiffJSON(w, c.cmp, c.oldName, c.newName) }},
		{".txt", view(report.DiffText, report.DiffOptions{})},
		{".color.txt", view(report.DiffText, report.DiffOptions{Color: true})},
		{".strict.txt", view(report.DiffText, report.DiffOptions{Strict: true, ChangedOnly: true})},
		{".md", view(report.DiffMarkdown, report.DiffOptions{})},
		{".html", view(report.DiffHTML, report.DiffOptions{})},
	}
}

// TestDiffGolden renders every case in every view and compares the
// output with testdata/diff/CASE.SUFFIX; -update rewrites the goldens.
func TestDiffGolden(t *testing.T) {
	for _, c := range loadDiffCases(t) {
		for _, r := range renderers() {
			t.Run(c.name+r.suffix, func(t *testing.T) {
				var buf bytes.Buffer
				if err := r.render(&buf, c); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", "diff", c.name+r.suffix), buf.Bytes())
			})
		}
	}
}

// TestDiffDeterministic compares and renders every case twice and
// expects byte-identical output.
func TestDiffDeterministic(t *testing.T) {
	for _, r := range renderers() {
		var runs [2]bytes.Buffer
		for i := range runs {
			for _, c := range loadDiffCases(t) {
				if err := r.render(&runs[i], c); err != nil {
					t.Fatal(err)
				}
			}
		}
		if !bytes.Equal(runs[0].Bytes(), runs[1].Bytes()) {
			t.Errorf("%s: two runs differ", r.suffix)
		}
	}
}

// samplePairs compares consecutive versions of the sample partnership.
func samplePairs(t *testing.T) []diffCase {
	names, docs := samplePartnership(t)
	var out []diffCase
	for i := 1; i < len(docs); i++ {
		out = append(out, diffCase{name: names[i-1] + ".." + names[i], oldName: names[i-1], newName: names[i],
			cmp: diff.Compare(docs[i-1], docs[i], diff.Options{})})
	}
	return out
}

// samplePartnership reads and segments the versions of the sample
// partnership, oldest first, with their file names.
func samplePartnership(t *testing.T) ([]string, []*clauses.Document) {
	var names []string
	var docs []*clauses.Document
	for _, v := range sample.Versions() {
		if v.Agreement != "cloud-ai-partnership" {
			continue
		}
		data, err := sample.Read(v.File)
		if err != nil {
			t.Fatal(err)
		}
		src, err := corpus.Import(v.File, data, corpus.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, v.File)
		docs = append(docs, clauses.Segment(src))
	}
	return names, docs
}

// TestDiffJSONContract checks the promises of clausetrack.diff/v1: the
// summary lists every kind in order and counts every change; empty lists
// are [] and not null; and the edits of every change rebuild both sides'
// own texts (the parts' texts joined by "\n" for a split's new side and
// a merge's old side).
func TestDiffJSONContract(t *testing.T) {
	cases := append(loadDiffCases(t), samplePairs(t)...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.DiffJSON(&buf, c.cmp, c.oldName, c.newName); err != nil {
				t.Fatal(err)
			}
			raw := buf.String()
			for _, bad := range []string{`"edits": null`, `"notes": null`, `"parts": null`, `"changes": null`} {
				if strings.Contains(raw, bad) {
					t.Errorf("output has %s", bad)
				}
			}
			if !strings.HasSuffix(raw, "}\n") {
				t.Errorf("output does not end in a newline")
			}
			var got report.Diff
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got.Schema != report.DiffSchema || got.Old != c.oldName || got.New != c.newName {
				t.Errorf("header %q %q %q", got.Schema, got.Old, got.New)
			}
			var kinds []string
			total := 0
			for _, s := range got.Summary {
				kinds = append(kinds, s.Name)
				total += s.N
			}
			var want []string
			for _, k := range diff.Kinds {
				want = append(want, string(k))
			}
			if d := cmp.Diff(want, kinds); d != "" {
				t.Errorf("summary kinds (-want +got):\n%s", d)
			}
			if total != len(got.Changes) {
				t.Errorf("summary counts %d changes, have %d", total, len(got.Changes))
			}
			for _, ch := range got.Changes {
				oldText, newText := sideTexts(t, c.cmp, ch)
				var o, n strings.Builder
				for _, e := range ch.Edits {
					switch e.Op {
					case "equal":
						o.WriteString(e.Text)
						n.WriteString(e.Text)
					case "delete":
						o.WriteString(e.Text)
					case "insert":
						n.WriteString(e.Text)
					default:
						t.Errorf("change %s: op %q", ch.ID, e.Op)
					}
				}
				if o.String() != oldText {
					t.Errorf("change %s (%s): edits rebuild old %q, want %q", ch.ID, ch.Kind, o.String(), oldText)
				}
				if n.String() != newText {
					t.Errorf("change %s (%s): edits rebuild new %q, want %q", ch.ID, ch.Kind, n.String(), newText)
				}
			}
		})
	}
}

// sideTexts looks up the own texts of a JSON change's clauses in the
// compared documents.
func sideTexts(t *testing.T, c *diff.Comparison, ch report.DiffChange) (string, string) {
	own := func(doc *clauses.Document, ref *report.DiffClause) string {
		if ref == nil {
			return ""
		}
		cl := findID(doc, ref.ID)
		if cl == nil {
			t.Fatalf("change %s: no clause %q", ch.ID, ref.ID)
		}
		return string(doc.Text[cl.Body.Start:cl.Body.End])
	}
	parts := func(doc *clauses.Document) string {
		var texts []string
		for _, p := range ch.Parts {
			texts = append(texts, own(doc, &p))
		}
		return strings.Join(texts, "\n")
	}
	switch ch.Kind {
	case "split":
		return own(c.Old, ch.Old), parts(c.New)
	case "merged":
		return parts(c.Old), own(c.New, ch.New)
	}
	return own(c.Old, ch.Old), own(c.New, ch.New)
}

func findID(doc *clauses.Document, id string) *clauses.Clause {
	for _, c := range doc.Clauses() {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// TestDiffEscapesContractText guards the HTML and Markdown views against
// contract text that looks like markup: it must show as text, in a
// redline and in an added clause, and in the document names.
func TestDiffEscapesContractText(t *testing.T) {
	const old = `1. SCOPE

1.1 Services. The Provider supplies the Services.

1.2 Support. The Provider answers within one day.
`
	const new = `1. SCOPE

1.1 Services. The Provider supplies the Services <script>alert(1)</script> and **x** as [a](b).

1.2 Support. The Provider answers within one day.

1.3 Markup. <script>alert(1)</script> **x** [a](b) <img src=x onerror=alert(1)> & _y_ ~~z~~ ` + "`code`" + `
`
	c := compareTexts("markup", old, new)
	c.oldName, c.newName = "<b>old</b>", "new [v2](http://x)"
	var kinds []diff.Kind
	for _, ch := range c.cmp.Changes {
		kinds = append(kinds, ch.Kind)
	}
	if d := cmp.Diff([]diff.Kind{diff.Unchanged, diff.Modified, diff.Unchanged, diff.Added}, kinds); d != "" {
		t.Fatalf("kinds (-want +got):\n%s", d)
	}

	var page bytes.Buffer
	if err := report.DiffHTML(&page, c.cmp, c.oldName, c.newName, report.DiffOptions{}); err != nil {
		t.Fatal(err)
	}
	checkNoMarkup(t, "HTML", page.String())
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;old&lt;/b&gt;"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("HTML lacks %s", want)
		}
	}

	var md bytes.Buffer
	if err := report.DiffMarkdown(&md, c.cmp, c.oldName, c.newName, report.DiffOptions{}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	rendered := out.String()
	checkNoMarkup(t, "Markdown", rendered)
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "**x**", "[a](b)", "_y_", "~~z~~", "`code`", "&lt;b&gt;old&lt;/b&gt;", "[v2](http://x)"} {
		if !strings.Contains(rendered, want) {
			t.Errorf("rendered Markdown lacks %s:\n%s", want, rendered)
		}
	}
	// The terminal view passes no escape sequence through.
	var term bytes.Buffer
	esc := compareTexts("escape", old, strings.Replace(new, "<script>", "\x1b[2J\x1b]0;owned\x07\rhidden", 1))
	for _, color := range []bool{false, true} {
		term.Reset()
		if err := report.DiffText(&term, esc.cmp, "old\x1b[31m", "new", report.DiffOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"\x1b[2J", "\x1b]", "\x07", "\r", "\x1b[31m"} {
			if strings.Contains(term.String(), bad) {
				t.Errorf("terminal text (color %v) contains %q", color, bad)
			}
		}
	}

	// The redline's own marks do render.
	if !strings.Contains(rendered, "<strong>") {
		t.Errorf("rendered Markdown has no insertion:\n%s", rendered)
	}
}

// checkNoMarkup fails when contract text became markup.
func checkNoMarkup(t *testing.T, view, s string) {
	t.Helper()
	for _, bad := range []string{"<script", "<img", `href="b"`, `href="http`, "<b>", "<em>x", "<strong>x</strong>", "<code>code", "<em>y", "<del>z"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s output contains %s", view, bad)
		}
	}
}

// TestDiffMarkdownMarksRender renders the Markdown of every case with a
// GFM renderer and expects every ~~ and ** mark to have become <del> or
// <strong>: none is left as text, even beside punctuation
// ("non-**exclusively").
func TestDiffMarkdownMarksRender(t *testing.T) {
	for _, c := range loadDiffCases(t) {
		var md, out bytes.Buffer
		if err := report.DiffMarkdown(&md, c.cmp, c.oldName, c.newName, report.DiffOptions{Strict: true}); err != nil {
			t.Fatal(err)
		}
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		for _, mark := range []string{"**", "~~"} {
			if strings.Count(md.String(), mark)%2 != 0 {
				t.Errorf("%s: odd number of %s in the Markdown", c.name, mark)
			}
			if k := strings.Index(out.String(), mark); k >= 0 {
				t.Errorf("%s: %s left as text: %q", c.name, mark, out.String()[max(0, k-60):min(out.Len(), k+60)])
			}
		}
		want := strings.Count(md.String(), "~~") / 2
		if got := strings.Count(out.String(), "<del>"); got != want {
			t.Errorf("%s: %d <del>, want %d", c.name, got, want)
		}
	}
}
