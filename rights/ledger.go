package rights

import (
	"fmt"
	"sort"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/diff"
)

// Statuses of a right between two consecutive versions.
const (
	Kept      = "kept"
	Narrowed  = "narrowed"
	Broadened = "broadened"
	GivenUp   = "given_up"
	Gained    = "gained"
)

// Version is one version of an agreement as the ledger reads it.
type Version struct {
	Label string
	Doc   *clauses.Document
	// Lineage maps each clause id to its lineage id ("2019/4.1", from
	// diff.Chain): clauses of two versions with the same lineage are one
	// clause, renumbered, moved or reworded.
	Lineage map[string]string
	// Classes are Classify's classes of Doc, by clause id.
	Classes map[string][]Class
}

// Ledger is every right of an agreement followed through its versions.
type Ledger struct {
	Agreement string
	Versions  []string
	Rights    []Right
}

// Right is one right (category, holder, scope) through the versions.
type Right struct {
	// ID is stable while the versions it was first seen in stay:
	// category, holder and the version and clause id where it first
	// appears ("exclusivity/Provider/2019/4.1").
	ID string
	// Name is the playbook's name for the right; empty for a right the
	// rules found.
	Name                    string
	Category, Holder, Scope string
	// Timeline has one entry per version, in version order.
	Timeline []Presence
	// Transitions has one entry per step between consecutive versions in
	// which the right exists on at least one side.
	Transitions []Transition
}

// Presence is a right as one version has it.
type Presence struct {
	Version string
	Present bool
	// Category is the right's category in this version: an exclusivity
	// turned into a right of first refusal in the same clause keeps its
	// row and shows the new category here.
	Category string
	Strength string
	// Clauses are the numbers (ids for unnumbered clauses) of the clauses
	// that carry the right, in text order.
	Clauses []string
	// Evidence is the words that prove the right, from its first clause.
	Evidence  string
	Scope     string
	Term, End string
	Amounts   []string
	CarveOuts []string
	// Words are the right's scope words, with the definitions of the
	// terms it uses (Class.Words of its classes).
	Words []string
	// parties are the parties' defined terms in this version, which
	// say nothing of a right's scope.
	parties []string
	in      *instance
}

// Transition is what happened to a right between two versions.
type Transition struct {
	From, To string
	Status   string
	// Detail says in one line why: "exclusive → first refusal",
	// "end date 2028-12-31 → 2030-12-31", "renumbered 4.1 → 5.1".
	Detail                 string
	OldClauses, NewClauses []string
	// Redline is the word diff between the old and the new evidence.
	Redline []diff.Edit
}

// Build follows every right found in vs (oldest first) through the
// versions.
func Build(agreement string, vs []Version) *Ledger {
	l := &Ledger{Agreement: agreement}
	for _, v := range vs {
		l.Versions = append(l.Versions, v.Label)
	}
	var chains []*chain
	var alive []*chain // rights present in the version before
	for k, v := range vs {
		insts := instances(v)
		var matched map[*instance]*chain
		if k > 0 {
			matched = match(alive, insts)
		}
		var next []*chain
		seen := map[*chain]bool{}
		for _, in := range insts {
			ch := matched[in]
			if ch == nil {
				ch = &chain{first: k, at: make([]*instance, len(vs))}
				chains = append(chains, ch)
			}
			ch.at[k] = in
			if !seen[ch] {
				seen[ch] = true
				next = append(next, ch)
			}
		}
		alive = next
	}
	for _, ch := range chains {
		l.Rights = append(l.Rights, ch.right(vs))
	}
	l.Rights = named(l.Rights)
	replacements(l.Rights)
	sortRights(l.Rights)
	return l
}

// named folds each playbook right into the right the rules found in the
// same clauses, when there is one: that right takes the playbook's name
// and the playbook's own row goes. A playbook right the rules did not
// find in every version it is in keeps its own row.
func named(rs []Right) []Right {
	var playbook []int
	for i, r := range rs {
		if r.Name != "" {
			playbook = append(playbook, i)
		}
	}
	taken, dropped := map[int]bool{}, map[int]bool{}
	for _, i := range playbook {
		r := rs[i]
		for j, d := range rs {
			if d.Name == "" && !taken[j] && d.Category == r.Category && d.Holder == r.Holder && covers(d, r) {
				taken[j], dropped[i] = true, true
				rs[j].Name = r.Name
				break
			}
		}
	}
	var out []Right
	for i, r := range rs {
		if !dropped[i] {
			out = append(out, r)
		}
	}
	return out
}

// covers reports whether right d is present, in at least one of the same
// clauses, in every version where right r is present.
func covers(d, r Right) bool {
	for k, p := range r.Timeline {
		if !p.Present {
			continue
		}
		q := d.Timeline[k]
		if !q.Present || !sharesAny(p.Clauses, q.Clauses) {
			return false
		}
	}
	return true
}

func sharesAny(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// replacements notes, when a party gives up an exclusivity (or a right
// of first refusal or negotiation) in the step where it gains another of
// those, that one replaces the other: "the Provider gave up cloud
// exclusivity (now a right of first refusal)".
func replacements(rs []Right) {
	type at struct{ right, step int }
	lost, won := map[string][]at{}, map[string][]at{}
	for i, r := range rs {
		if family[r.Category] == 0 {
			continue
		}
		for j, t := range r.Transitions {
			key := r.Holder + "\x00" + t.From + "\x00" + t.To
			switch t.Status {
			case GivenUp:
				lost[key] = append(lost[key], at{i, j})
			case Gained:
				won[key] = append(won[key], at{i, j})
			}
		}
	}
	for key, ls := range lost {
		ws := won[key]
		if len(ls) != 1 || len(ws) != 1 {
			continue
		}
		l, w := ls[0], ws[0]
		lr, wr := &rs[l.right], &rs[w.right]
		lt, wt := &lr.Transitions[l.step], &wr.Transitions[w.step]
		lt.Detail += "; replaced by " + words(wr.Category) + " (" + strings.Join(wt.NewClauses, ", ") + ")"
		wt.Detail += "; replaces " + words(lr.Category) + " (" + strings.Join(lt.OldClauses, ", ") + ")"
	}
}

// definitionTexts returns a document's definitions by term, each folded
// to single spaces.
func definitionTexts(doc *clauses.Document) map[string]string {
	out := map[string]string{}
	for _, d := range Definitions(doc) {
		if d.Span.Start < 0 || d.Span.End > len(doc.Text) || d.Span.Start >= d.Span.End {
			continue
		}
		if _, dup := out[d.Term]; !dup {
			out[d.Term] = strings.Join(strings.Fields(string(doc.Text[d.Span.Start:d.Span.End])), " ")
		}
	}
	return out
}

// instance is one right as one version carries it: one or more clauses
// with classes of the same category and holder and a similar scope.
type instance struct {
	category, holder string
	rule             string // the playbook right's name; "" for the rules
	classes          []Class
	clauses          []*clauses.Clause
	lineages         map[string]bool
	words            map[string]bool
	doc              *clauses.Document
	defs             map[string]string // the version's definitions by term
	lineage          map[string]string // the version's clause lineages, by clause id
	version          string
}

// instances groups a version's classes into rights: classes of the same
// category and holder in one clause, or in clauses whose scopes share
// most of their words, are one right.
func instances(v Version) []*instance {
	var out []*instance
	defs := definitionTexts(v.Doc)
	for _, c := range v.Doc.Clauses() {
		for _, cl := range v.Classes[c.ID] {
			var into *instance
			for _, in := range out {
				if in.category != cl.Category || in.holder != cl.Holder || in.rule != cl.Rule {
					continue
				}
				last := in.clauses[len(in.clauses)-1]
				if last == c || jaccard(in.words, set(cl.Words)) >= 0.6 ||
					adjacent(last, c) && containment(in.words, set(cl.Words)) >= 0.8 {
					into = in
					break
				}
			}
			if into == nil {
				into = &instance{category: cl.Category, holder: cl.Holder, rule: cl.Rule, lineages: map[string]bool{},
					words: map[string]bool{}, doc: v.Doc, defs: defs, lineage: v.Lineage, version: v.Label}
				out = append(out, into)
			}
			into.classes = append(into.classes, cl)
			if len(into.clauses) == 0 || into.clauses[len(into.clauses)-1] != c {
				into.clauses = append(into.clauses, c)
			}
			if id := v.Lineage[c.ID]; id != "" {
				into.lineages[id] = true
			}
			for _, w := range cl.Words {
				into.words[w] = true
			}
		}
	}
	return out
}

// chain is one right's instances, by version.
type chain struct {
	first int
	at    []*instance
}

// family are categories one of which can turn into another in the same
// clause: an exclusivity downgraded to a right of first refusal is the
// same right, narrowed.
var family = map[string]int{"exclusivity": 1, "right_of_first_refusal": 1, "right_of_first_negotiation": 1}

// match pairs the rights of the version before (alive, each with its
// instance there) with the instances of this version: first the same
// category and holder in the same clause lineage, then the same category
// and holder with a similar scope anywhere (a right moved to a new clause
// or rewritten), then an exclusivity and a right of first refusal or
// negotiation of the same holder in the same clause lineage.
func match(alive []*chain, insts []*instance) map[*instance]*chain {
	type pair struct {
		ch    *chain
		in    *instance
		score float64
		i, j  int
	}
	// A right that is the only one of its category and holder on both
	// sides is the same right even when rewritten, if its scope still
	// shares some words.
	count := func(cat, holder, rule string, list []*instance) int {
		n := 0
		for _, x := range list {
			if x.category == cat && x.holder == holder && x.rule == rule {
				n++
			}
		}
		return n
	}
	var olds []*instance
	for _, ch := range alive {
		olds = append(olds, ch.last())
	}
	var pairs []pair
	for i, ch := range alive {
		old := ch.last()
		for j, in := range insts {
			if old.holder != in.holder || old.rule != in.rule {
				continue
			}
			sim := jaccard(old.words, in.words)
			shared := overlaps(old.lineages, in.lineages)
			switch {
			case old.category == in.category && shared:
				pairs = append(pairs, pair{ch, in, 3 + sim, i, j})
			case old.category == in.category && sim >= 0.4:
				pairs = append(pairs, pair{ch, in, 1 + sim, i, j})
			case old.category == in.category && sim >= 0.15 &&
				count(old.category, old.holder, old.rule, olds) == 1 && count(in.category, in.holder, in.rule, insts) == 1:
				pairs = append(pairs, pair{ch, in, 1 + sim, i, j})
			case family[old.category] != 0 && family[old.category] == family[in.category] && shared:
				pairs = append(pairs, pair{ch, in, sim, i, j})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool {
		if pairs[a].score != pairs[b].score {
			return pairs[a].score > pairs[b].score
		}
		if pairs[a].i != pairs[b].i {
			return pairs[a].i < pairs[b].i
		}
		return pairs[a].j < pairs[b].j
	})
	out := map[*instance]*chain{}
	used := map[*chain]bool{}
	for _, p := range pairs {
		if used[p.ch] || out[p.in] != nil {
			continue
		}
		used[p.ch] = true
		out[p.in] = p.ch
	}
	return out
}

func (ch *chain) last() *instance {
	for k := len(ch.at) - 1; k >= 0; k-- {
		if ch.at[k] != nil {
			return ch.at[k]
		}
	}
	return nil
}

// right turns a chain into the ledger's Right.
func (ch *chain) right(vs []Version) Right {
	first := ch.at[ch.first]
	r := Right{
		ID:       first.category + "/" + first.holder + "/" + vs[ch.first].Label + "/" + first.clauses[0].ID,
		Name:     first.rule,
		Category: first.category,
		Holder:   first.holder,
		Scope:    first.scope(),
	}
	for k, v := range vs {
		p := Presence{Version: v.Label}
		if in := ch.at[k]; in != nil {
			p = in.presence()
		}
		r.Timeline = append(r.Timeline, p)
	}
	for k := 1; k < len(vs); k++ {
		old, new := ch.at[k-1], ch.at[k]
		if old == nil && new == nil {
			continue
		}
		t := Transition{From: vs[k-1].Label, To: vs[k].Label}
		switch {
		case old == nil: // chains have no gaps: this is where it starts
			t.Status, t.Detail = Gained, "new: "+new.summary()
			t.NewClauses = new.numbers()
		case new == nil:
			t.Status, t.Detail = GivenUp, "removed: "+old.summary()
			t.OldClauses = old.numbers()
		default:
			t.Status, t.Detail, t.Redline = judge(old, new)
			t.OldClauses, t.NewClauses = old.numbers(), new.numbers()
		}
		r.Transitions = append(r.Transitions, t)
		if new == nil {
			break
		}
	}
	return r
}

func (in *instance) presence() Presence {
	c := in.classes[0]
	p := Presence{
		Version:   in.version,
		Present:   true,
		Category:  in.category,
		Strength:  c.Strength,
		Clauses:   in.numbers(),
		Evidence:  evidence(in.doc, c),
		Scope:     in.scope(),
		Term:      c.Term,
		End:       c.End,
		Amounts:   in.amounts(),
		CarveOuts: in.carveOuts(),
		in:        in,
	}
	for w := range in.words {
		p.Words = append(p.Words, w)
	}
	sort.Strings(p.Words)
	for _, party := range in.doc.Parties {
		for _, a := range party.Aliases {
			p.parties = append(p.parties, strings.Fields(strings.ToLower(a))...)
		}
	}
	return p
}

func (in *instance) scope() string {
	for _, c := range in.classes {
		if c.Scope != "" {
			return c.Scope
		}
	}
	return ""
}

func (in *instance) numbers() []string {
	var out []string
	for _, c := range in.clauses {
		out = append(out, clauseName(c))
	}
	return out
}

func (in *instance) amounts() []string {
	return in.collect(func(c Class) []string { return c.Amounts })
}
func (in *instance) carveOuts() []string {
	return in.collect(func(c Class) []string { return c.CarveOuts })
}

// collect gathers a list field of the instance's classes, first
// occurrence each, in order.
func (in *instance) collect(field func(Class) []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range in.classes {
		for _, x := range field(c) {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	return out
}

// end returns the latest end date any class of the instance states.
func (in *instance) end() string {
	end := ""
	for _, c := range in.classes {
		if c.End > end {
			end = c.End
		}
	}
	return end
}

func (in *instance) uses() []string {
	out := in.collect(func(c Class) []string { return c.Uses })
	sort.Strings(out)
	return out
}

// summary names an instance in a few words: "exclusive, cloud computing
// (4.1)".
func (in *instance) summary() string {
	var parts []string
	if s := in.classes[0].Strength; s != "" {
		parts = append(parts, strings.ReplaceAll(s, "_", " "))
	}
	if s := in.scope(); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ") + " (" + strings.Join(in.numbers(), ", ") + ")"
}

func clauseName(c *clauses.Clause) string {
	if c.Number != "" {
		return c.Number
	}
	return c.ID
}

func evidence(doc *clauses.Document, c Class) string {
	s, e := c.Evidence.Start, c.Evidence.End
	if s < 0 || e > len(doc.Text) || s >= e {
		return ""
	}
	return strings.Join(strings.Fields(string(doc.Text[s:e])), " ")
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// containment is the share of the smaller set's words that the other
// has; sets of fewer than two words contain nothing.
func containment(a, b map[string]bool) float64 {
	if len(a) < 2 || len(b) < 2 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// adjacent reports whether b is the sibling right after a: a right of
// first refusal in 5.1 and how to exercise it in 5.2.
func adjacent(a, b *clauses.Clause) bool {
	if a.Parent == nil || a.Parent != b.Parent {
		return false
	}
	for i, c := range a.Parent.Children {
		if c == a {
			return i+1 < len(a.Parent.Children) && a.Parent.Children[i+1] == b
		}
	}
	return false
}

func overlaps(a, b map[string]bool) bool {
	for w := range a {
		if b[w] {
			return true
		}
	}
	return false
}

// sortRights orders rights by category (in Categories order), holder,
// then where they first appear.
func sortRights(rs []Right) {
	rank := map[string]int{}
	for i, c := range Categories {
		rank[c] = i
	}
	first := func(r Right) int {
		for k, p := range r.Timeline {
			if p.Present {
				return k
			}
		}
		return len(r.Timeline)
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		ra, okA := rank[a.Category]
		rb, okB := rank[b.Category]
		if !okA {
			ra = len(Categories)
		}
		if !okB {
			rb = len(Categories)
		}
		switch {
		case ra != rb:
			return ra < rb
		case a.Category != b.Category:
			return a.Category < b.Category
		case a.Holder != b.Holder:
			return a.Holder < b.Holder
		case first(a) != first(b):
			return first(a) < first(b)
		}
		return a.ID < b.ID
	})
}

// String is the transition in a few words, for logs and tests.
func (t Transition) String() string {
	return fmt.Sprintf("%s->%s %s %s->%s", t.From, t.To, t.Status, join(t.OldClauses), join(t.NewClauses))
}

func join(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ",")
}
