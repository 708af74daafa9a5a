package indexer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/clausetrack/clausetrack/corpus"
)

// TestDamagedIndex garbles every segment file of an index: check names
// the index as the problem (no panic), and reindex makes it whole again.
func TestDamagedIndex(t *testing.T) {
	w, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct{ label, text string }{
		{"one", "1. FEES\n\n1.1 Fees. The Buyer shall pay the fees.\n\n1.2 Late Payment. Interest runs on late payment.\n"},
		{"two", "1. FEES\n\n1.1 Fees. The Buyer shall pay the fees monthly.\n\n1.2 Late Payment. Interest runs on late payment.\n"},
	} {
		if _, err := w.Add("deal", v.label+".txt", []byte(v.text), corpus.AddOptions{Label: v.label}); err != nil {
			t.Fatal(err)
		}
		if _, err := Update(w, nil); err != nil {
			t.Fatal(err)
		}
	}
	zaps, _ := filepath.Glob(filepath.Join(Dir(w), "gen-*", "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment files")
	}
	for _, f := range zaps {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(data); i += 3 {
			data[i] ^= 0xff
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Check(w)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) == 0 {
		t.Fatal("check found nothing wrong with a garbled index")
	}
	if _, err := Rebuild(w, nil); err != nil {
		t.Fatal(err)
	}
	if r, err = Check(w); err != nil || len(r.Problems) != 0 {
		t.Fatalf("after reindex: %v %+v", err, r.Problems)
	}
}
