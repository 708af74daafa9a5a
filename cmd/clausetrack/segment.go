package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/rights"
)

type segmentOptions struct {
	file    string
	tracked string
	out     output
}

func newSegmentCmd(e *env) *cobra.Command {
	opts := &segmentOptions{}
	cmd := &cobra.Command{
		Use:   "segment FILE",
		Short: "Split a document into its clause tree (no workspace needed)",
		Long: `Segment reads one document and prints its clause tree: numbers, headings,
defined terms, parties, and diagnostics such as numbering gaps or references
to clauses that do not exist.

Formats: .txt (.text), .md (.markdown), .html (.htm), .docx, .pdf (needs
pdftotext).

With --format json it prints the clausetrack.segment/v1 contract: every clause
with its id, number, label, heading, level, parent, byte span (start, end)
into the document's text and its own text.` + exitCodes,
		Example: `  clausetrack segment contract.txt
  clausetrack segment terms.md --format json -o terms.json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.file = args[0]
			return runSegment(e, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	cmd.Flags().StringVar(&opts.tracked, "tracked", "current", "for Word files with tracked changes: the `current` text (changes accepted) or the original")
	return cmd
}

func runSegment(e *env, opts *segmentOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	if err := checkTracked(opts.tracked); err != nil {
		return err
	}
	data, err := corpus.ReadFile(e.abs(opts.file))
	if err != nil {
		return relabel(err, opts.file)
	}
	src, err := corpus.Import(opts.file, data, corpus.ImportOptions{Tracked: opts.tracked})
	if err != nil {
		return err
	}
	doc := clauses.Segment(src)
	rights.Classify(doc)
	return opts.out.write(e, func(w io.Writer) error {
		if opts.out.format == "json" {
			return report.JSON(w, report.NewSegment(opts.file, src.Format, doc))
		}
		return report.Tree(w, opts.file, doc)
	})
}

// relabel names a file error by the path the user typed rather than the
// absolute path it was resolved to.
func relabel(err error, name string) error {
	if fe, ok := err.(*corpus.FileError); ok {
		return &corpus.FileError{Name: name, Err: fe.Err}
	}
	return err
}

// checkTracked validates --tracked.
func checkTracked(v string) error {
	if v != "current" && v != "original" {
		return usageError{fmt.Errorf("--tracked must be current or original, not %q", v)}
	}
	return nil
}
