package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// LineageSchema names the format of a stored lineage file.
const LineageSchema = "clausetrack.lineage/v2"

// Lineage says, for every version of an agreement, which clauses are the
// same clause across versions: each clause id maps to a lineage id, the
// version label and clause id where the clause first appeared
// ("2019/4.1"). It is derived data, computed by aligning each version
// with the one before it; Current says whether it still matches the
// versions, and a stale or missing lineage is simply computed again.
type Lineage struct {
	Schema    string           `json:"schema"`
	Agreement string           `json:"agreement"`
	Versions  []LineageVersion `json:"versions"`
}

// LineageVersion is one version's clauses and their lineage ids.
type LineageVersion struct {
	Label      string `json:"label"`
	TextSHA256 string `json:"text_sha256"`
	// Clauses maps clause ids to lineage ids. A split clause's parts
	// share the lineage of the clause they came from.
	Clauses map[string]string `json:"clauses"`
	// Kinds maps clause ids to how the clause changed from the version
	// before: a diff change kind, or "original" in the first version.
	Kinds map[string]string `json:"kinds"`
}

// Current reports whether l was computed from exactly these versions, in
// this order, with these texts.
func (l *Lineage) Current(vs []Version) bool {
	if l == nil || len(l.Versions) != len(vs) {
		return false
	}
	for i, v := range vs {
		if l.Versions[i].Label != v.Label || l.Versions[i].TextSHA256 != v.TextSHA256 {
			return false
		}
	}
	return true
}

func (w *Workspace) lineagePath(root, agreement string) string {
	return filepath.Join(root, "lineage", agreement+".json")
}

// ReadLineage returns the stored lineage of an agreement, or an error
// wrapping ErrNotFound when there is none.
func (w *Workspace) ReadLineage(agreement string) (*Lineage, error) {
	if err := checkID(agreement); err != nil {
		return nil, err
	}
	root, err := w.root()
	if err != nil {
		return nil, err
	}
	var l Lineage
	if err := readJSON("lineage", w.lineagePath(root, agreement), &l); err != nil {
		return nil, err
	}
	if l.Schema != LineageSchema {
		return nil, fmt.Errorf("%s: lineage schema %q; this clausetrack reads %q", w.lineagePath(root, agreement), l.Schema, LineageSchema)
	}
	return &l, nil
}

// WriteLineage stores an agreement's lineage, atomically and under the
// workspace lock.
func (w *Workspace) WriteLineage(l *Lineage) error {
	if err := checkID(l.Agreement); err != nil {
		return err
	}
	root, err := w.root()
	if err != nil {
		return err
	}
	unlock, err := lock(filepath.Join(root, "lock"))
	if err != nil {
		return err
	}
	defer unlock()
	l.Schema = LineageSchema
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return err
	}
	var created []string
	if _, err := w.mkdir(root, "lineage", &created); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(root, "lineage"), err)
	}
	path := w.lineagePath(root, l.Agreement)
	if _, err := w.writeFileAtomic(path, append(data, '\n')); err != nil {
		for _, d := range created {
			os.Remove(d)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
