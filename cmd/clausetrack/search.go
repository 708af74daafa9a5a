package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/corpus"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/indexer"
	"github.com/clausetrack/clausetrack/report"
)

type searchOptions struct {
	query      string
	syntax     bool
	agreements []string
	version    string
	asOf       string
	categories []string
	holders    []string
	changed    bool
	facets     bool
	limit      int
	offset     int
	color      string
	out        output
}

func newSearchCmd(e *env) *cobra.Command {
	opts := &searchOptions{}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search every clause of every version",
		Long: `Search looks through every clause of every version in the workspace's index.

QUERY is plain words, all of which must match in the clause (its text, which
starts with its number and heading; "exclusive" also finds "exclusivity"), and "exact phrases" in
double quotes, matched word for word. Common words (the, of, and) are not
indexed outside phrases. With --query-syntax, QUERY is Bleve's query-string
syntax instead: +must -mustnot, field:term (fields text, text_exact, heading,
agreement, version, number, kind, category, holder, party), "phrase",
term~2 (fuzzy; use text_exact:term~2), wild*card and field:/regexp/ on
text_exact, term^2 (boost), seq:>=2. There is no AND/OR/NOT and no
parentheses in that syntax.

By default each agreement's latest version is searched. --version takes a
label, latest, ~N or all; --as-of DATE searches the version in effect on that
date. Hits are grouped by clause lineage: a clause that matches in several
versions is one hit that lists the versions, with the clause's number in
each and how it changed from the version before.

The index is kept up to date by 'add'; search brings it up to date first if
it is behind the workspace.` + exitCodes,
		Example: `  clausetrack search exclusive
  clausetrack search '"right of first refusal"' --version all
  clausetrack search exclusivity --agreement cloud-deal --as-of 2024-01-01
  clausetrack search --query-syntax '+text:exclusive -heading:definitions'
  clausetrack search termination --changed --version all --format json`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.query = args[0]
			return runSearch(e, cmd, opts)
		},
	}
	opts.out.addFlags(cmd, "text", "md", "html", "json")
	f := cmd.Flags()
	f.BoolVar(&opts.syntax, "query-syntax", false, "read QUERY as Bleve's query-string syntax")
	f.StringSliceVar(&opts.agreements, "agreement", nil, "search only this `AGREEMENT` (repeat or comma-separate for several)")
	f.StringVar(&opts.version, "version", "latest", "the `VERSION` of each agreement to search: a label, latest, ~N or all")
	f.StringVar(&opts.asOf, "as-of", "", "search the version in effect on `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)")
	f.StringSliceVar(&opts.categories, "category", nil, "only clauses of this `CATEGORY`")
	f.StringSliceVar(&opts.holders, "holder", nil, "only clauses whose rights this `PARTY` holds")
	f.BoolVar(&opts.changed, "changed", false, "only clauses modified, moved, added, split or merged in their version")
	f.BoolVar(&opts.facets, "facets", false, "count the matches by agreement, version and category (always in JSON)")
	f.IntVar(&opts.limit, "limit", 20, "show at most `N` hits")
	f.IntVar(&opts.offset, "offset", 0, "skip the first `N` hits")
	f.StringVar(&opts.color, "color", "auto", "mark matches in colour: auto (on a terminal), always or never")
	return cmd
}

func runSearch(e *env, cmd *cobra.Command, opts *searchOptions) error {
	if err := opts.out.check(); err != nil {
		return err
	}
	if opts.limit < 1 || opts.offset < 0 {
		return usageError{errors.New("--limit must be at least 1 and --offset at least 0")}
	}
	if opts.asOf != "" && cmd.Flags().Changed("version") {
		return usageError{errors.New("--as-of and --version cannot be used together")}
	}
	color, err := (&redlineFlags{color: opts.color}).useColor(e, &opts.out)
	if err != nil {
		return err
	}
	w, err := e.workspace(cmd, false)
	if err != nil {
		return err
	}
	q := index.Query{Text: opts.query, Syntax: opts.syntax,
		Categories: opts.categories, Holders: opts.holders, Changed: opts.changed,
		Limit: opts.limit, Offset: opts.offset, Facets: opts.facets || opts.out.format == "json"}
	if err := searchScope(w, opts, &q); err != nil {
		return err
	}
	res, err := search(e, w, q)
	if err != nil {
		return err
	}
	ropt := report.SearchOptions{Query: opts.query, Offset: opts.offset, Limit: opts.limit, Color: color}
	return opts.out.write(e, func(out io.Writer) error {
		switch opts.out.format {
		case "json":
			return report.SearchJSON(out, res, ropt)
		case "md":
			return report.SearchMarkdown(out, res, ropt)
		case "html":
			return report.SearchHTML(out, res, ropt)
		}
		return report.SearchText(out, res, ropt)
	})
}

// searchScope sets the versions a query looks at: each agreement's latest
// (marked in the index), every version of some agreements or of all, or a
// list of versions by key.
func searchScope(w *corpus.Workspace, opts *searchOptions, q *index.Query) error {
	if opts.asOf == "" && (opts.version == "latest" || opts.version == "all") {
		for _, id := range opts.agreements {
			if _, err := w.Versions(id); err != nil {
				return err
			}
		}
		q.Latest, q.Agreements = opts.version == "latest", opts.agreements
		return nil
	}
	keys, err := searchVersions(w, opts)
	q.Versions = keys
	return err
}

// searchVersions returns the versions a search looks at, as index keys.
func searchVersions(w *corpus.Workspace, opts *searchOptions) ([]string, error) {
	ids := opts.agreements
	if len(ids) == 0 {
		as, err := w.Agreements()
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			ids = append(ids, a.ID)
		}
	}
	asOf := opts.asOf
	if asOf != "" && !corpus.ValidDate(asOf) {
		return nil, usageError{fmt.Errorf("--as-of %q: use a date written YYYY-MM-DD, YYYY-MM or YYYY", asOf)}
	}
	keys := []string{}
	for _, id := range ids {
		vs, err := w.Versions(id)
		if err != nil {
			return nil, err
		}
		switch {
		case asOf != "":
			if v, ok := corpus.InEffect(vs, asOf); ok {
				keys = append(keys, index.Key(id, v.Label))
			}
		case opts.version == "all":
			for _, v := range vs {
				keys = append(keys, index.Key(id, v.Label))
			}
		default:
			v, err := w.Resolve(id + "@" + opts.version)
			if err != nil {
				if len(opts.agreements) == 0 && errors.Is(err, corpus.ErrNotFound) {
					continue // a label other agreements do not have
				}
				return nil, err
			}
			keys = append(keys, index.Key(id, v.Label))
		}
	}
	if len(keys) == 0 && opts.asOf == "" && opts.version != "all" && opts.version != "latest" {
		return nil, fmt.Errorf("%w: no agreement has a version %q", corpus.ErrNotFound, opts.version)
	}
	return keys, nil
}

// search runs q on the workspace's index; while clausetrack serve holds
// the index, it forwards q to the server and renders its answer here.
func search(e *env, w *corpus.Workspace, q index.Query) (*index.Result, error) {
	x, err := openIndex(e, w)
	var iu *indexer.InUseError
	if errors.As(err, &iu) && iu.Serve && iu.Addr != "" {
		res, ferr := forwardSearch(e, iu.Addr, q)
		if ferr != nil {
			return nil, fmt.Errorf("%w, and forwarding the search to it failed: %v", iu, ferr)
		}
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	defer x.Close() // before the output, which a reader may hold up
	res, err := x.Search(q)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return res, nil
}

// forwardSearch asks the clausetrack serve at addr to run q
// (GET /api/index/search), with the token of CLAUSETRACK_TOKEN when set.
func forwardSearch(e *env, addr string, q index.Query) (*index.Result, error) {
	data, err := json.Marshal(q)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/api/index/search?q="+url.QueryEscape(string(data)), nil)
	if err != nil {
		return nil, err
	}
	if t := e.getenv("CLAUSETRACK_TOKEN"); t != "" {
		req.Header.Set("Authorization", "Bearer "+t)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return nil, errors.New(e.Error)
		}
		return nil, fmt.Errorf("the server answered %s", resp.Status)
	}
	var res index.Result
	if err := json.Unmarshal(body, &res); err != nil {
		return nil, fmt.Errorf("the server's answer: %w", err)
	}
	return &res, nil
}

// openIndex opens the workspace's index for reading, first bringing it
// up to date when it is missing or behind the workspace.
func openIndex(e *env, w *corpus.Workspace) (*index.Index, error) {
	x, err := index.Open(indexer.Dir(w), true)
	if errors.Is(err, index.ErrInUse) {
		return nil, indexer.InUse(w)
	}
	if err == nil {
		st, serr := indexer.Status(w, x)
		if serr == nil && st.Empty() && x.Schema() == index.Schema {
			return x, nil
		}
		x.Close()
	} else if !errors.Is(err, index.ErrNoIndex) {
		return nil, fmt.Errorf("%w; run 'clausetrack reindex'", err)
	}
	if _, err := indexer.Update(w, progress(e, "indexing")); err != nil {
		return nil, fmt.Errorf("bring the index up to date: %w", err)
	}
	x, err = index.Open(indexer.Dir(w), true)
	if errors.Is(err, index.ErrInUse) {
		return nil, indexer.InUse(w)
	}
	return x, err
}

// progress returns a progress line for stderr, or nil when stderr is not
// a terminal.
func progress(e *env, what string) indexer.Progress {
	if !isTerminal(e.err) {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(e.err, "\r%s: %d/%d versions", what, done, total)
		if done == total {
			fmt.Fprintf(e.err, "\r\x1b[K")
		}
	}
}
