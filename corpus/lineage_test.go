package corpus

import (
	"errors"
	"testing"
)

func TestLineageRoundTrip(t *testing.T) {
	w := newWorkspace(t)
	add(t, w, "deal", "1. Term\n1.1 Three years.\n", AddOptions{Label: "one"})
	if _, err := w.ReadLineage("deal"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ReadLineage before any write: %v, want ErrNotFound", err)
	}
	vs, err := w.Versions("deal")
	if err != nil {
		t.Fatal(err)
	}
	l := &Lineage{Agreement: "deal", Versions: []LineageVersion{{Label: "one", TextSHA256: vs[0].TextSHA256, Clauses: map[string]string{"1": "one/1", "1.1": "one/1.1"}}}}
	if err := w.WriteLineage(l); err != nil {
		t.Fatal(err)
	}
	got, err := w.ReadLineage("deal")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Current(vs) || got.Versions[0].Clauses["1.1"] != "one/1.1" || got.Schema != LineageSchema {
		t.Errorf("read back %+v", got)
	}
	// A new version makes it stale.
	add(t, w, "deal", "1. Term\n1.1 Five years.\n", AddOptions{Label: "two"})
	vs, _ = w.Versions("deal")
	if got.Current(vs) {
		t.Error("lineage of one version is current for two")
	}
	if _, err := w.ReadLineage("../x"); err == nil {
		t.Error("ReadLineage accepted a bad agreement id")
	}
}

func TestInEffect(t *testing.T) {
	vs := []Version{{Label: "a", Date: "2019-07-22"}, {Label: "b"}, {Label: "c", Date: "2023-05"}, {Label: "d", Date: "2025"}}
	for date, want := range map[string]string{"2019": "b", "2019-07-21": "", "2023-05": "c", "2023-04-30": "b", "2025-01-01": "d", "2024": "c"} {
		v, ok := InEffect(vs, date)
		if got := v.Label; !ok && want != "" || ok && got != want {
			t.Errorf("InEffect(%s) = %q, %v; want %q", date, got, ok, want)
		}
	}
}
