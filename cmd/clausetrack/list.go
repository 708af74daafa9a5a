package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/report"
)

type listOptions struct {
	agreement string
	out       output
}

func newListCmd(e *env) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list [AGREEMENT]",
		Short: "List the agreements, or the versions of one agreement",
		Long: `List prints the workspace's agreements, or, given AGREEMENT, its versions in
order (effective date, then order added) with their clause counts.` + exitCodes,
		Example: `  clausetrack list
  clausetrack list cloud-deal --format json`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.agreement = args[0]
			}
			return runList(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "json")
	return cmd
}

// versionRow is one version in `list AGREEMENT`.
type versionRow struct {
	corpus.Version
	Clauses int `json:"clauses"`
}

// agreementsJSON is `list --format json`, the clausetrack.agreements/v1
// contract; versionsJSON is `list AGREEMENT --format json`, the
// clausetrack.versions/v1 contract. Structs, not maps, keep "schema"
// first and every field in a fixed order.
type (
	agreementsJSON struct {
		Schema     string             `json:"schema"`
		Agreements []corpus.Agreement `json:"agreements"`
	}
	versionsJSON struct {
		Schema    string       `json:"schema"`
		Agreement string       `json:"agreement"`
		Versions  []versionRow `json:"versions"`
	}
)

func runList(e *env, cmd *cobra.Command, opts *listOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	w, err := e.workspace(cmd, false)
	if err != nil {
		return err
	}
	if opts.agreement == "" {
		as, err := w.Agreements()
		if err != nil {
			return err
		}
		return opts.out.write(e, func(out io.Writer) error {
			if opts.out.format == "json" {
				return report.JSON(out, agreementsJSON{"clausetrack.agreements/v1", nonNil(as)})
			}
			tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "AGREEMENT\tVERSIONS\tTITLE")
			for _, a := range as {
				fmt.Fprintf(tw, "%s\t%d\t%s\n", a.ID, a.Versions, a.Title)
			}
			return tw.Flush()
		})
	}
	vs, err := w.Versions(opts.agreement)
	if err != nil {
		return err
	}
	rows := make([]versionRow, 0, len(vs))
	for _, v := range vs {
		src, err := w.Source(v)
		if err != nil {
			return err
		}
		rows = append(rows, versionRow{v, len(clauses.Segment(src).Clauses())})
	}
	return opts.out.write(e, func(out io.Writer) error {
		if opts.out.format == "json" {
			return report.JSON(out, versionsJSON{"clausetrack.versions/v1", opts.agreement, rows})
		}
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "VERSION\tDATE\tCLAUSES\tSOURCE\tFORMAT\tADDED")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", r.Label, orDash(r.Date), r.Clauses, r.Source.Name, r.Source.Format, r.Added.Format("2006-01-02 15:04"))
		}
		return tw.Flush()
	})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
