package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/clausetrack/clausetrack/rights"
)

// RightsSchema names the JSON contract of a rights ledger.
const RightsSchema = "clausetrack.rights/v1"

// RightsOptions chooses what a ledger report shows.
type RightsOptions struct {
	// Holder and Category keep the rights of these holders and
	// categories; empty keeps all.
	Holders, Categories []string
	// ChangedOnly keeps the rights with at least one status other than
	// kept.
	ChangedOnly bool
	Color       bool
}

// summaryRights are the rights the summary speaks of: those of the
// holders and categories asked for, changed or not, so that it can say
// what was kept.
func (opt RightsOptions) summaryRights(l *rights.Ledger) []rights.Right {
	opt.ChangedOnly = false
	return opt.Filter(l)
}

// Filter returns the rights of l that opt keeps, in l's order.
func (opt RightsOptions) Filter(l *rights.Ledger) []rights.Right {
	var out []rights.Right
	for _, r := range l.Rights {
		if len(opt.Holders) > 0 && !containsFold(opt.Holders, r.Holder) {
			continue
		}
		if len(opt.Categories) > 0 && !containsFold(opt.Categories, r.Category) {
			continue
		}
		if opt.ChangedOnly && !changed(r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func changed(r rights.Right) bool {
	for _, t := range r.Transitions {
		if t.Status != rights.Kept {
			return true
		}
	}
	return false
}

// rightName is a right as a reader names it: the playbook name, or the
// category and scope.
func rightName(r rights.Right) string {
	name := strings.ReplaceAll(r.Category, "_", " ")
	if r.Scope != "" {
		name += ": " + r.Scope
	}
	if r.Name != "" {
		name = r.Name + " (" + strings.ReplaceAll(r.Category, "_", " ") + ")"
	}
	return name
}

func statusWords(s string) string { return strings.ReplaceAll(s, "_", " ") }

// cells is the ledger table: a header and one row per right; each row
// has the right, its holder, then per version the clauses holding it
// ("—" when absent) with, between versions, the status of the step.
func cells(l *rights.Ledger, rs []rights.Right) (head []string, rows [][]string) {
	head = []string{"right", "holder"}
	for k, v := range l.Versions {
		if k > 0 {
			head = append(head, l.Versions[k-1]+"→"+v)
		}
		head = append(head, v)
	}
	for _, r := range rs {
		row := []string{rightName(r), r.Holder}
		for k, p := range r.Timeline {
			if k > 0 {
				st := ""
				for _, t := range r.Transitions {
					if t.To == p.Version && t.From == r.Timeline[k-1].Version {
						st = statusWords(t.Status)
					}
				}
				row = append(row, st)
			}
			if p.Present {
				row = append(row, strings.Join(p.Clauses, ", "))
			} else {
				row = append(row, "—")
			}
		}
		rows = append(rows, row)
	}
	return head, rows
}

// Summary says in plain words, step by step, what each party kept,
// gained or gave up: "2023 → 2025: Provider gave up exclusivity over
// cloud computing (5.1) …". Kept rights are listed for exclusivity and
// rights of first refusal or negotiation, counted for the rest.
func Summary(l *rights.Ledger, rs []rights.Right) []string {
	var out []string
	if len(l.Versions) == 1 {
		return []string{fmt.Sprintf("%s: %s found; add a later version to see which are kept, narrowed, broadened, gained or given up.",
			l.Versions[0], plural(len(rs), "right"))}
	}
	for k := 1; k < len(l.Versions); k++ {
		from, to := l.Versions[k-1], l.Versions[k]
		var holders []string
		by := map[string]map[string][]string{}
		keptOther := map[string]int{}
		for _, r := range rs {
			for _, t := range r.Transitions {
				if t.From != from || t.To != to {
					continue
				}
				if by[r.Holder] == nil {
					by[r.Holder] = map[string][]string{}
					holders = append(holders, r.Holder)
				}
				what := strings.ReplaceAll(r.Category, "_", " ")
				if r.Name != "" {
					what = r.Name
				} else if r.Scope != "" {
					what += " over " + r.Scope
				}
				switch t.Status {
				case rights.Kept:
					if r.Name == "" && !guarded(r.Category) {
						keptOther[r.Holder]++
						continue
					}
					what += " (" + clausesStep(t) + ")"
				case rights.GivenUp:
					what += " (" + strings.Join(t.OldClauses, ", ") + ")"
					if i := strings.Index(t.Detail, "replaced by "); i >= 0 {
						what += ", " + t.Detail[i:]
					}
				case rights.Gained:
					what += " (" + strings.Join(t.NewClauses, ", ") + ")"
				default:
					what += " (" + clausesStep(t) + ": " + firstSignal(t.Detail) + ")"
				}
				by[r.Holder][t.Status] = append(by[r.Holder][t.Status], what)
			}
		}
		var parts []string
		for _, h := range holders {
			var says []string
			for _, st := range []struct{ status, verb string }{
				{rights.GivenUp, "gave up"}, {rights.Narrowed, "saw narrowed"}, {rights.Gained, "gained"},
				{rights.Broadened, "saw broadened"}, {rights.Kept, "kept"},
			} {
				list := by[h][st.status]
				said := strings.Join(list, "; ")
				if n := keptOther[h]; st.status == rights.Kept && n > 0 {
					noun := map[bool]string{true: "right", false: "rights"}[n == 1]
					if said == "" {
						said = fmt.Sprintf("%d %s", n, noun)
					} else {
						said += fmt.Sprintf(" and %d other %s", n, noun)
					}
				}
				if said != "" {
					says = append(says, st.verb+" "+said)
				}
			}
			parts = append(parts, h+" "+strings.Join(says, "; "))
		}
		if len(parts) == 0 {
			parts = []string{"no rights found"}
		}
		out = append(out, from+" → "+to+": "+strings.Join(parts, ". ")+".")
	}
	return out
}

// guarded are the categories whose keeping is news worth a line of
// the summary.
func guarded(category string) bool {
	switch category {
	case "exclusivity", "right_of_first_refusal", "right_of_first_negotiation", "non_compete", "most_favored_nation":
		return true
	}
	return false
}

func clausesStep(t rights.Transition) string {
	o, n := strings.Join(t.OldClauses, ", "), strings.Join(t.NewClauses, ", ")
	switch {
	case o == n, o == "":
		return n
	case n == "":
		return o
	}
	return o + " → " + n
}

func firstSignal(detail string) string {
	s, _, _ := strings.Cut(detail, "; ")
	return s
}

// RightsText writes a ledger for the terminal: the summary, the table,
// then per right its explanations, each step's status, detail and the
// redline of the words that decided it.
func RightsText(w io.Writer, l *rights.Ledger, opt RightsOptions) error {
	ew := &errWriter{w: w}
	rs := opt.Filter(l)
	ew.printf("Rights of %s across %s\n\n", termSafe(l.Agreement), termSafe(strings.Join(l.Versions, " → ")))
	for _, s := range Summary(l, opt.summaryRights(l)) {
		ew.printf("%s\n", termSafe(s))
	}
	if len(rs) == 0 {
		ew.printf("\nno rights to show\n")
		return ew.err
	}
	head, rows := cells(l, rs)
	width := make([]int, len(head))
	for _, row := range append([][]string{head}, rows...) {
		for i, c := range row {
			width[i] = max(width[i], runeLen(c))
		}
	}
	width[0] = min(width[0], 56)
	ew.printf("\n")
	for _, row := range append([][]string{head}, rows...) {
		var line strings.Builder
		for i, c := range row {
			c = termSafe(c)
			if i == 0 && runeLen(c) > width[0] {
				c = string([]rune(c)[:width[0]-1]) + "…"
			}
			line.WriteString(c)
			if i < len(row)-1 {
				line.WriteString(strings.Repeat(" ", width[i]-runeLen(c)+2))
			}
		}
		ew.printf("%s\n", strings.TrimRight(line.String(), " "))
	}
	for _, r := range rs {
		ew.printf("\n%s, %s\n", termSafe(rightName(r)), termSafe(r.Holder))
		for _, t := range r.Transitions {
			ew.printf("  %s → %s %s (%s): %s\n", termSafe(t.From), termSafe(t.To), statusWords(t.Status),
				termSafe(clausesStep(t)), termSafe(t.Detail))
			if t.Status != rights.Kept && hasEdit(t.Redline) {
				ew.printf("%s\n", indent(textRedline(t.Redline, opt.Color), "      "))
			}
		}
	}
	return ew.err
}

func runeLen(s string) int { return len([]rune(s)) }

// RightsMarkdown writes a ledger as Markdown: the summary as a list, the
// table, then a section per right.
func RightsMarkdown(w io.Writer, l *rights.Ledger, opt RightsOptions) error {
	ew := &errWriter{w: w}
	rs := opt.Filter(l)
	ew.printf("# Rights: %s\n\n", mdEscape(l.Agreement))
	for _, s := range Summary(l, opt.summaryRights(l)) {
		ew.printf("- %s\n", mdEscape(s))
	}
	if len(rs) == 0 {
		ew.printf("\n_No rights to show._\n")
		return ew.err
	}
	head, rows := cells(l, rs)
	ew.printf("\n|")
	for _, h := range head {
		ew.printf(" %s |", mdCell(h))
	}
	ew.printf("\n|")
	for range head {
		ew.printf("---|")
	}
	ew.printf("\n")
	for _, row := range rows {
		ew.printf("|")
		for _, c := range row {
			ew.printf(" %s |", mdCell(c))
		}
		ew.printf("\n")
	}
	for _, r := range rs {
		ew.printf("\n## %s, %s\n\n", mdEscape(oneLine(rightName(r))), mdEscape(r.Holder))
		for _, t := range r.Transitions {
			ew.printf("- **%s → %s %s** (%s): %s\n", mdEscape(t.From), mdEscape(t.To), statusWords(t.Status),
				mdEscape(clausesStep(t)), mdEscape(oneLine(t.Detail)))
			if t.Status != rights.Kept && hasEdit(t.Redline) {
				if red := mdRedline(t.Redline, false); red != "" {
					ew.printf("\n%s\n\n", indent(red, "  "))
				}
			}
		}
	}
	return ew.err
}

func mdCell(s string) string {
	return strings.ReplaceAll(mdEscapeAt(oneLine(s), false), "|", `\|`)
}

// RightsHTML writes a ledger as one self-contained HTML page: the
// summary, the table with a class per status, and a section per right
// with its redlines.
func RightsHTML(w io.Writer, l *rights.Ledger, opt RightsOptions) error {
	ew := &errWriter{w: w}
	rs := opt.Filter(l)
	htmlOpen(ew, "Rights: "+l.Agreement)
	ew.printf("<header class=\"doc\">\n<h1>Rights</h1>\n<p class=\"names\">%s: %s</p>\n</header>\n<main>\n",
		esc(l.Agreement), esc(strings.Join(l.Versions, " → ")))
	ew.printf("<ul class=\"summary\">\n")
	for _, s := range Summary(l, opt.summaryRights(l)) {
		ew.printf("<li>%s</li>\n", esc(s))
	}
	ew.printf("</ul>\n")
	if len(rs) > 0 {
		head, rows := cells(l, rs)
		ew.printf("<table class=\"ledger\">\n<thead><tr>")
		for _, h := range head {
			ew.printf("<th>%s</th>", esc(h))
		}
		ew.printf("</tr></thead>\n<tbody>\n")
		for i, row := range rows {
			ew.printf("<tr>")
			for j, c := range row {
				switch {
				case j == 0:
					ew.printf("<td><a href=\"#right-%d\">%s</a></td>", i+1, esc(c))
				case j > 2 && (j-2)%2 == 1 && c != "":
					ew.printf("<td class=\"status %s\">%s</td>", esc(strings.ReplaceAll(c, " ", "_")), esc(c))
				default:
					ew.printf("<td>%s</td>", esc(c))
				}
			}
			ew.printf("</tr>\n")
		}
		ew.printf("</tbody>\n</table>\n")
	}
	for i, r := range rs {
		ew.printf("<section class=\"right\" id=\"right-%d\">\n<h3>%s, %s</h3>\n<ul>\n", i+1, esc(rightName(r)), esc(r.Holder))
		for _, t := range r.Transitions {
			ew.printf("<li class=\"status %s\"><b>%s → %s %s</b> (%s): %s", esc(t.Status), esc(t.From), esc(t.To),
				esc(statusWords(t.Status)), esc(clausesStep(t)), esc(t.Detail))
			if t.Status != rights.Kept && hasEdit(t.Redline) {
				ew.printf("<div class=\"text\">%s</div>", htmlRedline(t.Redline))
			}
			ew.printf("</li>\n")
		}
		ew.printf("</ul>\n</section>\n")
	}
	ew.printf("</main>\n</body>\n</html>\n")
	return ew.err
}

// RightsDoc is a ledger in its JSON form, clausetrack.rights/v1.
type RightsDoc struct {
	Schema    string      `json:"schema"`
	Agreement string      `json:"agreement"`
	Versions  []string    `json:"versions"`
	Rights    []RightJSON `json:"rights"`
}

// RightJSON is one right of the ledger. ID is stable while the version
// and clause where it first appears stay; Name is the playbook's name,
// "" for a right the rules found.
type RightJSON struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Category    string           `json:"category"`
	Holder      string           `json:"holder"`
	Scope       string           `json:"scope"`
	Timeline    []PresenceJSON   `json:"timeline"`
	Transitions []TransitionJSON `json:"transitions"`
}

// PresenceJSON is the right in one version. Clause is the first clause
// holding it ("" when absent) and Clauses all of them; Category is the
// right's category in this version (an exclusivity turned into a right
// of first refusal in place keeps its row).
type PresenceJSON struct {
	Version   string   `json:"version"`
	Present   bool     `json:"present"`
	Category  string   `json:"category"`
	Strength  string   `json:"strength"`
	Clause    string   `json:"clause"`
	Clauses   []string `json:"clauses"`
	Evidence  string   `json:"evidence"`
	Scope     string   `json:"scope"`
	Term      string   `json:"term"`
	End       string   `json:"end"`
	Amounts   []string `json:"amounts"`
	CarveOuts []string `json:"carve_outs"`
}

// TransitionJSON is one step: Status is kept, narrowed, broadened,
// given_up or gained; OldClause and NewClause the first clause on each
// side ("" for none), OldClauses and NewClauses all; Redline the word
// diff between the old and the new evidence.
type TransitionJSON struct {
	From       string     `json:"from"`
	To         string     `json:"to"`
	Status     string     `json:"status"`
	Detail     string     `json:"detail"`
	OldClause  string     `json:"old_clause"`
	NewClause  string     `json:"new_clause"`
	OldClauses []string   `json:"old_clauses"`
	NewClauses []string   `json:"new_clauses"`
	Redline    []DiffEdit `json:"redline"`
}

// NewRightsDoc makes the JSON form of the rights of l that opt keeps.
func NewRightsDoc(l *rights.Ledger, opt RightsOptions) *RightsDoc {
	d := &RightsDoc{Schema: RightsSchema, Agreement: l.Agreement, Versions: nonNil(l.Versions), Rights: []RightJSON{}}
	for _, r := range opt.Filter(l) {
		rj := RightJSON{ID: r.ID, Name: r.Name, Category: r.Category, Holder: r.Holder, Scope: r.Scope,
			Timeline: []PresenceJSON{}, Transitions: []TransitionJSON{}}
		for _, p := range r.Timeline {
			rj.Timeline = append(rj.Timeline, PresenceJSON{Version: p.Version, Present: p.Present, Category: p.Category,
				Strength: p.Strength, Clause: first(p.Clauses), Clauses: nonNil(p.Clauses), Evidence: p.Evidence,
				Scope: p.Scope, Term: p.Term, End: p.End, Amounts: nonNil(p.Amounts), CarveOuts: nonNil(p.CarveOuts)})
		}
		for _, t := range r.Transitions {
			rj.Transitions = append(rj.Transitions, TransitionJSON{From: t.From, To: t.To, Status: t.Status, Detail: t.Detail,
				OldClause: first(t.OldClauses), NewClause: first(t.NewClauses), OldClauses: nonNil(t.OldClauses),
				NewClauses: nonNil(t.NewClauses), Redline: nonNilEdits(diffEdits(t.Redline))})
		}
		d.Rights = append(d.Rights, rj)
	}
	return d
}

// RightsJSON writes a ledger as clausetrack.rights/v1 JSON: two-space
// indent, a trailing newline, empty lists as [] and never null.
func RightsJSON(w io.Writer, l *rights.Ledger, opt RightsOptions) error {
	return JSON(w, NewRightsDoc(l, opt))
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilEdits(e []DiffEdit) []DiffEdit {
	if e == nil {
		return []DiffEdit{}
	}
	return e
}
