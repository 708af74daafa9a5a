package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/assemble"
	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/report"
)

type diffOptions struct {
	args        []string
	changedOnly bool
	exitCode    bool
	granularity string
	tracked     string
	author      string
	redline     redlineFlags
	out         output
}

func newDiffCmd(e *env) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff AGREEMENT@V1 AGREEMENT@V2 | OLD_FILE NEW_FILE | AGREEMENT",
		Short: "Compare two versions clause by clause: alignment, redline, notes",
		Long: `Diff lines up the clauses of two versions (renumbered, moved, split,
merged, added, removed) and shows a word-level redline of each clause that
changed, with notes on what counsel look for: shall and may, negation,
exclusivity, changed amounts, periods and dates, changed definitions and
cross-references left stale by renumbering.

Compare two stored versions (AGREEMENT@VERSION; VERSION is a label, latest or
~N), two files (no workspace needed; any format 'segment' reads), or, with one
argument, the latest version of an agreement with the one before it.

Whitespace, line wrapping, quote and dash style, Markdown marks and changes of
clause labels are not shown as edits; the summary counts them. --strict shows
them.

Formats: text (a summary, then each change with its redline; colour on a
terminal), md (for pull requests and memos), html (one printable file), json
(the clausetrack.diff/v1 contract), docx (a Word redline with tracked changes:
accept all gives the new version, reject all the old; moves as Word moves; a
first page with the summary and, for stored versions, the rights ledger of
the pair; it needs -o FILE). Its changes are dated when the newer version was
added (for two files, the newer file's modification time), so the same input
gives the same bytes; it always holds every clause and every edit, so
--changed-only and --strict do not change it.` + exitCodes + `
  With --exit-code: 1 when the versions differ, 0 when they do not.`,
		Example: `  clausetrack diff cloud-deal@2023 cloud-deal@2025
  clausetrack diff cloud-deal --changed-only
  clausetrack diff old.docx new.docx --format html -o redline.html
  clausetrack diff cloud-deal@2023 cloud-deal@2025 --format docx -o redline.docx --author "Jane Doe"
  clausetrack diff cloud-deal@~1 cloud-deal@latest --format json`,
		Args: rangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.args = args
			return runDiff(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "md", "html", "json", "docx")
	opts.redline.addFlags(cmd)
	f := cmd.Flags()
	f.BoolVar(&opts.changedOnly, "changed-only", false, "leave out unchanged clauses")
	f.BoolVar(&opts.exitCode, "exit-code", false, "exit with 1 when the versions differ, like git diff")
	f.StringVar(&opts.granularity, "granularity", "word", "redline unit: `word` or char")
	f.StringVar(&opts.tracked, "tracked", "current", "for Word files with tracked changes: the `current` text or the original")
	f.StringVar(&opts.author, "author", "clausetrack", "with --format docx: the `NAME` Word shows as the author of the tracked changes")
	return cmd
}

func runDiff(e *env, cmd *cobra.Command, opts *diffOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	if err := opts.out.checkBinary("docx"); err != nil {
		return err
	}
	if err := checkTracked(opts.tracked); err != nil {
		return err
	}
	var g diff.Granularity
	switch opts.granularity {
	case "word":
	case "char":
		g = diff.ByChar
	default:
		return usageError{fmt.Errorf("--granularity must be word or char, not %q", opts.granularity)}
	}
	color, err := opts.redline.useColor(e, &opts.out)
	if err != nil {
		return err
	}
	sides, err := diffSides(e, cmd, opts)
	if err != nil {
		return err
	}
	oldName, newName := sides.old.name, sides.new.name
	cmp := diff.Compare(sides.old.doc, sides.new.doc, diff.Options{Granularity: g})
	ropt := report.DiffOptions{Strict: opts.redline.strict, ChangedOnly: opts.changedOnly, Color: color}
	var dopt report.DOCXOptions
	if opts.out.format == "docx" {
		if dopt, err = docxOptions(e, sides, opts.author); err != nil {
			return err
		}
	}
	err = opts.out.write(e, func(w io.Writer) error {
		switch opts.out.format {
		case "docx":
			return report.DiffDOCX(w, cmp, oldName, newName, dopt)
		case "json":
			return report.DiffJSON(w, cmp, oldName, newName)
		case "md":
			return report.DiffMarkdown(w, cmp, oldName, newName, ropt)
		case "html":
			return report.DiffHTML(w, cmp, oldName, newName, ropt)
		}
		return report.DiffText(w, cmp, oldName, newName, ropt)
	})
	if err != nil {
		return err
	}
	if opts.exitCode && differs(cmp) {
		return errChanges
	}
	return nil
}

// diffSide is one side of a diff: its name, its clause tree and, for a
// stored version, the version; for a file, when it was last modified.
type diffSide struct {
	name     string
	doc      *clauses.Document
	version  *corpus.Version
	modified time.Time
}

// diffPair is the two sides of a diff, and the workspace for stored
// versions.
type diffPair struct {
	old, new diffSide
	w        *corpus.Workspace
}

// diffSides loads the two documents a diff compares: two files when both
// arguments name files, else two versions from the workspace.
func diffSides(e *env, cmd *cobra.Command, opts *diffOptions) (diffPair, error) {
	args := opts.args
	if len(args) == 2 && isFile(e.abs(args[0])) && isFile(e.abs(args[1])) {
		// The two files are read and segmented at the same time.
		var a *clauses.Document
		var errA error
		done := make(chan struct{})
		go func() {
			a, errA = segmentFile(e, args[0], opts.tracked)
			close(done)
		}()
		b, errB := segmentFile(e, args[1], opts.tracked)
		<-done
		if errA != nil {
			return diffPair{}, errA
		}
		if errB != nil {
			return diffPair{}, errB
		}
		return diffPair{old: diffSide{name: args[0], doc: a, modified: modTime(e.abs(args[0]))},
			new: diffSide{name: args[1], doc: b, modified: modTime(e.abs(args[1]))}}, nil
	}
	if len(args) == 2 {
		for _, a := range args {
			if !strings.Contains(a, "@") && looksLikeFile(a) && !isFile(e.abs(a)) {
				return diffPair{}, &corpus.FileError{Name: a, Err: fmt.Errorf("no such file")}
			}
		}
	}
	w, err := e.workspace(cmd, false)
	if err != nil {
		return diffPair{}, err
	}
	refs := args
	if len(args) == 1 {
		if strings.Contains(args[0], "@") {
			return diffPair{}, usageError{fmt.Errorf("one argument names an agreement (its latest version is compared with the one before); to compare two versions give both")}
		}
		refs = []string{args[0] + "@~1", args[0] + "@latest"}
	}
	va, a, err := loadVersion(w, refs[0])
	if err != nil {
		if len(args) == 1 && strings.Contains(err.Error(), "~1") {
			return diffPair{}, hintError{fmt.Errorf("%s has only one version: nothing to compare", args[0]), "'clausetrack add " + args[0] + " FILE' adds another"}
		}
		return diffPair{}, err
	}
	vb, b, err := loadVersion(w, refs[1])
	if err != nil {
		return diffPair{}, err
	}
	return diffPair{old: diffSide{name: va.Ref(), doc: a, version: &va}, new: diffSide{name: vb.Ref(), doc: b, version: &vb}, w: w}, nil
}

// checkBinary refuses a binary format (docx) without -o FILE: it would
// only garble a terminal or a pipe.
func (o *output) checkBinary(binary ...string) error {
	for _, f := range binary {
		if o.format == f && (o.file == "" || o.file == "-") {
			return usageError{fmt.Errorf("--format %s writes a binary file: give it with -o FILE", f)}
		}
	}
	return nil
}

func modTime(path string) time.Time {
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	return st.ModTime()
}

// docxOptions are the Word redline's options: its changes dated when the
// newer side was added (or, for files, last modified), so that the same
// input gives the same bytes, and for two stored versions the rights
// ledger of the pair.
func docxOptions(e *env, p diffPair, author string) (report.DOCXOptions, error) {
	opt := report.DOCXOptions{Author: author}
	if p.old.version == nil {
		opt.Date = later(p.old.modified, p.new.modified)
		return opt, nil
	}
	opt.Date = later(p.old.version.Added, p.new.version.Added)
	pb, err := loadPlaybook(e, p.w, "")
	if err != nil {
		return opt, err
	}
	opt.Ledger, err = assemble.PairLedger(p.w, *p.old.version, p.old.doc, *p.new.version, p.new.doc, pb)
	return opt, err
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// segmentFile reads, imports and segments one file.
func segmentFile(e *env, name, tracked string) (*clauses.Document, error) {
	data, err := corpus.ReadFile(e.abs(name))
	if err != nil {
		return nil, relabel(err, name)
	}
	src, err := corpus.Import(name, data, corpus.ImportOptions{Tracked: tracked})
	if err != nil {
		return nil, err
	}
	return clauses.Segment(src), nil
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// looksLikeFile reports whether an argument reads as a file name rather
// than an agreement id: it has a folder or a known extension.
func looksLikeFile(arg string) bool {
	if strings.ContainsRune(arg, os.PathSeparator) {
		return true
	}
	for _, ext := range []string{".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".doc"} {
		if strings.HasSuffix(strings.ToLower(arg), ext) {
			return true
		}
	}
	return false
}

// differs reports whether a comparison has any change a reader would see.
func differs(cmp *diff.Comparison) bool {
	for _, ch := range cmp.Changes {
		if ch.Kind != diff.Unchanged {
			return true
		}
	}
	return false
}

// redlineFlags are the flags of the commands that show a redline.
type redlineFlags struct {
	strict bool
	color  string
}

func (r *redlineFlags) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&r.strict, "strict", false, "show whitespace, quote, dash, markup and label changes as edits")
	f.StringVar(&r.color, "color", "auto", "colour the text redline: auto (on a terminal), always or never")
}

// useColor reads --color: always, never, or auto, which colours only
// standard output on a terminal and never with NO_COLOR set.
func (r *redlineFlags) useColor(e *env, out *output) (bool, error) {
	switch r.color {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return out.file == "" && e.getenv("NO_COLOR") == "" && isTerminal(e.out), nil
	}
	return false, usageError{fmt.Errorf("--color must be auto, always or never, not %q", r.color)}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
