package clauses_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// goldenCase is one txtar archive in testdata/segment: a comment saying
// what it guards, an input file (input.txt, input.md or input.html) and
// the expected dump in "want".
type goldenCase struct {
	path  string
	arch  *txtar.Archive
	name  string // the input file's name
	input []byte
	want  []byte
}

func loadGoldens(t testing.TB) []goldenCase {
	files, err := filepath.Glob("testdata/segment/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	var out []goldenCase
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		gc := goldenCase{path: f, arch: a}
		for _, file := range a.Files {
			switch {
			case strings.HasPrefix(file.Name, "input."):
				gc.name, gc.input = file.Name, file.Data
			case file.Name == "want":
				gc.want = file.Data
			}
		}
		if gc.name == "" {
			t.Fatalf("%s: no input file", f)
		}
		out = append(out, gc)
	}
	return out
}

// segmentFile imports and segments a golden input as the CLI would.
func segmentFile(t testing.TB, name string, data []byte) *clauses.Document {
	src, err := corpus.Import(name, data, corpus.ImportOptions{})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return clauses.Segment(src)
}

func TestSegmentGolden(t *testing.T) {
	for _, gc := range loadGoldens(t) {
		t.Run(strings.TrimSuffix(filepath.Base(gc.path), ".txtar"), func(t *testing.T) {
			input := gc.input
			if strings.Contains(gc.path, "crlf") {
				input = bytes.ReplaceAll(input, []byte("\n"), []byte("\r\n"))
			}
			doc := segmentFile(t, gc.name, input)
			if err := doc.Validate(); err != nil {
				t.Fatalf("invalid tree: %v", err)
			}
			got := doc.Dump()
			if *update {
				replaceWant(gc.arch, got)
				if err := os.WriteFile(gc.path, txtar.Format(gc.arch), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(gc.want), got); diff != "" {
				t.Errorf("dump mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func replaceWant(a *txtar.Archive, got string) {
	for i := range a.Files {
		if a.Files[i].Name == "want" {
			a.Files[i].Data = []byte(got)
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: "want", Data: []byte(got)})
}

// TestSegmentDeterministic segments every golden twice and expects the
// same dump.
func TestSegmentDeterministic(t *testing.T) {
	for _, gc := range loadGoldens(t) {
		a := segmentFile(t, gc.name, gc.input).Dump()
		b := segmentFile(t, gc.name, gc.input).Dump()
		if a != b {
			t.Errorf("%s: two runs differ", gc.path)
		}
	}
}

// TestSegmentSharedCorpus runs the segmenter over the real agreements in
// ../shared/corpus when they are there: every version must give a valid
// tree with numbered clauses.
func TestSegmentSharedCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(root, "*", "*"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is not here")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := segmentFile(t, f, data)
		if err := doc.Validate(); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		numbered := 0
		for _, c := range doc.Clauses() {
			if c.Number != "" {
				numbered++
			}
		}
		if numbered < 5 {
			t.Errorf("%s: only %d numbered clauses", f, numbered)
		}
	}
}

func FuzzSegment(f *testing.F) {
	for _, gc := range loadGoldens(f) {
		f.Add(gc.name, gc.input)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		switch filepath.Ext(name) {
		case ".txt", ".md", ".html":
		default:
			name = "input.txt"
		}
		src, err := corpus.Import(name, data, corpus.ImportOptions{})
		if err != nil {
			return
		}
		doc := clauses.Segment(src)
		if err := doc.Validate(); err != nil {
			t.Fatalf("%v\ninput: %q", err, data)
		}
	})
}
