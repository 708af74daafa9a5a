package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/assemble"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/rights"
)

type rightsOptions struct {
	agreement   string
	holders     []string
	categories  []string
	changedOnly bool
	playbook    string
	color       string
	out         output
}

func newRightsCmd(e *env) *cobra.Command {
	opts := &rightsOptions{}
	cmd := &cobra.Command{
		Use:   "rights AGREEMENT",
		Short: "Show which rights each party kept, narrowed, broadened, gained or gave up",
		Long: `Rights reads every version of an agreement, finds the rights and restrictions
its clauses carry (exclusivity, licences, rights of first refusal, caps on
liability, revenue shares and the other categories listed below), names the
party that holds each one, and follows each right through the versions by the
clauses' lineage and by what the right covers. Between consecutive versions a
right is kept (same substance, even reworded, renumbered or moved), narrowed,
broadened, given_up or gained; each status comes with the words that decided
it.

The output starts with a summary in plain words per step, then a table of
rights by versions, then the explanation of every step with its redline.

A playbook (--playbook FILE, or playbook.yaml beside .clausetrack/) names the
rights counsel care about; they are tracked by name. See the README for its
format.

Categories: ` + strings.Join(rights.Categories, ", ") + `.

Formats: text, md, html, json (the clausetrack.rights/v1 contract).` + exitCodes,
		Example: `  clausetrack rights cloud-deal
  clausetrack rights cloud-deal --holder Provider --changed-only
  clausetrack rights cloud-deal --category exclusivity --format json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.agreement = args[0]
			return runRights(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "md", "html", "json")
	f := cmd.Flags()
	f.StringSliceVar(&opts.holders, "holder", nil, "only the rights this party holds (its defined term, or Parties); repeatable")
	f.StringSliceVar(&opts.categories, "category", nil, "only rights of this category; repeatable")
	f.BoolVar(&opts.changedOnly, "changed-only", false, "only rights that were not kept at every step")
	f.StringVar(&opts.playbook, "playbook", "", "playbook `FILE` naming the rights to track (default: playbook.yaml in the workspace, if any)")
	f.StringVar(&opts.color, "color", "auto", "colour the redlines: auto (on a terminal), always or never")
	cmd.AddCommand(newRightsCheckCmd(e))
	return cmd
}

func runRights(e *env, cmd *cobra.Command, opts *rightsOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	color, err := (&redlineFlags{color: opts.color}).useColor(e, &opts.out)
	if err != nil {
		return err
	}
	for _, c := range opts.categories {
		if !rights.IsCategory(c) {
			return usageError{fmt.Errorf("--category %q is not a category; use one of: %s", c, strings.Join(rights.Categories, ", "))}
		}
	}
	if strings.Contains(opts.agreement, "@") {
		return usageError{fmt.Errorf("AGREEMENT is an agreement id, not %q: the ledger reads every version", opts.agreement)}
	}
	_, l, err := openLedger(e, cmd, opts.agreement, opts.playbook)
	if err != nil {
		return err
	}
	ropt := report.RightsOptions{Holders: opts.holders, Categories: opts.categories, ChangedOnly: opts.changedOnly,
		Color: color && opts.out.format == "text"}
	return opts.out.write(e, func(out io.Writer) error {
		switch opts.out.format {
		case "json":
			return report.RightsJSON(out, l, ropt)
		case "md":
			return report.RightsMarkdown(out, l, ropt)
		case "html":
			return report.RightsHTML(out, l, ropt)
		}
		return report.RightsText(out, l, ropt)
	})
}

// openLedger finds the workspace, reads the playbook (--playbook, else
// the workspace's) and builds the agreement's ledger.
func openLedger(e *env, cmd *cobra.Command, agreement, playbook string) (*corpus.Workspace, *rights.Ledger, error) {
	w, err := e.workspace(cmd, false)
	if err != nil {
		return nil, nil, err
	}
	pb, err := loadPlaybook(e, w, playbook)
	if err != nil {
		return nil, nil, err
	}
	l, err := assemble.Ledger(w, assemble.Load(w), agreement, pb)
	return w, l, err
}

// playbookFile is the playbook a workspace uses when --playbook names
// none: beside .clausetrack/, in the folder that holds it.
const playbookFile = "playbook.yaml"

// loadPlaybook reads the playbook named by --playbook, else the
// workspace's playbook.yaml when there is one; nil when there is none.
func loadPlaybook(e *env, w *corpus.Workspace, name string) (*rights.Playbook, error) {
	path, shown := e.abs(name), name
	if name == "" {
		path = filepath.Join(w.Dir, playbookFile)
		shown = path
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
	}
	data, err := corpus.ReadFile(path)
	if err != nil {
		return nil, relabel(err, shown)
	}
	return rights.ParsePlaybook(shown, data)
}

type rightsCheckOptions struct {
	agreement, against string
	playbook           string
	out                output
}

func newRightsCheckCmd(e *env) *cobra.Command {
	opts := &rightsCheckOptions{}
	cmd := &cobra.Command{
		Use:   "check AGREEMENT --against OTHER",
		Short: "Find the clauses of another agreement that fall within this one's restrictions",
		Long: `Check takes every exclusivity or other restriction (non-compete, non-solicit,
right of first refusal or negotiation, most favoured nation, price
restriction, non-disparagement) in force in the latest version of AGREEMENT,
and every right the playbook names, and lists the clauses of the latest
version of OTHER whose words fall within its scope: the words of the right
and of the definitions it relies on, the rarer a shared word the more it
counts. Each clause gets a level, high, medium or low, against the best clause
found for that right. The list is for counsel to read: a shared vocabulary is
a reason to look, not a finding.

Formats: text, md, json (the clausetrack.conflicts/v1 contract).` + exitCodes,
		Example: `  clausetrack rights check cloud-deal --against runtime-deal
  clausetrack rights check cloud-deal --against runtime-deal --format json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.agreement = args[0]
			return runRightsCheck(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "md", "json")
	cmd.Flags().StringVar(&opts.against, "against", "", "the other `AGREEMENT` (its latest version is read)")
	cmd.Flags().StringVar(&opts.playbook, "playbook", "", "playbook `FILE` naming the rights to check (default: playbook.yaml in the workspace, if any)")
	return cmd
}

func runRightsCheck(e *env, cmd *cobra.Command, opts *rightsCheckOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	if opts.against == "" {
		return usageError{errors.New("name the other agreement with --against OTHER")}
	}
	if strings.Contains(opts.agreement, "@") {
		return usageError{fmt.Errorf("AGREEMENT is an agreement id, not %q: its latest version is checked", opts.agreement)}
	}
	w, l, err := openLedger(e, cmd, opts.agreement, opts.playbook)
	if err != nil {
		return err
	}
	ref := opts.against
	if !strings.Contains(ref, "@") {
		ref += "@latest"
	}
	ov, other, err := loadVersion(w, ref)
	if err != nil {
		return err
	}
	d := report.NewConflictsDoc(opts.agreement, l.Versions[len(l.Versions)-1], ov.Agreement, ov.Label, rights.Conflicts(l, other))
	return opts.out.write(e, func(out io.Writer) error {
		switch opts.out.format {
		case "json":
			return report.ConflictsJSON(out, d)
		case "md":
			return report.ConflictsMarkdown(out, d)
		}
		return report.ConflictsText(out, d)
	})
}
