package clauses_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
)

// genAgreement writes a deterministic plain-text agreement with about n
// clauses of some 30 words each: numbered articles, sub-clauses 1.1 and
// lettered items (a), wrapped at 78 columns, with defined terms and
// cross-references.
func genAgreement(n int) []byte {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	words := strings.Fields(`the Provider shall Lab may services fees term notice party agreement
		exclusive licence rights data models compute capacity revenue within days after
		written consent reasonable efforts applicable law including without limitation any
		other obligations confidential information termination breach cure period`)
	var b strings.Builder
	b.WriteString("GENERATED SERVICES AGREEMENT\n\nThis Agreement is made between Alpha Cloud Inc. (the \"Provider\") and Beta Labs LLC (the \"Lab\").\n\n")
	sentence := func(k int) string {
		var s strings.Builder
		col := 0
		for i := 0; i < k; i++ {
			w := words[r.IntN(len(words))]
			if col+len(w) > 72 {
				s.WriteString("\n")
				col = 0
			} else if i > 0 {
				s.WriteString(" ")
			}
			s.WriteString(w)
			col += len(w) + 1
		}
		return s.String() + "."
	}
	count := 0
	for art := 1; count < n; art++ {
		fmt.Fprintf(&b, "%d. ARTICLE HEADING %d\n\n", art, art)
		count++
		for sec := 1; sec <= 8 && count < n; sec++ {
			fmt.Fprintf(&b, "%d.%d Heading Words. \"Term %d %d\" means %s See Section %d.%d.\n\n", art, sec, art, sec, sentence(30), art, max(1, sec-1))
			count++
			if sec%3 == 0 {
				for item := 0; item < 3 && count < n; item++ {
					fmt.Fprintf(&b, "(%c) %s\n\n", 'a'+item, sentence(20))
					count++
				}
			}
		}
	}
	return []byte(b.String())
}

func BenchmarkSegment(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		text := genAgreement(n)
		b.Run(fmt.Sprintf("clauses=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				clauses.Segment(&clauses.Source{Text: text})
			}
			b.ReportMetric(float64(len(strings.Fields(string(text)))), "words")
		})
	}
}

// TestGeneratedAgreement checks the benchmark's input segments as
// intended, so the benchmark measures real work.
func TestGeneratedAgreement(t *testing.T) {
	doc := clauses.Segment(&clauses.Source{Text: genAgreement(2000)})
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Clauses()); n < 2000 || n > 2002 {
		t.Errorf("got %d clauses, want about 2000", n)
	}
	for _, d := range doc.Diagnostics {
		t.Errorf("unexpected diagnostic %s", d)
	}
}

// BenchmarkSegmentShapes measures inputs shaped to find quadratic
// behaviour: one huge paragraph, thousands of duplicate numbers,
// thousands of unresolved references. Each should cost about as much
// per byte as an ordinary agreement.
func BenchmarkSegmentShapes(b *testing.B) {
	shapes := []struct{ name, text string }{
		{"one-paragraph", strings.Repeat("word word word word word\n", 50000)},
		{"duplicate-numbers", strings.Repeat("1. X\n\n", 50000)},
		{"unresolved-refs", strings.Repeat("See Section 9.9 and Section 8.8.\n", 30000)},
		{"flat-items", strings.Repeat("(a) x\n\n", 50000)},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.text)))
			for b.Loop() {
				clauses.Segment(&clauses.Source{Text: []byte(s.text)})
			}
		})
	}
}
