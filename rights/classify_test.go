package rights

import (
	"bufio"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/internal/gen"
)

// The classifier's goldens are in testdata/classify, one txtar archive a
// category (and a few more), each written by hand with fictional
// parties. An archive holds a small agreement (agreement.txt, .md or
// .html: a preamble that defines the two parties, then numbered clauses)
// and an expect file, one line a clause:
//
//	NUMBER CATEGORY HOLDER STRENGTH [amount=FIGURE] [end=YYYY-MM-DD]
//	NUMBER -CATEGORY
//
// and anything after " #" on a line is a note to the reader.
//
// The first says the clause carries the category for that holder with
// that strength ("*" for any strength), and, when given, states that
// figure among its Amounts and that End; the second says it must not
// carry the category. A clause the file does not list may carry other
// classes freely, except the file's own category (the archive's name up
// to a "-"): every class of that category in the file must be listed.
//
// The test scores every category over all files: a listed class found
// with the right holder and strength is a true positive; a category found
// where the file says it must not be, with the wrong holder or strength,
// or unlisted in its own file, is a false positive; a listed class not
// found is a false negative.

// classifyMin is the overall precision and recall the goldens ask for.
const classifyMin = 0.9

// clsExpect is one line of an expect file.
type clsExpect struct {
	line                     int
	clause, category, holder string
	strength                 string
	negative                 bool
	amount, end              string
}

// clsGolden is one golden archive, segmented.
type clsGolden struct {
	name, own string
	doc       *clauses.Document
	expect    []clsExpect
}

func loadClassifyGoldens(t testing.TB) []clsGolden {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "classify", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var out []clsGolden
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		g := clsGolden{name: name, own: strings.Split(name, "-")[0]}
		for _, f := range ar.Files {
			switch {
			case strings.HasPrefix(f.Name, "agreement."):
				src, err := corpus.Import(f.Name, f.Data, corpus.ImportOptions{})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				g.doc = clauses.Segment(src)
			case f.Name == "expect":
				g.expect, err = parseClsExpect(string(f.Data))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
		if g.doc == nil || g.expect == nil {
			t.Fatalf("%s: want an agreement file and an expect file", name)
		}
		out = append(out, g)
	}
	return out
}

func parseClsExpect(s string) ([]clsExpect, error) {
	var out []clsExpect
	sc := bufio.NewScanner(strings.NewReader(s))
	n := 0
	for sc.Scan() {
		n++
		text, _, _ := strings.Cut(sc.Text(), " #") // a note to the reader
		f := strings.Fields(text)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		e := clsExpect{line: n, clause: f[0]}
		switch {
		case len(f) == 2 && strings.HasPrefix(f[1], "-"):
			e.negative, e.category = true, f[1][1:]
		case len(f) >= 4:
			e.category, e.holder, e.strength = f[1], f[2], f[3]
			for _, kv := range f[4:] {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "amount":
					e.amount = strings.ReplaceAll(v, "_", " ")
				case "end":
					e.end = v
				default:
					return nil, fmt.Errorf("expect:%d: unknown field %q", n, k)
				}
			}
		default:
			return nil, fmt.Errorf("expect:%d: want NUMBER CATEGORY HOLDER STRENGTH or NUMBER -CATEGORY", n)
		}
		if !slices.Contains(Categories, e.category) {
			return nil, fmt.Errorf("expect:%d: unknown category %q", n, e.category)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// goldenName is how goldens name a clause: its number, or its ID.
func goldenName(c *clauses.Clause) string {
	if c.Number != "" {
		return c.Number
	}
	return c.ID
}

type clsTally struct{ tp, fp, fn, pos, neg int }

func TestClassifyGoldens(t *testing.T) {
	goldens := loadClassifyGoldens(t)
	tally := map[string]*clsTally{}
	for _, k := range Categories {
		tally[k] = &clsTally{}
	}
	for _, g := range goldens {
		got := Classify(g.doc)
		byName := map[string][]Class{}
		for _, c := range g.doc.Clauses() {
			byName[goldenName(c)] = got[c.ID]
		}
		listed := map[string]bool{} // clause+category the file lists
		for _, e := range g.expect {
			listed[e.clause+" "+e.category] = true
			if _, ok := byName[e.clause]; !ok && g.doc.Find(e.clause) == nil {
				t.Errorf("%s:%d: no clause %s", g.name, e.line, e.clause)
				continue
			}
			tl := tally[e.category]
			var found []Class
			for _, k := range byName[e.clause] {
				if k.Category == e.category {
					found = append(found, k)
				}
			}
			if e.negative {
				tl.neg++
				for _, k := range found {
					tl.fp++
					t.Logf("%s:%d: %s: false %s (%s %s): %s", g.name, e.line, e.clause, e.category, k.Holder, k.Strength, evidenceText(g.doc, k))
				}
				continue
			}
			tl.pos++
			ok := false
			for _, k := range found {
				if k.Holder == e.holder && (e.strength == "*" || k.Strength == e.strength) {
					ok = true
					if e.amount != "" && !slices.Contains(k.Amounts, e.amount) {
						t.Errorf("%s:%d: %s %s: amounts %q, want %q among them", g.name, e.line, e.clause, e.category, k.Amounts, e.amount)
					}
					if e.end != "" && k.End != e.end {
						t.Errorf("%s:%d: %s %s: end %q, want %q", g.name, e.line, e.clause, e.category, k.End, e.end)
					}
				}
			}
			if ok {
				tl.tp++
				continue
			}
			tl.fn++
			if len(found) == 0 {
				t.Logf("%s:%d: %s: missed %s %s %s", g.name, e.line, e.clause, e.category, e.holder, e.strength)
			}
			for _, k := range found {
				tl.fp++
				t.Logf("%s:%d: %s: %s as %s %s, want %s %s", g.name, e.line, e.clause, e.category, k.Holder, k.Strength, e.holder, e.strength)
			}
		}
		// Unlisted classes of the file's own category are false positives.
		for name, ks := range byName {
			for _, k := range ks {
				if k.Category == g.own && !listed[name+" "+k.Category] {
					tally[k.Category].fp++
					t.Logf("%s: %s: unlisted %s %s %s: %s", g.name, name, k.Category, k.Holder, k.Strength, evidenceText(g.doc, k))
				}
			}
		}
	}
	var all clsTally
	for _, k := range Categories {
		tl := tally[k]
		if tl.pos < 5 || tl.neg < 1 {
			t.Errorf("%s: %d positive and %d negative golden clauses, want at least 5 and 1", k, tl.pos, tl.neg)
		}
		t.Logf("%-28s precision %.2f  recall %.2f  (tp %d, fp %d, fn %d; %d positive, %d negative)", k, clsRatio(tl.tp, tl.tp+tl.fp), clsRatio(tl.tp, tl.tp+tl.fn), tl.tp, tl.fp, tl.fn, tl.pos, tl.neg)
		all.tp += tl.tp
		all.fp += tl.fp
		all.fn += tl.fn
		all.pos += tl.pos
		all.neg += tl.neg
	}
	p, r := clsRatio(all.tp, all.tp+all.fp), clsRatio(all.tp, all.tp+all.fn)
	t.Logf("%-28s precision %.2f  recall %.2f  (tp %d, fp %d, fn %d; %d positive, %d negative)", "overall", p, r, all.tp, all.fp, all.fn, all.pos, all.neg)
	if p < classifyMin || r < classifyMin {
		t.Errorf("overall precision %.2f and recall %.2f, want at least %.2f each", p, r, classifyMin)
	}
}

func clsRatio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func evidenceText(doc *clauses.Document, k Class) string {
	return strings.Join(strings.Fields(string(doc.Text[k.Evidence.Start:k.Evidence.End])), " ")
}

// TestClassifyProperties checks what holds for every class of every
// golden: evidence inside its clause's own text, known categories and
// strengths, sorted unique Words, the clause tree carrying the same
// classes, and the same answer twice.
func TestClassifyProperties(t *testing.T) {
	strengths := []string{Exclusive, Sole, FirstRefusal, FirstNegotiation, NonExclusive, Prohibited, Restricted, Permitted, Granted, Capped, Uncapped, Perpetual, Required, Stated}
	for _, g := range loadClassifyGoldens(t) {
		got := Classify(g.doc)
		again := Classify(g.doc)
		if diff := cmp.Diff(got, again); diff != "" {
			t.Errorf("%s: second run differs (-first +second):\n%s", g.name, diff)
		}
		order := map[string]int{}
		for i, k := range Categories {
			order[k] = i
		}
		for _, c := range g.doc.Clauses() {
			ks := got[c.ID]
			if len(ks) != len(c.Classes) {
				t.Errorf("%s: %s: %d classes, clause carries %d", g.name, c.ID, len(ks), len(c.Classes))
			}
			for i, k := range ks {
				if !c.Body.Contains(k.Evidence) || k.Evidence.Len() == 0 {
					t.Errorf("%s: %s: evidence %v outside the clause's text %v", g.name, c.ID, k.Evidence, c.Body)
				}
				if !slices.Contains(strengths, k.Strength) {
					t.Errorf("%s: %s: unknown strength %q", g.name, c.ID, k.Strength)
				}
				if !sort.StringsAreSorted(k.Words) || len(slices.Compact(slices.Clone(k.Words))) != len(k.Words) {
					t.Errorf("%s: %s: words not sorted and unique: %q", g.name, c.ID, k.Words)
				}
				if k.Holder == "" || k.Confidence == "" {
					t.Errorf("%s: %s: %s without holder or confidence", g.name, c.ID, k.Category)
				}
				if i < len(c.Classes) && (c.Classes[i].Category != k.Category || c.Classes[i].Holder != k.Holder || c.Classes[i].Strength != k.Strength) {
					t.Errorf("%s: %s: clause carries %v, Classify says %v", g.name, c.ID, c.Classes[i], k)
				}
				if i > 0 {
					a, b := ks[i-1], k
					if order[a.Category] > order[b.Category] || a.Category == b.Category && a.Evidence.Start > b.Evidence.Start {
						t.Errorf("%s: %s: classes out of order: %s before %s", g.name, c.ID, a.Category, b.Category)
					}
				}
			}
		}
	}
}

// readSample segments one file of the sample corpus through its importer.
func readSample(t testing.TB, name string) *clauses.Document {
	t.Helper()
	path := filepath.Join("..", "sample", "files", name)
	data, err := corpus.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src, err := corpus.Import(path, data, corpus.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return clauses.Segment(src)
}

// TestClassifySample checks the rights counsel list for the sample
// partnership in sample/files/ANSWERS.md ("## Rights").
func TestClassifySample(t *testing.T) {
	type want struct {
		clause, category, holder, strength string
		amount, end, scope                 string
	}
	cases := []struct {
		file string
		want []want
		// only lists the clauses that may carry exclusivity: the 2025
		// restructuring gave up general cloud exclusivity.
		only []string
	}{
		{"partnership-2019.txt", []want{
			{"4.1", "exclusivity", "Provider", Exclusive, "", "", "cloud computing"},
			{"4.2", "exclusivity", "Provider", Exclusive, "", "", "access to Lab Models"},
			{"5.1", "revenue_share", "Provider", Granted, "20%", "", "API Revenue"},
			{"5.2", "revenue_share", "Lab", Granted, "20%", "", "Provider Product Revenue"},
			{"5.4", "audit_rights", Mutual, Permitted, "", "", ""},
			{"6.2", "license_grant", "Provider", NonExclusive, "", "2028-12-31", ""},
		}, []string{"4.1", "4.2"}},
		{"partnership-2023.md", []want{
			{"3.1", "minimum_commitment", "Provider", Required, "US$6,000,000,000", "2028-12-31", ""},
			{"5.1", "exclusivity", "Provider", Exclusive, "", "", "cloud computing"},
			{"5.2", "exclusivity", "Provider", Exclusive, "", "", ""},
			{"6.1", "revenue_share", "Provider", Granted, "20%", "", "API Revenue"},
			{"6.2", "revenue_share", "Lab", Granted, "15%", "", ""},
			{"6.4", "audit_rights", Mutual, Permitted, "", "", ""},
			{"7.2", "license_grant", "Provider", NonExclusive, "", "2030-12-31", ""},
		}, []string{"5.1", "5.2"}},
		{"partnership-2025.html", []want{
			{"5.1", "right_of_first_refusal", "Provider", FirstRefusal, "", "", "New Capacity"},
			{"5.2", "right_of_first_refusal", "Provider", FirstRefusal, "", "", "New Capacity"},
			{"5.3", "exclusivity", "Provider", Exclusive, "", "2032-12-31", "Stateless API"},
			{"6.1", "revenue_share", "Provider", Granted, "20%", "", ""},
			{"6.3", "revenue_share", "Lab", Granted, "15%", "", ""},
			{"6.5", "audit_rights", Mutual, Permitted, "", "", ""},
			{"7.2", "license_grant", "Provider", NonExclusive, "", "2032-12-31", ""},
		}, []string{"5.3"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			doc := readSample(t, tc.file)
			got := Classify(doc)
			for _, w := range tc.want {
				c := doc.Find(w.clause)
				if c == nil {
					t.Errorf("no clause %s", w.clause)
					continue
				}
				var k *Class
				for i := range got[c.ID] {
					if g := got[c.ID][i]; g.Category == w.category && g.Holder == w.holder {
						k = &got[c.ID][i]
						break
					}
				}
				if k == nil {
					t.Errorf("%s: no %s for %s; got %v", w.clause, w.category, w.holder, got[c.ID])
					continue
				}
				if k.Strength != w.strength {
					t.Errorf("%s %s: strength %s, want %s", w.clause, w.category, k.Strength, w.strength)
				}
				if w.amount != "" && !slices.Contains(k.Amounts, w.amount) {
					t.Errorf("%s %s: amounts %q, want %q among them", w.clause, w.category, k.Amounts, w.amount)
				}
				if w.end != "" && k.End != w.end {
					t.Errorf("%s %s: end %q, want %q", w.clause, w.category, k.End, w.end)
				}
				if w.scope != "" && k.Scope != w.scope {
					t.Errorf("%s %s: scope %q, want %q", w.clause, w.category, k.Scope, w.scope)
				}
			}
			for id, ks := range got {
				c := doc.Find(id)
				for _, k := range ks {
					if k.Category == "exclusivity" && !slices.Contains(tc.only, goldenName(c)) {
						t.Errorf("%s: exclusivity %s not expected: %s", goldenName(c), k.Holder, evidenceText(doc, k))
					}
				}
				if c.Kind == clauses.Recitals || c.Kind == clauses.Preamble {
					t.Errorf("%s: recitals and preamble carry no rights, got %v", id, ks)
				}
			}
		})
	}
}

// TestDefinitions checks definitions of the sample: terms defined in a
// list, in a parenthesis (found past the list's cross-reference to it),
// and inside an operative clause.
func TestDefinitions(t *testing.T) {
	doc := readSample(t, "partnership-2019.txt")
	defs := map[string]string{}
	for _, d := range Definitions(doc) {
		if !doc.Root.Span.Contains(d.Span) || d.Span.Len() <= 0 {
			t.Errorf("%s: span %v outside the text", d.Term, d.Span)
			continue
		}
		defs[d.Term] = strings.Join(strings.Fields(string(doc.Text[d.Span.Start:d.Span.End])), " ")
	}
	for term, want := range map[string]string{
		"Provider Cloud": "means the cloud computing infrastructure and services operated by the Provider or its Affiliates, including data centres, accelerators, storage, networking and managed services.",
		"Board":          "means the board of managers of the Lab, or any successor body that governs the Lab.",
		"Investment":     "Subject to the terms of this Agreement, the Provider shall invest an aggregate amount of one billion United States dollars (US$1,000,000,000) in the Lab",
		"Licence Period": "Subject to Section 6.3 and Article 7, the Lab grants the Provider a non-exclusive, worldwide, non-transferable licence under the Lab IP, for the period from the Effective Date until December 31, 2028",
	} {
		if got := defs[term]; got != want {
			t.Errorf("%s: definition %q, want %q", term, got, want)
		}
	}
	doc25 := readSample(t, "partnership-2025.html")
	for _, d := range Definitions(doc25) {
		if d.Term == "New Capacity" {
			text := string(doc25.Text[d.Span.Start:d.Span.End])
			if !strings.HasPrefix(text, "means computing capacity") || !strings.HasSuffix(text, "under this Agreement.") {
				t.Errorf("New Capacity: definition %q", text)
			}
			return
		}
	}
	t.Errorf("no definition of New Capacity")
}

// TestClassifyNegativeSentences checks sentences that use the words of a
// category without granting it, under a heading that names it.
func TestClassifyNegativeSentences(t *testing.T) {
	// Sentences that carry category words but no right, each alone in a
	// clause of a two-party agreement.
	cases := map[string]string{
		"exclusive of VAT":         "All fees are exclusive of VAT and other taxes.",
		"exclusive jurisdiction":   "The courts of Paris have exclusive jurisdiction over disputes.",
		"sole discretion":          "The Buyer may approve the samples in its sole discretion.",
		"sole remedy":              "Replacement is the Buyer's sole remedy for defective goods.",
		"not restricted":           "The Seller is not restricted from competing with the Buyer.",
		"nothing grants exclusive": "Nothing in this Agreement grants the Buyer any exclusive right.",
		"non-exclusive licence":    "The licence granted under this Agreement is non-exclusive.",
		"heading only":             "Intentionally omitted.",
		"reserved":                 "[Reserved]",
		"no third party":           "No person other than the parties has any right under this Agreement.",
		"no assignment clause":     "The Seller shall assign a project manager to the Buyer's account.",
	}
	for name, sentence := range cases {
		t.Run(name, func(t *testing.T) {
			text := "SALE AGREEMENT\n\nThis Agreement is made between Amberley Mills Ltd (the \"Seller\") and Tolland Stores Inc. (the \"Buyer\").\n\n1. Exclusivity. " + sentence + "\n"
			doc := clauses.Segment(&clauses.Source{Name: "x.txt", Format: "txt", Text: []byte(text)})
			for id, ks := range Classify(doc) {
				for _, k := range ks {
					if k.Category == "exclusivity" || k.Category == "third_party_beneficiary" || k.Category == "anti_assignment" || k.Category == "non_compete" || k.Category == "license_grant" && name != "non-exclusive licence" {
						t.Errorf("%s: %s %s %s from %q", id, k.Category, k.Holder, k.Strength, sentence)
					}
				}
			}
		})
	}
}

// BenchmarkClassify classifies a generated agreement of 2,000 clauses.
func BenchmarkClassify(b *testing.B) {
	old, _, _ := gen.Pair(2000, gen.Options{Seed: 1})
	doc := clauses.Segment(&clauses.Source{Name: "gen.txt", Format: "txt", Text: old})
	b.ReportMetric(float64(len(doc.Clauses())), "clauses")
	b.SetBytes(int64(len(old)))
	b.ResetTimer()
	for b.Loop() {
		Classify(doc)
	}
}

// FuzzClassify checks that any text classifies without panics and with
// evidence inside its clause.
func FuzzClassify(f *testing.F) {
	for _, g := range loadClassifyGoldens(f) {
		f.Add(g.doc.Text)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		doc := clauses.Segment(&clauses.Source{Name: "x.txt", Format: "txt", Text: text})
		for id, ks := range Classify(doc) {
			c := doc.Find(id)
			for _, k := range ks {
				if c == nil || !c.Body.Contains(k.Evidence) {
					t.Fatalf("%s: evidence %v outside the clause", id, k.Evidence)
				}
			}
		}
		Definitions(doc)
	})
}
