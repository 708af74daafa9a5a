package rights

import (
	"strings"
	"testing"

	"github.com/clausetrack/clausetrack/clauses"
)

// version segments text and gives each clause the lineage and classes
// listed: lineage maps a clause number to its lineage id; classes maps a
// clause number to classes whose Evidence is the clause's body.
func version(t *testing.T, label, text string, lineage map[string]string, classes map[string][]Class) Version {
	t.Helper()
	doc := clauses.Segment(&clauses.Source{Name: label + ".txt", Format: "txt", Text: []byte(text)})
	v := Version{Label: label, Doc: doc, Lineage: map[string]string{}, Classes: map[string][]Class{}}
	for _, c := range doc.Clauses() {
		if id, ok := lineage[c.Number]; ok {
			v.Lineage[c.ID] = id
		}
		for _, cl := range classes[c.Number] {
			cl.Evidence = c.Body
			if cl.Confidence == "" {
				cl.Confidence = Strong
			}
			v.Classes[c.ID] = append(v.Classes[c.ID], cl)
		}
		delete(classes, c.Number)
	}
	for n := range classes {
		t.Fatalf("%s: no clause %s", label, n)
	}
	return v
}

func steps(l *Ledger) map[string]string {
	out := map[string]string{}
	for _, r := range l.Rights {
		var s []string
		for _, tr := range r.Transitions {
			s = append(s, tr.String())
		}
		key := r.Category + " " + r.Holder + " " + r.Scope
		if r.Name != "" {
			key = r.Name
		}
		out[key] = strings.Join(s, " | ")
	}
	return out
}

func TestLedgerStatuses(t *testing.T) {
	excl := Class{Category: "exclusivity", Holder: "Provider", Strength: Exclusive, Scope: "cloud computing", Words: []string{"cloud", "computing", "models"}}
	api := Class{Category: "exclusivity", Holder: "Provider", Strength: Exclusive, Scope: "API access", Words: []string{"access", "api", "models"}}
	share := func(pct string) Class {
		return Class{Category: "revenue_share", Holder: "Lab", Strength: Granted, Scope: "product revenue", Words: []string{"product", "revenue"}, Amounts: []string{pct}}
	}
	lic := func(end string, carve ...string) Class {
		return Class{Category: "license_grant", Holder: "Provider", Strength: NonExclusive, Scope: "Lab IP", Words: []string{"ip", "lab"}, End: end, CarveOuts: carve}
	}
	rofr := Class{Category: "right_of_first_refusal", Holder: "Provider", Strength: FirstRefusal, Scope: "New Capacity", Words: []string{"capacity", "new"}}

	v1 := version(t, "2019", `1. Cloud. The Lab shall use the Provider Cloud exclusively for its models.
2. API. All API access to the models is served from the Provider Cloud only.
3. Share. The Provider shall pay the Lab 20% of product revenue.
4. Licence. The Lab grants the Provider a licence to the Lab IP until 2028, except for Excluded Materials.
`, map[string]string{"1": "2019/1", "2": "2019/2", "3": "2019/3", "4": "2019/4"},
		map[string][]Class{"1": {excl}, "2": {api}, "3": {share("20%")}, "4": {lic("2028-12-31", "except for Excluded Materials")}})
	// 2023: everything renumbered by one and reworded; the share drops.
	v2 := version(t, "2023", `1. Definitions. Words have their meanings.
2. Cloud. The Lab must use the Provider Cloud, and only the Provider Cloud, for its models.
3. API. All API access to the models shall be served solely from the Provider Cloud.
4. Share. The Provider shall pay the Lab 15% of product revenue.
5. Licence. The Lab grants the Provider a licence to the Lab IP until 2028, save as regards the Excluded Materials.
`, map[string]string{"1": "2023/1", "2": "2019/1", "3": "2019/2", "4": "2019/3", "5": "2019/4"},
		map[string][]Class{"2": {excl}, "3": {api}, "4": {share("15%")}, "5": {lic("2028-12-31", "save as regards the Excluded Materials")}})
	// 2025: cloud exclusivity goes, a right of first refusal comes; the
	// licence runs longer but gains a carve-out.
	v3 := version(t, "2025", `1. Definitions. Words have their meanings.
2. First Refusal. The Lab shall first offer the Provider any New Capacity.
3. API. All API access to the models shall be served solely from the Provider Cloud.
4. Share. The Provider shall pay the Lab 15% of product revenue.
5. Licence. The Lab grants the Provider a licence to the Lab IP until 2030, save as regards the Excluded Materials and except for Open-Weight Models.
`, map[string]string{"1": "2023/1", "2": "2025/2", "3": "2019/2", "4": "2019/3", "5": "2019/4"},
		map[string][]Class{"2": {rofr}, "3": {api}, "4": {share("15%")},
			"5": {lic("2030-12-31", "save as regards the Excluded Materials", "except for Open-Weight Models")}})

	got := steps(Build("deal", []Version{v1, v2, v3}))
	want := map[string]string{
		"exclusivity Provider cloud computing":         "2019->2023 kept 1->2 | 2023->2025 given_up 2->-",
		"exclusivity Provider API access":              "2019->2023 kept 2->3 | 2023->2025 kept 3->3",
		"revenue_share Lab product revenue":            "2019->2023 narrowed 3->4 | 2023->2025 kept 4->4",
		"license_grant Provider Lab IP":                "2019->2023 kept 4->5 | 2023->2025 broadened 5->5",
		"right_of_first_refusal Provider New Capacity": "2023->2025 gained -->2",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s:\n got %s\nwant %s", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("rights %v", got)
	}

	l := Build("deal", []Version{v1, v2, v3})
	for _, r := range l.Rights {
		for _, tr := range r.Transitions {
			switch {
			case r.Category == "exclusivity" && tr.Status == GivenUp:
				if !strings.Contains(tr.Detail, "replaced by right of first refusal (2)") {
					t.Errorf("given up: %q", tr.Detail)
				}
			case r.Category == "license_grant" && tr.To == "2025":
				if !strings.Contains(tr.Detail, "ends 2028-12-31 → 2030-12-31") || !strings.Contains(tr.Detail, "carve-out added: except for Open-Weight Models") {
					t.Errorf("licence: %q", tr.Detail)
				}
			case r.Category == "revenue_share" && tr.To == "2023":
				if tr.Detail != "20% → 15%" {
					t.Errorf("share: %q", tr.Detail)
				}
			}
		}
	}
}

func TestLedgerStrengths(t *testing.T) {
	mk := func(label, strength, cat string) Version {
		return version(t, label, "1. Distribution. The Supplier appoints the Distributor as its distributor.\n",
			map[string]string{"1": "v1/1"},
			map[string][]Class{"1": {{Category: cat, Holder: "Distributor", Strength: strength, Scope: "distribution", Words: []string{"distribution"}}}})
	}
	for _, c := range []struct {
		name        string
		old, new    Version
		status      string
		detailParts string
	}{
		{"exclusive to non-exclusive", mk("v1", Exclusive, "exclusivity"), mk("v2", NonExclusive, "exclusivity"), GivenUp, "exclusive → non exclusive"},
		{"exclusive to first refusal in place", mk("v1", Exclusive, "exclusivity"), mk("v2", FirstRefusal, "right_of_first_refusal"), Narrowed, "exclusivity → right of first refusal"},
		{"first negotiation to sole", mk("v1", FirstNegotiation, "right_of_first_negotiation"), mk("v2", Sole, "right_of_first_negotiation"), Broadened, "first negotiation → sole"},
		{"perpetual lost", mk("v1", Perpetual, "perpetual_license"), mk("v2", NonExclusive, "perpetual_license"), GivenUp, "no longer perpetual"},
		{"same", mk("v1", Exclusive, "exclusivity"), mk("v2", Exclusive, "exclusivity"), Kept, "unchanged"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := Build("d", []Version{c.old, c.new})
			if len(l.Rights) != 1 || len(l.Rights[0].Transitions) != 1 {
				t.Fatalf("rights %+v", l.Rights)
			}
			tr := l.Rights[0].Transitions[0]
			if tr.Status != c.status || !strings.Contains(tr.Detail, c.detailParts) {
				t.Errorf("got %s %q, want %s %q", tr.Status, tr.Detail, c.status, c.detailParts)
			}
		})
	}
}

func TestPlaybookNamesRights(t *testing.T) {
	pb, err := ParsePlaybook("playbook.yaml", []byte(`rights:
  - name: API exclusivity
    category: exclusivity
    holder: Provider
    query: API access models
  - name: Capacity reporting
    category: minimum_commitment
    holder: Provider
    phrases: ["report its spend"]
`))
	if err != nil {
		t.Fatal(err)
	}
	api := Class{Category: "exclusivity", Holder: "Provider", Strength: Exclusive, Scope: "API access", Words: []string{"access", "api"}}
	mk := func(label, extra string) Version {
		v := version(t, label, "1. API. All API access to the models is served from the Provider Cloud only.\n2. Spend. The Lab shall "+extra+" every quarter.\n",
			map[string]string{"1": "v1/1", "2": "v1/2"}, map[string][]Class{"1": {api}})
		pb.Apply(v.Doc, v.Classes)
		return v
	}
	got := steps(Build("d", []Version{mk("v1", "report its spend"), mk("v2", "tell the Provider its spend")}))
	want := map[string]string{
		"API exclusivity":    "v1->v2 kept 1->1",
		"Capacity reporting": "v1->v2 given_up 2->-",
	}
	if len(got) != len(want) || got["API exclusivity"] != want["API exclusivity"] || got["Capacity reporting"] != want["Capacity reporting"] {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestParsePlaybookErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"rights:\n  - name: X\n    category: exclusivty\n    holder: A\n    query: a\n", "p.yaml:2: right \"X\": unknown category \"exclusivty\""},
		{"rights:\n  - name: X\n    category: exclusivity\n    query: a\n", "p.yaml:2: right \"X\" needs a holder"},
		{"rights:\n  - name: X\n    category: exclusivity\n    holder: A\n", "p.yaml:2: right \"X\" needs a query or phrases"},
		{"rights:\n  - name: X\n    category: exclusivity\n    holder: A\n    query: a\n    scoop: b\n", "p.yaml:6: unknown key \"scoop\""},
		{"rights:\n  - name: X\n    category: exclusivity\n    holder: A\n    query: a\n  - name: X\n    category: exclusivity\n    holder: A\n    query: b\n", "p.yaml:6: a right named \"X\" is already at line 2"},
		{"rights: [\n", "p.yaml:1: not YAML"},
		{"rules: []\n", "p.yaml:1: unknown key \"rules\""},
		{"", "p.yaml: empty"},
	} {
		_, err := ParsePlaybook("p.yaml", []byte(c.yaml))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q...", c.yaml, err, c.want)
		}
	}
}
