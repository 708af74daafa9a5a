package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayers guards the pipeline's direction (DESIGN.md): lower packages
// never import higher ones, and nothing imports cmd/.
func TestLayers(t *testing.T) {
	const mod = "github.com/clausetrack/clausetrack/"
	forbidden := map[string][]string{
		"clauses":  {"corpus", "report", "rights", "sample", "cmd/clausetrack"},
		"corpus":   {"report", "sample", "cmd/clausetrack"},
		"report":   {"corpus", "indexer", "sample", "cmd/clausetrack"},
		"index":    {"clauses", "corpus", "diff", "report", "indexer", "sample", "cmd/clausetrack"},
		"indexer":  {"report", "sample", "cmd/clausetrack"},
		"rights":   {"corpus", "index", "indexer", "report", "sample", "cmd/clausetrack"},
		"assemble": {"web", "sample", "cmd/clausetrack"},
		"web":      {"cmd/clausetrack"},
		"review":   {"corpus", "index", "indexer", "report", "rights", "sample", "cmd/clausetrack"},
		"sample":   {"clauses", "corpus", "report", "cmd/clausetrack"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		for _, d := range deps {
			for _, b := range bad {
				if d == mod+b {
					t.Errorf("%s imports %s", pkg, b)
				}
			}
		}
	}
}
