package index

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
)

// memIndex returns an empty index held in memory.
func memIndex(t *testing.T) *Index {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.NewMemOnly(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bi.Close() })
	return &Index{bi: bi, dir: "memory", schema: Schema}
}

func put(t *testing.T, x *Index, agreement, label string, seq int, docs ...Doc) {
	t.Helper()
	for i := range docs {
		docs[i].Agreement, docs[i].Version, docs[i].Seq, docs[i].Order = agreement, label, seq, i
		if docs[i].Clause == "" {
			docs[i].Clause = docs[i].Number
		}
	}
	if err := x.Put(Version{Agreement: agreement, Label: label, Stamp: label, Docs: docs}); err != nil {
		t.Fatal(err)
	}
}

// threeVersions indexes a clause that is 4.1 in 2019 and 2023 and 5.1 in
// 2025, and another clause beside it.
func threeVersions(t *testing.T) *Index {
	x := memIndex(t)
	put(t, x, "deal", "2019", 1,
		Doc{Number: "4.1", Heading: "Exclusive Provider", Text: "The Provider shall be the exclusive cloud provider of the Lab.", Lineage: "2019/4.1", Kind: "original"},
		Doc{Number: "4.2", Heading: "Fees", Text: "The Lab shall pay the fees.", Lineage: "2019/4.2", Kind: "original", Categories: []string{"payment"}})
	put(t, x, "deal", "2023", 2,
		Doc{Number: "4.1", Heading: "Exclusive Provider", Text: "The Provider shall be the exclusive cloud provider of the Lab.", Lineage: "2019/4.1", Kind: "unchanged"},
		Doc{Number: "4.2", Heading: "Fees", Text: "The Lab shall pay the fees monthly.", Lineage: "2019/4.2", Kind: "modified", Categories: []string{"payment"}})
	put(t, x, "deal", "2025", 3,
		Doc{Number: "5.1", Heading: "Exclusive Provider", Text: "The Provider shall be the exclusive provider of the Lab's API.", Lineage: "2019/4.1", Kind: "modified"},
		Doc{Number: "5.2", Heading: "Fees", Text: "The Lab shall pay the fees monthly.", Lineage: "2019/4.2", Kind: "renumbered", Categories: []string{"payment"}})
	return x
}

func TestSearchGroupsByLineage(t *testing.T) {
	x := threeVersions(t)
	res, err := x.Search(Query{Text: "exclusive", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Clauses != 3 || len(res.Hits) != 1 {
		t.Fatalf("total %d, clauses %d, hits %d; want 1, 3, 1", res.Total, res.Clauses, len(res.Hits))
	}
	h := res.Hits[0]
	var got []string
	for _, v := range h.Versions {
		got = append(got, v.Version+" "+v.Number+" "+v.Kind)
	}
	if want := "2019 4.1 original|2023 4.1 unchanged|2025 5.1 modified"; strings.Join(got, "|") != want {
		t.Errorf("versions %q, want %q", strings.Join(got, "|"), want)
	}
	if h.Agreement != "deal" || h.Lineage != "2019/4.1" {
		t.Errorf("hit %s %s", h.Agreement, h.Lineage)
	}
	if len(h.Fragments) != 1 || h.Fragments[0].Version != "2025" {
		t.Fatalf("fragments %+v, want one from 2025", h.Fragments)
	}
}

func TestFragmentMarksCoverMatches(t *testing.T) {
	x := memIndex(t)
	long := strings.Repeat("Nothing here is relevant to the search at all. ", 20) +
		"The Provider remains the exclusive host, and exclusivity survives. " + strings.Repeat("Filler words follow. ", 20)
	put(t, x, "a", "v", 1, Doc{Number: "1", Text: long, Lineage: "v/1", Kind: "original"},
		Doc{Number: "2", Heading: "Exclusivity", Text: "2 Exclusivity. Short text.", Lineage: "v/2", Kind: "original"})
	res, err := x.Search(Query{Text: "exclusive", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 {
		t.Fatalf("%d hits, want 2", len(res.Hits))
	}
	for _, h := range res.Hits {
		f := h.Fragments[0]
		if len(f.Text) > fragmentLen+40 {
			t.Errorf("fragment of %d bytes", len(f.Text))
		}
		src := long
		if h.Lineage == "v/2" {
			src = "2 Exclusivity. Short text."
		}
		if src[f.Start:f.Start+len(f.Text)] != f.Text {
			t.Errorf("fragment %q is not at %d of its field", f.Text, f.Start)
		}
		if len(f.Marks) == 0 {
			t.Errorf("fragment %q has no marks", f.Text)
		}
		for _, m := range f.Marks {
			if w := strings.ToLower(f.Text[m[0]:m[1]]); !strings.HasPrefix(w, "exclusiv") {
				t.Errorf("mark %q is not a match", w)
			}
		}
	}
}

func TestPhraseKeepsStopWords(t *testing.T) {
	x := memIndex(t)
	put(t, x, "a", "v", 1,
		Doc{Number: "1", Text: "The limitation of liability applies.", Lineage: "v/1", Kind: "original"},
		Doc{Number: "2", Text: "No limitation in liability applies.", Lineage: "v/2", Kind: "original"})
	count := func(q Query) int {
		q.Limit = 10
		res, err := x.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := count(Query{Text: `"limitation of liability"`}); n != 1 {
		t.Errorf("phrase: %d hits, want 1", n)
	}
	if n := count(Query{Text: `limitation of liability`}); n != 2 {
		t.Errorf("words: %d hits, want 2", n)
	}
	if n := count(Query{Text: `text_exact:liabilty~1`, Syntax: true}); n != 2 {
		t.Errorf("fuzzy on text_exact: %d hits, want 2", n)
	}
	if _, err := x.Search(Query{Text: "the of"}); !errors.Is(err, ErrEmptyQuery) {
		t.Errorf("stop words only: %v, want ErrEmptyQuery", err)
	}
	var qe *QueryError
	if _, err := x.Search(Query{Text: `"unclosed`, Syntax: true}); !errors.As(err, &qe) {
		t.Errorf("bad syntax: %v, want a QueryError", err)
	}
}

func TestFilters(t *testing.T) {
	x := threeVersions(t)
	total := func(q Query) int {
		q.Limit = 10
		res, err := x.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		return res.Clauses
	}
	cases := []struct {
		name string
		q    Query
		want int
	}{
		{"every version", Query{Text: "lab"}, 6},
		{"one version", Query{Text: "lab", Versions: []string{"deal@2023"}}, 2},
		{"no version", Query{Text: "lab", Versions: []string{}}, 0},
		{"changed", Query{Text: "lab", Changed: true}, 2},
		{"category", Query{Text: "lab", Categories: []string{"payment"}}, 3},
		{"holder", Query{Text: "lab", Holders: []string{"lab"}}, 0},
	}
	for _, c := range cases {
		if got := total(c.q); got != c.want {
			t.Errorf("%s: %d clause versions, want %d", c.name, got, c.want)
		}
	}
}

func TestPaging(t *testing.T) {
	x := memIndex(t)
	var docs []Doc
	for i := range 7 {
		n := string(rune('1' + i))
		docs = append(docs, Doc{Number: n, Text: "The notice period is " + strings.Repeat("long ", i) + "days.", Lineage: "v/" + n, Kind: "original"})
	}
	put(t, x, "a", "v", 1, docs...)
	var seen []string
	for off := 0; off < 7; off += 3 {
		res, err := x.Search(Query{Text: "notice", Limit: 3, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 7 {
			t.Fatalf("total %d, want 7", res.Total)
		}
		for _, h := range res.Hits {
			seen = append(seen, h.Lineage)
		}
	}
	if len(seen) != 7 {
		t.Fatalf("pages gave %d hits, want 7: %v", len(seen), seen)
	}
	if seen[0] != "v/1" {
		t.Errorf("best hit %s, want the shortest clause v/1", seen[0])
	}
}

func TestPutReplacesAndDrop(t *testing.T) {
	x := threeVersions(t)
	put(t, x, "deal", "2023", 2, Doc{Number: "1", Text: "Only one clause now.", Lineage: "2023/1", Kind: "added"})
	if n, _ := x.Count("deal", "2023"); n != 1 {
		t.Errorf("after a second Put: %d documents, want 1", n)
	}
	if e, ok, _ := x.Entry("deal", "2023"); !ok || e.Clauses != 1 || e.Stamp != "2023" {
		t.Errorf("register %+v", e)
	}
	if err := x.Drop("deal", "2023"); err != nil {
		t.Fatal(err)
	}
	if n, _ := x.Count("deal", "2023"); n != 0 {
		t.Errorf("after Drop: %d documents", n)
	}
	if _, ok, _ := x.Entry("deal", "2023"); ok {
		t.Error("Drop left the register entry")
	}
	if n, _ := x.DocCount(); n != 4 {
		t.Errorf("%d documents in all, want 4", n)
	}
}

func TestSplitQuery(t *testing.T) {
	words, phrases := splitQuery(`exclusive "right of first refusal" api "unclosed phrase`)
	if strings.Join(words, "|") != "exclusive|api" || strings.Join(phrases, "|") != "right of first refusal|unclosed phrase" {
		t.Errorf("words %q phrases %q", words, phrases)
	}
}

func TestFragmentOfTextWithoutSpaces(t *testing.T) {
	x := memIndex(t)
	text := strings.Repeat("本契約は独占的な提供者を定める。", 40) + " exclusive " + strings.Repeat("以下余白。", 60)
	put(t, x, "a", "v", 1, Doc{Number: "1", Text: text, Lineage: "v/1", Kind: "original"})
	res, err := x.Search(Query{Text: "exclusive", Limit: 5})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v, %d hits", err, len(res.Hits))
	}
	f := res.Hits[0].Fragments[0]
	if len(f.Text) > fragmentLen+100 || !utf8.ValidString(f.Text) || text[f.Start:f.Start+len(f.Text)] != f.Text {
		t.Errorf("fragment of %d bytes at %d: %q", len(f.Text), f.Start, f.Text)
	}
}

// TestHalfWrittenVersionIsNotSearched stops a put after the first of its
// batches: the clauses written are in the index but no search sees them,
// and the latest version stays the one before.
func TestHalfWrittenVersionIsNotSearched(t *testing.T) {
	x := threeVersions(t)
	defer func(n int) { ChunkSize, BeforeBatch = n, nil }(ChunkSize)
	ChunkSize = 1
	BeforeBatch = func(key string, batch int) {
		if batch == 1 {
			panic("stop")
		}
	}
	func() {
		defer func() { recover() }()
		put(t, x, "deal", "2026", 4,
			Doc{Number: "5.1", Text: "The Provider shall be the exclusive provider of everything.", Lineage: "2019/4.1", Kind: "modified"},
			Doc{Number: "5.2", Text: "The Lab shall pay exclusive fees.", Lineage: "2019/4.2", Kind: "modified"})
	}()
	BeforeBatch = nil
	if n, _ := x.Count("deal", "2026"); n != 1 {
		t.Fatalf("the index holds %d clauses of the stopped version, want 1", n)
	}
	if _, ok, _ := x.Entry("deal", "2026"); ok {
		t.Fatal("the stopped version is registered")
	}
	for _, q := range []Query{
		{Text: "exclusive"},
		{Text: "exclusive", Latest: true},
		{Text: "exclusive", Versions: []string{"deal@2026"}},
		{Text: "+text:exclusive", Syntax: true},
	} {
		res, err := x.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			for _, v := range h.Versions {
				got = append(got, v.Version+" "+v.Number)
			}
		}
		want := map[bool]string{true: "2025 5.1", false: "2019 4.1|2023 4.1|2025 5.1"}[q.Latest]
		if q.Versions != nil {
			want = ""
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%+v: found %q, want %q", q, strings.Join(got, "|"), want)
		}
	}
	// The next put of the version replaces what was written.
	ChunkSize = 500
	put(t, x, "deal", "2026", 4,
		Doc{Number: "5.1", Text: "The Provider shall be the exclusive provider of everything.", Lineage: "2019/4.1", Kind: "modified"})
	res, err := x.Search(Query{Text: "exclusive", Latest: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Versions[0].Version != "2026" {
		t.Fatalf("after the put: %+v", res.Hits)
	}
	if n, _ := x.DocCount(); n != 7 {
		t.Errorf("%d documents, want 7", n)
	}
}
