package indexer

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
)

// TestSuite runs the cases in testdata/suite: each folder holds the
// versions of one agreement (listed in its file "versions") and the
// queries to run on them with the hits expected (its file "queries").
// The versions go through the real workspace and a Bleve index on disk.
func TestSuite(t *testing.T) {
	dirs, err := filepath.Glob("testdata/suite/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) { runCase(t, dir) })
	}
}

func runCase(t *testing.T, dir string) {
	w, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	agreement := filepath.Base(dir)
	var labels []string
	for _, line := range lines(t, filepath.Join(dir, "versions")) {
		f := strings.Fields(line)
		if len(f) != 3 {
			t.Fatalf("versions: want LABEL DATE FILE, got %q", line)
		}
		data, err := os.ReadFile(filepath.Join(dir, f[2]))
		if err != nil {
			t.Fatal(err)
		}
		opt := corpus.AddOptions{Label: f[0]}
		if f[1] != "-" {
			opt.Date = f[1]
		}
		if _, err := w.Add(agreement, f[2], data, opt); err != nil {
			t.Fatal(err)
		}
		labels = append(labels, f[0])
	}
	if _, err := Update(w, nil); err != nil {
		t.Fatal(err)
	}
	x, err := index.Open(Dir(w), true)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()

	queries := lines(t, filepath.Join(dir, "queries"))
	for i := 0; i < len(queries); i++ {
		line := queries[i]
		if !strings.HasPrefix(line, "? ") {
			t.Fatalf("queries: %q is not a query line", line)
		}
		var want []string
		for i+1 < len(queries) && !strings.HasPrefix(queries[i+1], "? ") {
			i++
			want = append(want, queries[i])
		}
		q := parseQuery(t, strings.TrimPrefix(line, "? "), agreement, labels)
		res, err := x.Search(q)
		var got []string
		switch {
		case err != nil && slices.Equal(want, []string{"(error)"}):
			continue
		case err != nil:
			t.Errorf("%s: %v", line, err)
			continue
		case len(res.Hits) == 0:
			got = []string{"(none)"}
		}
		for _, h := range res.Hits {
			var vs []string
			for _, v := range h.Versions {
				vs = append(vs, v.Version+" "+v.Kind)
			}
			got = append(got, h.Versions[len(h.Versions)-1].Number+": "+strings.Join(vs, ", "))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s\n got: %q\nwant: %q", line, got, want)
		}
	}
}

// parseQuery reads "--version all --changed --syntax QUERY".
func parseQuery(t *testing.T, s, agreement string, labels []string) index.Query {
	q := index.Query{Limit: 50, Versions: []string{index.Key(agreement, labels[len(labels)-1])}}
	for {
		switch {
		case strings.HasPrefix(s, "--version "):
			f := strings.SplitN(strings.TrimPrefix(s, "--version "), " ", 2)
			s = f[1]
			if f[0] == "all" {
				q.Versions = nil
			} else if slices.Contains(labels, f[0]) {
				q.Versions = []string{index.Key(agreement, f[0])}
			} else {
				t.Fatalf("no version %q", f[0])
			}
		case strings.HasPrefix(s, "--changed "):
			q.Changed, s = true, strings.TrimPrefix(s, "--changed ")
		case strings.HasPrefix(s, "--syntax "):
			q.Syntax, s = true, strings.TrimPrefix(s, "--syntax ")
		default:
			q.Text = s
			return q
		}
	}
}

// lines returns a file's lines without comments and blank lines.
func lines(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("%s is missing", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}
