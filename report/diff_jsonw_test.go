package report

import (
	"bytes"
	"os"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
)

// TestDiffJSONWriter checks the hand-written diff JSON against
// encoding/json, byte for byte, on the sample agreements and on texts
// full of characters JSON escapes.
func TestDiffJSONWriter(t *testing.T) {
	seg := func(text string) *clauses.Document {
		return clauses.Segment(&clauses.Source{Name: "x.txt", Format: "txt", Text: []byte(text)})
	}
	odd := "1. A\n1.1 \"q\" \\ <b>&</b> \t tab \x01 \b \f \u2028 \u2029 \r\n é ✓ 😀.\n"
	pairs := [][2]*clauses.Document{
		{seg(odd), seg(odd + "1.2 More \x7f text.\n")},
		{seg(""), seg("1. Only\n")},
	}
	for _, f := range [][2]string{
		{"../sample/files/partnership-2019.txt", "../sample/files/runtime-2026.txt"},
	} {
		a, err := os.ReadFile(f[0])
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(f[1])
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, [2]*clauses.Document{seg(string(a)), seg(string(b))}, [2]*clauses.Document{seg(string(a)), seg(string(a))})
	}
	for k, p := range pairs {
		cmp := diff.Compare(p[0], p[1], diff.Options{})
		d := NewDiff(cmp, "old <x>", "new \u2028")
		var want, got bytes.Buffer
		if err := JSON(&want, d); err != nil {
			t.Fatal(err)
		}
		if err := writeDiffJSON(&got, d); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			i := 0
			for i < min(want.Len(), got.Len()) && want.Bytes()[i] == got.Bytes()[i] {
				i++
			}
			t.Errorf("pair %d: differs at byte %d: want %q, got %q", k, i, want.String()[max(0, i-40):min(want.Len(), i+40)], got.String()[max(0, i-40):min(got.Len(), i+40)])
		}
	}
}

func FuzzJSONString(f *testing.F) {
	f.Add("plain")
	f.Add("\"\\\x00\b\f\n\r\t\u2028\xff<>&")
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		if err := JSON(&want, s); err != nil {
			t.Fatal(err)
		}
		got := append(appendJSONString(nil, s), '\n')
		if !bytes.Equal(want.Bytes(), got) {
			t.Fatalf("%q: encoding/json %q, ours %q", s, want.String(), got)
		}
	})
}
