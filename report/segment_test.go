package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/sample"
)

// TestSegmentJSONContract checks the promises of clausetrack.segment/v1 on
// every sample version: the own texts of the clauses, in order, are the
// whole text; each start/end pair indexes the text and covers the
// clause's own text; parents come before their children.
func TestSegmentJSONContract(t *testing.T) {
	for _, v := range sample.Versions() {
		data, err := sample.Read(v.File)
		if err != nil {
			t.Fatal(err)
		}
		src, err := corpus.Import(v.File, data, corpus.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		doc := clauses.Segment(src)
		var buf bytes.Buffer
		if err := report.JSON(&buf, report.NewSegment(v.File, src.Format, doc)); err != nil {
			t.Fatal(err)
		}
		var got report.Segment
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("%s: %v", v.File, err)
		}
		if got.Schema != report.SegmentSchema {
			t.Errorf("%s: schema %q", v.File, got.Schema)
		}
		var all strings.Builder
		seen := map[string]bool{}
		for _, c := range got.Clauses {
			all.WriteString(c.Text)
			if c.Start < 0 || c.End > len(src.Text) || c.Start > c.End {
				t.Errorf("%s: clause %s span [%d,%d) outside the text", v.File, c.ID, c.Start, c.End)
				continue
			}
			if !strings.HasPrefix(string(src.Text[c.Start:c.End]), c.Text) {
				t.Errorf("%s: clause %s text is not the start of its span", v.File, c.ID)
			}
			if c.Parent != "" && !seen[c.Parent] {
				t.Errorf("%s: clause %s comes before its parent %s", v.File, c.ID, c.Parent)
			}
			seen[c.ID] = true
		}
		if all.String() != string(src.Text) {
			t.Errorf("%s: clause texts do not rebuild the document", v.File)
		}
		if len(got.Parties) != 2 {
			t.Errorf("%s: %d parties, want 2", v.File, len(got.Parties))
		}
	}
}
