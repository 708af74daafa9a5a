package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// env is what a command may touch of the outside world. Commands write
// only to out and err, read time only from now and the environment only
// through getenv.
type env struct {
	in     io.Reader
	out    io.Writer
	err    io.Writer
	getenv func(string) string
	now    func() time.Time
	wd     string // the working directory
}

// usageError is a mistake in how a command was called: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// hintError carries a hint printed after the error.
type hintError struct {
	err  error
	hint string
}

func (e hintError) Error() string { return e.err.Error() }
func (e hintError) Unwrap() error { return e.err }

// errChanges is returned by diff --exit-code when there are changes: exit
// code 1 with no message.
var errChanges = errors.New("changes found")

// Main runs clausetrack with args and returns the exit code.
func Main(args []string, e *env) int {
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	if errors.Is(err, errChanges) {
		return 1
	}
	fmt.Fprintf(e.err, "clausetrack: error: %s\n", oneLine(err.Error()))
	var h hintError
	if errors.As(err, &h) && h.hint != "" {
		fmt.Fprintf(e.err, "clausetrack: hint: %s\n", h.hint)
	}
	var u usageError
	if errors.As(err, &u) || strings.HasPrefix(err.Error(), "unknown command ") {
		fmt.Fprintf(e.err, "clausetrack: hint: see '%s --help'\n", commandPath(root, args))
		return 2
	}
	return 1
}

// commandPath finds the subcommand the arguments name, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	c, _, err := root.Find(args)
	if err != nil {
		return root.Name()
	}
	return c.CommandPath()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

const exitCodes = `
Exit codes:
  0  success
  1  error (bad input, missing file, conflict)
  2  usage error (unknown flag, wrong arguments)`

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "clausetrack",
		Short: "Track agreements through their versions, clause by clause",
		Long: `clausetrack keeps every version of an agreement, splits each into clauses,
and shows what changed and which rights each party kept or gave up.

Start with 'clausetrack demo' to see it work on the sample agreements.` + exitCodes,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(e.out)
	root.SetErr(e.err)
	root.SetIn(e.in)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().String("workspace", "", "the folder that holds (or will hold) .clausetrack/ (default: found from the current folder upwards; env CLAUSETRACK_WORKSPACE)")
	root.AddCommand(
		newAddCmd(e),
		newListCmd(e),
		newShowCmd(e),
		newSegmentCmd(e),
		newDiffCmd(e),
		newHistoryCmd(e),
		newRightsCmd(e),
		newSearchCmd(e),
		newReviewCmd(e),
		newReindexCmd(e),
		newCheckCmd(e),
		newDemoCmd(e),
		newServeCmd(e),
	)
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.RangeArgs(lo, hi)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// output is the --format and -o pair every result-printing command has.
type output struct {
	format  string
	file    string
	formats []string
}

func (o *output) addFlags(cmd *cobra.Command, formats ...string) {
	o.formats = formats
	cmd.Flags().StringVar(&o.format, "format", formats[0], "output format: "+strings.Join(formats, ", "))
	cmd.Flags().StringVarP(&o.file, "output", "o", "", "write the result to `FILE` instead of standard output")
}

// check validates the format name.
func (o *output) check() error {
	for _, f := range o.formats {
		if o.format == f {
			return nil
		}
	}
	return usageError{fmt.Errorf("unknown format %q (want %s)", o.format, strings.Join(o.formats, ", "))}
}

// write renders into a buffer first, so that a failed render leaves no
// half-written file, then writes to stdout or to the -o file.
func (o *output) write(e *env, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if o.file == "" || o.file == "-" {
		_, err := e.out.Write(buf.Bytes())
		return err
	}
	path := o.file
	if !filepath.IsAbs(path) {
		path = filepath.Join(e.wd, path)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// abs resolves a path given on the command line against the working
// directory.
func (e *env) abs(p string) string {
	if filepath.IsAbs(p) || e.wd == "" {
		return p
	}
	return filepath.Join(e.wd, p)
}
