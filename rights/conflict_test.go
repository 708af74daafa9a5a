package rights_test

import (
	"os"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/rights"
)

// TestConflictsOnSample checks the restrictions kept in the sample's
// 2025 version against the 2026 runtime agreement, as the sample's
// answer key expects: the API exclusivity meets runtime 2.02 (the "not a
// stateless API" clause) among its best candidates, and the right of
// first refusal on new capacity meets 5.04 Lab Evaluation Capacity first.
// The given-up cloud exclusivity is not checked at all.
func TestConflictsOnSample(t *testing.T) {
	l := ledgerOf(t, keyed{name: "sample", labels: []string{"2019", "2023", "2025"},
		files: []string{"../sample/files/partnership-2019.txt", "../sample/files/partnership-2023.md", "../sample/files/partnership-2025.html"}})
	data, err := os.ReadFile("../sample/files/runtime-2026.txt")
	if err != nil {
		t.Fatal(err)
	}
	src, err := corpus.Import("runtime-2026.txt", data, corpus.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cs := rights.Conflicts(l, clauses.Segment(src))
	found := map[string][]string{}
	for _, c := range cs {
		var names []string
		for _, k := range c.Candidates {
			names = append(names, k.Clause)
		}
		found[c.Right.Category] = names
		if c.Right.Category == "exclusivity" && c.Right.Scope == "cloud computing" {
			t.Errorf("the cloud exclusivity given up in 2025 is checked: %v", names)
		}
	}
	if got := found["right_of_first_refusal"]; len(got) == 0 || got[0] != "5.04" {
		t.Errorf("right of first refusal: candidates %v, want 5.04 first", got)
	}
	excl := found["exclusivity"]
	if len(excl) < 3 || excl[0] != "2.02" && excl[1] != "2.02" {
		t.Errorf("API exclusivity: candidates %v, want 2.02 among the first two", excl)
	}
}
