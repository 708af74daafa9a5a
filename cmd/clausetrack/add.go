package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
)

type addOptions struct {
	agreement, file string
	add             corpus.AddOptions
}

func newAddCmd(e *env) *cobra.Command {
	opts := &addOptions{}
	cmd := &cobra.Command{
		Use:   "add AGREEMENT FILE",
		Short: "Add a version of an agreement to the workspace",
		Long: `Add stores FILE as a version of AGREEMENT: the original bytes exactly, with
their SHA-256, and the text extracted from them. It creates the workspace
(.clausetrack/ in the current folder, or in --workspace DIR) when there is none.

The version label defaults to --date, else to the file name. Adding the same
bytes again, read the same way, changes nothing; adding different bytes (or
the same bytes with another --tracked, date or title) under a label that exists
is refused unless --replace, and the replaced version stays recoverable. The
same bytes under a second label are refused. Versions are ordered by effective
date, then by the order they were added.

Formats: .txt (.text), .md (.markdown), .html (.htm), .docx, .pdf (needs
pdftotext).` + exitCodes,
		Example: `  clausetrack add cloud-deal original-2019.txt --date 2019-07-22
  clausetrack add cloud-deal restated.md --version 2023 --date 2023-01
  clausetrack add cloud-deal restated.md --version 2023 --replace`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.agreement, opts.file = args[0], args[1]
			return runAdd(e, cmd, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.add.Label, "version", "", "version `LABEL` (default: the date, else the file name)")
	f.StringVar(&opts.add.Date, "date", "", "effective date: YYYY-MM-DD, YYYY-MM or YYYY")
	f.StringVar(&opts.add.Title, "title", "", "the agreement's title")
	f.BoolVar(&opts.add.Replace, "replace", false, "replace the version with the same label (the old one stays recoverable)")
	f.StringVar(&opts.add.Import.Tracked, "tracked", "current", "for Word files with tracked changes: import the `current` text (changes accepted) or the original (changes rejected)")
	return cmd
}

func runAdd(e *env, cmd *cobra.Command, opts *addOptions) error {
	if err := checkTracked(opts.add.Import.Tracked); err != nil {
		return err
	}
	data, err := corpus.ReadFile(e.abs(opts.file))
	if err != nil {
		return relabel(err, opts.file)
	}
	w, err := e.workspace(cmd, true)
	if err != nil {
		return err
	}
	opts.add.Now = e.now()
	res, err := w.Add(opts.agreement, opts.file, data, opts.add)
	if err != nil {
		return withConflictHint(err)
	}
	if err := reportAdd(e.out, w, res); err != nil {
		return err
	}
	// Also after an unchanged add: it repairs an index an interrupted add
	// left behind.
	updateIndex(e, w)
	return nil
}

// withConflictHint adds to a refused add a hint at what would get it
// through, or, for a duplicate, at the version that has the bytes.
func withConflictHint(err error) error {
	var c *corpus.ConflictError
	if !errors.As(err, &c) {
		return err
	}
	ref := c.Version.Ref()
	switch {
	case c.Duplicate:
		return hintError{err, fmt.Sprintf("%s holds these bytes already: see it with 'clausetrack show %s'", ref, ref)}
	case c.SameBytes && !c.SameText:
		return hintError{err, fmt.Sprintf("the text read from the file differs (another --tracked, or another clausetrack); use --replace to replace %s (the replaced version stays recoverable)", ref)}
	case c.SameBytes:
		return hintError{err, fmt.Sprintf("use --replace to replace %s (the replaced version stays recoverable)", ref)}
	default:
		return hintError{err, fmt.Sprintf("use --replace to replace %s (the replaced version stays recoverable), or --version to add the file under another label", ref)}
	}
}

func reportAdd(out io.Writer, w *corpus.Workspace, res corpus.AddResult) error {
	v := res.Version
	if res.Unchanged {
		_, err := fmt.Fprintf(out, "unchanged: %s already holds %s\n", v.Ref(), v.Source.Name)
		return err
	}
	src, err := w.Source(v)
	if err != nil {
		return err
	}
	doc := clauses.Segment(src)
	verb := "added"
	if res.Replaced != nil {
		verb = "replaced"
	}
	date := v.Date
	if date == "" {
		date = "no date"
	}
	if _, err := fmt.Fprintf(out, "%s %s (%s) from %s: %s, %s\n", verb, v.Ref(), date, v.Source.Name,
		count(len(doc.Clauses()), "clause"), count(len(doc.Terms), "defined term")); err != nil {
		return err
	}
	for _, n := range src.Notes {
		if _, err := fmt.Fprintf(out, "note: %s\n", n); err != nil {
			return err
		}
	}
	if res.Created {
		_, err = fmt.Fprintf(out, "created workspace %s\n", w.Path())
	}
	return err
}

// count writes "1 clause", "3 clauses".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
