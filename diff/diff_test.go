package diff

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// segment builds a document from text, as the txt importer would.
func segment(name string, text []byte) *clauses.Document {
	format := strings.TrimPrefix(filepath.Ext(name), ".")
	if format == "" || format == "txt" {
		format = "txt"
	}
	return clauses.Segment(&clauses.Source{Name: name, Format: format, Text: text})
}

// dump is the compact form of a comparison the goldens hold: one line
// per change, then its notes and its real edits.
func dump(c *Comparison) string {
	var sb strings.Builder
	name := func(cl *clauses.Clause) string {
		if cl == nil {
			return "-"
		}
		if cl.Number != "" {
			return cl.Number
		}
		return cl.ID
	}
	for _, ch := range c.Changes {
		old, new := name(ch.Old), name(ch.New)
		var parts []string
		for _, p := range ch.Parts {
			parts = append(parts, name(p))
		}
		switch ch.Kind {
		case Split:
			new = strings.Join(parts, ",")
		case Merged:
			old = strings.Join(parts, ",")
		}
		fmt.Fprintf(&sb, "%s -> %s %s %.2f %s\n", old, new, ch.Kind, ch.Similarity, ch.Pass)
		for _, n := range ch.Notes {
			fmt.Fprintf(&sb, "  note %s: %s\n", n.Kind, n.Text)
		}
		if ch.Kind == Unchanged || ch.Kind == Added || ch.Kind == Removed || ch.Kind == Renumbered {
			continue
		}
		for _, e := range ch.Edits {
			if e.Op != Equal && e.Ignored == "" {
				fmt.Fprintf(&sb, "  %s %q\n", e.Op, e.Text)
			}
		}
	}
	var keys []string
	for k := range c.Ignored {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&sb, "ignored %s %d\n", k, c.Ignored[k])
	}
	return sb.String()
}

// golden is one txtar archive in testdata/golden: the old and new
// versions (any file names; the first is old) and "want", the dump.
type golden struct {
	path     string
	arch     *txtar.Archive
	old, new txtar.File
}

func loadGoldens(t testing.TB) []golden {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no goldens: %v", err)
	}
	var out []golden
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Files) < 2 {
			t.Fatalf("%s: need old and new files", f)
		}
		out = append(out, golden{path: f, arch: a, old: a.Files[0], new: a.Files[1]})
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, g := range loadGoldens(t) {
		t.Run(strings.TrimSuffix(filepath.Base(g.path), ".txtar"), func(t *testing.T) {
			c := Compare(segment(g.old.Name, g.old.Data), segment(g.new.Name, g.new.Data), Options{})
			got := dump(c)
			checkInvariants(t, c)
			if *update {
				files := []txtar.File{g.old, g.new, {Name: "want", Data: []byte(got)}}
				g.arch.Files = files
				if err := os.WriteFile(g.path, txtar.Format(g.arch), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			var want string
			for _, f := range g.arch.Files[2:] {
				if f.Name == "want" {
					want = string(f.Data)
				}
			}
			if got != want {
				t.Errorf("changes differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// checkInvariants checks the properties every comparison has: each
// clause of both versions is in exactly one change, and every change's
// edits rebuild both texts.
func checkInvariants(t *testing.T, c *Comparison) {
	t.Helper()
	text := func(d *clauses.Document, cl *clauses.Clause) string {
		return string(d.Text[cl.Body.Start:cl.Body.End])
	}
	seenOld, seenNew := map[*clauses.Clause]int{}, map[*clauses.Clause]int{}
	ids := map[string]bool{}
	for _, ch := range c.Changes {
		if ids[ch.ID] {
			t.Errorf("duplicate change id %s", ch.ID)
		}
		ids[ch.ID] = true
		var oldText, newText string
		switch ch.Kind {
		case Split:
			seenOld[ch.Old]++
			var ts []string
			for _, p := range ch.Parts {
				seenNew[p]++
				ts = append(ts, text(c.New, p))
			}
			oldText, newText = text(c.Old, ch.Old), strings.Join(ts, "\n")
		case Merged:
			seenNew[ch.New]++
			var ts []string
			for _, p := range ch.Parts {
				seenOld[p]++
				ts = append(ts, text(c.Old, p))
			}
			oldText, newText = strings.Join(ts, "\n"), text(c.New, ch.New)
		default:
			if ch.Old != nil {
				seenOld[ch.Old]++
				oldText = text(c.Old, ch.Old)
			}
			if ch.New != nil {
				seenNew[ch.New]++
				newText = text(c.New, ch.New)
			}
			if (ch.Old == nil) != (ch.Kind == Added) || (ch.New == nil) != (ch.Kind == Removed) {
				t.Errorf("change %s: kind %s with old %v, new %v", ch.ID, ch.Kind, ch.Old != nil, ch.New != nil)
			}
		}
		var ro, rn strings.Builder
		for _, e := range ch.Edits {
			if e.Op != Insert {
				ro.WriteString(e.Text)
			}
			if e.Op != Delete {
				rn.WriteString(e.Text)
			}
		}
		if ro.String() != oldText {
			t.Errorf("change %s (%s): edits rebuild old text %q, want %q", ch.ID, ch.Kind, ro.String(), oldText)
		}
		if rn.String() != newText {
			t.Errorf("change %s (%s): edits rebuild new text %q, want %q", ch.ID, ch.Kind, rn.String(), newText)
		}
	}
	for _, cl := range c.Old.Clauses() {
		if seenOld[cl] != 1 {
			t.Errorf("old clause %s appears in %d changes", cl.ID, seenOld[cl])
		}
	}
	for _, cl := range c.New.Clauses() {
		if seenNew[cl] != 1 {
			t.Errorf("new clause %s appears in %d changes", cl.ID, seenNew[cl])
		}
	}
}

// corpusFiles are the documents the property tests run on: every golden
// side and the sample agreements.
func corpusFiles(t testing.TB) []txtar.File {
	var out []txtar.File
	for _, g := range loadGoldens(t) {
		out = append(out, g.old, g.new)
	}
	for _, p := range []string{"../sample/files/partnership-2019.txt", "../sample/files/runtime-2026.txt"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, txtar.File{Name: filepath.Base(p), Data: data})
	}
	return out
}

func TestSelfIsUnchanged(t *testing.T) {
	for _, f := range corpusFiles(t) {
		d := segment(f.Name, f.Data)
		c := Compare(d, segment(f.Name, f.Data), Options{})
		checkInvariants(t, c)
		for _, ch := range c.Changes {
			if ch.Kind != Unchanged || ch.Similarity != 1 || len(ch.Notes) > 0 {
				t.Errorf("%s: self-diff has %s %s (%.2f, notes %v)", f.Name, ch.Kind, ch.Old.ID, ch.Similarity, ch.Notes)
			}
		}
	}
}

func TestAllPairsHoldInvariants(t *testing.T) {
	files := corpusFiles(t)
	for _, a := range files {
		for _, b := range files {
			c := Compare(segment(a.Name, a.Data), segment(b.Name, b.Data), Options{})
			checkInvariants(t, c)
			c2 := Compare(segment(a.Name, a.Data), segment(b.Name, b.Data), Options{})
			if dump(c) != dump(c2) {
				t.Errorf("%s vs %s: two runs differ", a.Name, b.Name)
			}
		}
	}
}

func TestCharGranularity(t *testing.T) {
	a := segment("a.txt", []byte("1. Fees\n1.1 The Lab shall pay the fee within thirty days.\n"))
	b := segment("b.txt", []byte("1. Fees\n1.1 The Lab shall pay the fees within thirty days.\n"))
	c := Compare(a, b, Options{Granularity: ByChar})
	checkInvariants(t, c)
	var ins []string
	for _, ch := range c.Changes {
		for _, e := range ch.Edits {
			if e.Op == Insert {
				ins = append(ins, e.Text)
			}
		}
	}
	if strings.Join(ins, "|") != "s" {
		t.Errorf("char redline inserts %q, want just \"s\"", ins)
	}
	w := Compare(a, b, Options{})
	for _, ch := range w.Changes {
		for _, e := range ch.Edits {
			if e.Op == Insert && e.Text != "fees" {
				t.Errorf("word redline inserts %q, want the whole word", e.Text)
			}
		}
	}
}

func TestWordsRebuild(t *testing.T) {
	cases := [][2]string{
		{"", ""},
		{"a", ""},
		{"", "b"},
		{"The Lab shall pay.", "The Lab may pay."},
		{"“Quoted” — text\n\nwith  spaces", "\"Quoted\" - text with spaces"},
		{"**5.1** Heading", "5.1 Heading"},
		{"bad \xff utf8", "bad utf8"},
		{"non-exclusive licence", "exclusive licence"},
	}
	for _, c := range cases {
		for _, g := range []Granularity{ByWord, ByChar} {
			edits := Words(c[0], c[1], g)
			var o, n string
			for _, e := range edits {
				if e.Op != Insert {
					o += e.Text
				}
				if e.Op != Delete {
					n += e.Text
				}
			}
			wantOld, wantNew := strings.ToValidUTF8(c[0], "\uFFFD"), strings.ToValidUTF8(c[1], "\uFFFD")
			if o != wantOld || n != wantNew {
				t.Errorf("Words(%q, %q, %d) rebuilds %q, %q", c[0], c[1], g, o, n)
			}
		}
	}
}

func TestWordsNoise(t *testing.T) {
	edits := Words("the “Lab” shall\npay — now", `the "Lab" shall pay - now`, ByWord)
	for _, e := range edits {
		if e.Op != Equal && e.Ignored == "" {
			t.Errorf("real edit %+v, want only noise", e)
		}
	}
	counts := map[string]int{}
	countIgnored(edits, counts)
	if counts[NoiseQuotes] != 2 || counts[NoiseWhitespace] != 1 || counts[NoiseDashes] != 1 {
		t.Errorf("noise counts %v", counts)
	}
}

func TestWordsGuard(t *testing.T) {
	// Two long unrelated texts are shown as rewritten at once.
	var a, b bytes.Buffer
	for i := 0; i < 8000; i++ {
		fmt.Fprintf(&a, "alpha%d ", i)
		fmt.Fprintf(&b, "beta%d ", i)
	}
	edits := Words(a.String(), b.String(), ByWord)
	ops := map[Op]int{}
	for _, e := range edits {
		ops[e.Op]++
	}
	if ops[Delete] != 1 || ops[Insert] != 1 {
		t.Errorf("unrelated long texts: %v, want one delete and one insert", ops)
	}
}

func FuzzWords(f *testing.F) {
	for _, c := range []string{"The Lab shall pay.", "“x” — y", "**5.1** Fees", "a\n\nb"} {
		f.Add(c, strings.ToUpper(c))
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, g := range []Granularity{ByWord, ByChar} {
			var o, n strings.Builder
			for _, e := range Words(a, b, g) {
				if e.Text == "" {
					t.Fatalf("empty edit")
				}
				if e.Op != Insert {
					o.WriteString(e.Text)
				}
				if e.Op != Delete {
					n.WriteString(e.Text)
				}
			}
			if o.String() != strings.ToValidUTF8(a, "\uFFFD") || n.String() != strings.ToValidUTF8(b, "\uFFFD") {
				t.Fatalf("rebuild failed for %q, %q", a, b)
			}
		}
	})
}

func FuzzAlign(f *testing.F) {
	for _, g := range loadGoldens(f) {
		f.Add(g.old.Data, g.new.Data)
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		a, b = bytes.ToValidUTF8(a, nil), bytes.ToValidUTF8(b, nil)
		c := Compare(segment("a.txt", a), segment("b.txt", b), Options{})
		checkInvariants(t, c)
	})
}

func TestChain(t *testing.T) {
	v1 := segment("v1.txt", []byte("1. TERM\n1.1 Duration. Three years.\n1.2 Renewal. By notice.\n"))
	v2 := segment("v2.txt", []byte("1. TERM\n1.1 Start. On signature.\n1.2 Duration. Three years.\n1.3 Renewal. By notice.\n"))
	v3 := segment("v3.txt", []byte("1. TERM\n1.1 Start. On signature.\n1.2 Duration. Five years.\n"))
	got := Chain([]*clauses.Document{v1, v2, v3}, []string{"a", "b", "c"}, Options{})
	want := []map[string]Link{
		{"1": {"a/1", Original}, "1.1": {"a/1.1", Original}, "1.2": {"a/1.2", Original}},
		{"1": {"a/1", Unchanged}, "1.1": {"b/1.1", Added}, "1.2": {"a/1.1", Renumbered}, "1.3": {"a/1.2", Renumbered}},
		{"1": {"a/1", Unchanged}, "1.1": {"b/1.1", Unchanged}, "1.2": {"a/1.1", Modified}},
	}
	for k := range want {
		if fmt.Sprint(got[k]) != fmt.Sprint(want[k]) {
			t.Errorf("version %d: lineage %v, want %v", k, got[k], want[k])
		}
	}
}
