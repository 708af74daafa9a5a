package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/assemble"
	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
)

// workspace returns the workspace a command works in: --workspace, then
// CLAUSETRACK_WORKSPACE, then the nearest .clausetrack/ from the working
// directory upwards. With create, a missing workspace is not an error:
// the workspace is the one the command will create in the working
// directory (or in the folder named by the flag).
func (e *env) workspace(cmd *cobra.Command, create bool) (*corpus.Workspace, error) {
	dir, _ := cmd.Flags().GetString("workspace")
	if dir == "" {
		dir = e.getenv("CLAUSETRACK_WORKSPACE")
	}
	if dir != "" {
		w, err := corpus.Open(e.abs(dir))
		if err != nil {
			return nil, err
		}
		if !create && !w.Exists() {
			return nil, hintError{fmt.Errorf("%w in %s", corpus.ErrNoWorkspace, w.Dir), "'clausetrack add AGREEMENT FILE' creates one"}
		}
		return w, nil
	}
	w, err := corpus.Find(e.wd)
	if errors.Is(err, corpus.ErrNoWorkspace) {
		if create {
			return corpus.Open(e.wd)
		}
		return nil, hintError{err, "'clausetrack add AGREEMENT FILE' creates one here, or pass --workspace DIR"}
	}
	return w, err
}

// loadVersion resolves a version reference and segments its stored text.
func loadVersion(w *corpus.Workspace, ref string) (corpus.Version, *clauses.Document, error) {
	return assemble.Load(w)(ref)
}

// mkdirAll creates a folder the user named for output, such as the demo's
// --workspace.
func mkdirAll(path string) error {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return fmt.Errorf("create folder: %w", err)
	}
	return nil
}
