package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/assemble"
	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/diff"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/report"
	"github.com/clausetrack/clausetrack/rights"
	"github.com/clausetrack/clausetrack/sample"
)

type demoOptions struct {
	keep string // --workspace: keep the workspace here
}

func newDemoCmd(e *env) *cobra.Command {
	opts := &demoOptions{}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run clausetrack on the embedded sample agreements",
		Long: `Demo adds the embedded sample agreements (a cloud and AI partnership in three
versions, and a later agreement with a second cloud; the parties are fictional)
to a workspace and shows what clausetrack says about them.

The workspace is temporary and removed afterwards, unless --workspace DIR is
given: then it is kept in DIR for you to explore with the other commands.` + exitCodes,
		Example: `  clausetrack demo
  clausetrack demo --workspace ./demo && cd demo && clausetrack list`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.keep, _ = cmd.Flags().GetString("workspace")
			return runDemo(e, opts)
		},
	}
	return cmd
}

func runDemo(e *env, opts *demoOptions) error {
	dir := opts.keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "clausetrack-demo-")
		if err != nil {
			return fmt.Errorf("demo workspace: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := mkdirAll(e.abs(dir)); err != nil {
		return err
	}
	w, err := corpus.Open(e.abs(dir))
	if err != nil {
		return err
	}
	out := &strings.Builder{}
	fmt.Fprintln(out, "clausetrack demo: the embedded sample agreements (written for clausetrack; the parties are fictional)")
	fmt.Fprintln(out)
	fmt.Fprintln(out, "1. Add every version to a workspace")
	for _, s := range sample.Versions() {
		data, err := sample.Read(s.File)
		if err != nil {
			return fmt.Errorf("sample %s: %w", s.File, err)
		}
		res, err := w.Add(s.Agreement, s.File, data, corpus.AddOptions{Label: s.Label, Date: s.Date, Title: s.Title, Now: e.now()})
		if err != nil {
			return err
		}
		out.WriteString("   $ clausetrack add " + s.Agreement + " " + s.File + " --version " + s.Label + " --date " + s.Date + "\n   ")
		res.Created = false
		if err := reportAdd(out, w, res); err != nil {
			return err
		}
	}
	updateIndex(e, w)
	latest := sample.Versions()[len(sample.Versions())-2]
	ref := latest.Agreement + "@latest"
	v, doc, err := loadVersion(w, ref)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n2. The clause tree of the latest version, %s\n   $ clausetrack show %s\n\n", v.Ref(), latest.Agreement)
	if err := report.Tree(out, v.Ref(), doc); err != nil {
		return err
	}
	fmt.Fprintf(out, "\n3. Parties and defined terms of %s\n", v.Ref())
	demoTerms(out, doc)
	if err := demoWord(out, w); err != nil {
		return err
	}
	if err := demoDiff(out, w); err != nil {
		return err
	}
	if err := demoSearch(e, out, w); err != nil {
		return err
	}
	if err := demoRights(out, w); err != nil {
		return err
	}
	if opts.keep != "" {
		fmt.Fprintf(out, "\nThe workspace is kept in %s: try 'clausetrack list', 'clausetrack show %s 4.1' or 'clausetrack diff %s --format html -o redline.html' there.\n", opts.keep, latest.Agreement, latest.Agreement)
	} else {
		fmt.Fprintf(out, "\nRun 'clausetrack demo --workspace DIR' to keep the workspace and explore it.\n")
	}
	_, err = io.WriteString(e.out, out.String())
	return err
}

// demoTerms lists parties and defined terms compactly.
func demoTerms(out io.Writer, doc *clauses.Document) {
	for _, p := range doc.Parties {
		fmt.Fprintf(out, "   party %s, called %s\n", p.Name, strings.Join(p.Aliases, " or "))
	}
	var names []string
	for _, t := range doc.Terms {
		names = append(names, t.Term+" ("+t.Clause+")")
	}
	fmt.Fprintf(out, "   %d defined terms: %s\n", len(names), strings.Join(names, ", "))
}

// demoWord shows a clause of the sample Word file whose number exists only
// in Word's automatic numbering.
func demoWord(out io.Writer, w *corpus.Workspace) error {
	v, doc, err := loadVersion(w, "stateful-runtime@latest")
	if err != nil {
		return err
	}
	c := doc.Find("4.05")
	if c == nil {
		return fmt.Errorf("demo: %s has no clause 4.05", v.Ref())
	}
	fmt.Fprintf(out, "\n4. A clause of %s (%s), numbered by Word's automatic numbering\n   $ clausetrack show stateful-runtime 4.05\n\n", v.Ref(), v.Source.Name)
	return report.ClauseText(out, doc, c)
}

// demoDiff shows what changed between the 2023 and 2025 partnership
// agreements: the alignment, the redlines and the notes.
func demoDiff(out io.Writer, w *corpus.Workspace) error {
	const old, new = "cloud-ai-partnership@2023", "cloud-ai-partnership@2025"
	vo, a, err := loadVersion(w, old)
	if err != nil {
		return err
	}
	vn, b, err := loadVersion(w, new)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n5. What changed from %s to %s, clause by clause\n   $ clausetrack diff %s %s --changed-only\n\n", vo.Label, vn.Label, old, new)
	cmp := diff.Compare(a, b, diff.Options{})
	return report.DiffText(out, cmp, vo.Ref(), vn.Ref(), report.DiffOptions{ChangedOnly: true})
}

// demoSearch runs two searches over every version and shows one clause's
// history.
func demoSearch(e *env, out io.Writer, w *corpus.Workspace) error {
	x, err := openIndex(e, w)
	if err != nil {
		return err
	}
	defer x.Close()
	searches := []searchOptions{
		{query: "exclusivity", version: "all", agreements: []string{"cloud-ai-partnership"}},
		{query: `"right of first refusal"`, version: "latest"},
	}
	for i, o := range searches {
		q := index.Query{Text: o.query, Limit: 5}
		if err := searchScope(w, &o, &q); err != nil {
			return err
		}
		res, err := x.Search(q)
		if err != nil {
			return err
		}
		cmd := "clausetrack search " + o.query
		if len(o.agreements) > 0 {
			cmd += " --version all --agreement " + o.agreements[0]
		} else {
			cmd = "clausetrack search '" + o.query + "'"
		}
		what := "Search every version of an agreement"
		if i == 1 {
			what = "Search the latest version of every agreement"
		}
		fmt.Fprintf(out, "\n%d. %s\n   $ %s\n\n", 6+i, what, cmd)
		if err := report.SearchText(out, res, report.SearchOptions{Query: o.query, Limit: 5}); err != nil {
			return err
		}
	}
	v, doc, err := loadVersion(w, "cloud-ai-partnership@latest")
	if err != nil {
		return err
	}
	c, err := findClause(v, doc, "5.3")
	if err != nil {
		return err
	}
	id, vs, err := assemble.History(w, assemble.Load(w), v, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n8. One clause through every version\n   $ clausetrack history cloud-ai-partnership 5.3\n\n")
	return report.HistoryText(out, report.NewHistory(v.Agreement, id, vs), report.HistoryOptions{})
}

// demoRights shows the rights ledger of the partnership (changed rights
// only, to keep it short) and checks the runtime agreement against the
// restrictions kept in 2025.
func demoRights(out io.Writer, w *corpus.Workspace) error {
	const agreement, other = "cloud-ai-partnership", "stateful-runtime"
	l, err := assemble.Ledger(w, assemble.Load(w), agreement, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n9. Which rights each party kept, gained or gave up\n   $ clausetrack rights %s --changed-only\n\n", agreement)
	if err := report.RightsText(out, l, report.RightsOptions{ChangedOnly: true}); err != nil {
		return err
	}
	ov, doc, err := loadVersion(w, other+"@latest")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n10. Does the later agreement cut into the restrictions still in force?\n   $ clausetrack rights check %s --against %s\n\n", agreement, other)
	d := report.NewConflictsDoc(agreement, l.Versions[len(l.Versions)-1], other, ov.Label, rights.Conflicts(l, doc))
	return report.ConflictsText(out, d)
}
