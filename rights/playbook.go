package rights

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/clausetrack/clausetrack/clauses"
)

// Playbook names the rights counsel care about, so the ledger tracks
// them by name whether or not the rules find them. It is read from YAML:
//
//	rights:
//	  - name: API exclusivity
//	    category: exclusivity
//	    holder: Provider
//	    query: API access Lab Models        # every word must be in the clause
//	    phrases: ["exclusively from the Provider Cloud"]  # or any of these
//	    scope: [API access, Lab Models]
type Playbook struct {
	Rights []PlaybookRight
}

// PlaybookRight is one named right. A clause carries it when it holds
// every word of Query (any form: "model" finds "Models") or any of
// Phrases (case and spacing aside). Line is where it starts in the file.
type PlaybookRight struct {
	Name, Category, Holder string
	Query                  string
	Phrases                []string
	Scope                  []string
	Line                   int
}

// PlaybookError is a mistake in a playbook, at a line of the file.
type PlaybookError struct {
	File string
	Line int
	Msg  string
}

func (e *PlaybookError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// ParsePlaybook reads a playbook; file names it in errors.
func ParsePlaybook(file string, data []byte) (*Playbook, error) {
	fail := func(line int, format string, args ...any) error {
		return &PlaybookError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); errors.Is(err, io.EOF) {
		return nil, fail(0, "empty; a playbook holds a list under \"rights:\"")
	} else if err != nil {
		line := 0
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			fmt.Sscan(m[1], &line)
		}
		msg := yamlLineRE.ReplaceAllString(err.Error(), " ")
		return nil, fail(line, "not YAML: %s", strings.TrimPrefix(strings.TrimSpace(msg), "yaml: "))
	}
	if len(root.Content) == 0 {
		return nil, fail(0, "empty; a playbook holds a list under \"rights:\"")
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fail(doc.Line, "a playbook is a mapping with a \"rights:\" list")
	}
	pb := &Playbook{}
	var list *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value != "rights" {
			return nil, fail(k.Line, "unknown key %q; a playbook has only \"rights:\"", k.Value)
		}
		list = v
	}
	if list == nil {
		return nil, fail(doc.Line, "no \"rights:\" list")
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fail(list.Line, "\"rights:\" must be a list of rights (lines starting with \"- \")")
	}
	names := map[string]int{}
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			return nil, fail(item.Line, "each right is a mapping with name, category, holder and query or phrases")
		}
		r := PlaybookRight{Line: item.Line}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "name", "category", "holder", "query":
				if v.Kind != yaml.ScalarNode {
					return nil, fail(v.Line, "%s must be text", k.Value)
				}
				val := strings.TrimSpace(v.Value)
				switch k.Value {
				case "name":
					r.Name = val
				case "category":
					r.Category = val
				case "holder":
					r.Holder = val
				case "query":
					r.Query = val
				}
			case "phrases", "scope":
				var vals []string
				switch v.Kind {
				case yaml.ScalarNode:
					vals = []string{v.Value}
				case yaml.SequenceNode:
					for _, s := range v.Content {
						if s.Kind != yaml.ScalarNode {
							return nil, fail(s.Line, "%s must be a list of texts", k.Value)
						}
						vals = append(vals, s.Value)
					}
				default:
					return nil, fail(v.Line, "%s must be a list of texts", k.Value)
				}
				for _, s := range vals {
					if s = strings.TrimSpace(s); s != "" {
						if k.Value == "phrases" {
							r.Phrases = append(r.Phrases, s)
						} else {
							r.Scope = append(r.Scope, s)
						}
					}
				}
			default:
				return nil, fail(k.Line, "unknown key %q; a right has name, category, holder, query, phrases and scope", k.Value)
			}
		}
		switch {
		case r.Name == "":
			return nil, fail(r.Line, "a right needs a name")
		case names[r.Name] > 0:
			return nil, fail(r.Line, "a right named %q is already at line %d", r.Name, names[r.Name])
		case r.Category == "":
			return nil, fail(r.Line, "right %q needs a category", r.Name)
		case !IsCategory(r.Category):
			return nil, fail(r.Line, "right %q: unknown category %q; use one of: %s", r.Name, r.Category, strings.Join(Categories, ", "))
		case r.Holder == "":
			return nil, fail(r.Line, "right %q needs a holder (a party's defined term, or %s)", r.Name, Mutual)
		case r.Query == "" && len(r.Phrases) == 0:
			return nil, fail(r.Line, "right %q needs a query or phrases to find its clauses", r.Name)
		}
		names[r.Name] = r.Line
		pb.Rights = append(pb.Rights, r)
	}
	return pb, nil
}

var yamlLineRE = regexp.MustCompile(`\s*(?:yaml: )?line (\d+):\s*`)

// IsCategory reports whether category is one of Categories.
func IsCategory(category string) bool {
	for _, c := range Categories {
		if c == category {
			return true
		}
	}
	return false
}

// Apply adds to classes (by clause id) a class for each playbook right
// each clause of doc carries, marked with the right's name in Rule. A
// nil playbook adds nothing.
func (pb *Playbook) Apply(doc *clauses.Document, classes map[string][]Class) {
	if pb == nil {
		return
	}
	for _, c := range doc.Clauses() {
		body := doc.Text[c.Body.Start:c.Body.End]
		folded := fold(string(body))
		stems := map[string]bool{}
		for _, w := range wordRE.FindAllString(strings.ToLower(string(body)), -1) {
			stems[stem(w)] = true
		}
		for _, r := range pb.Rights {
			ev, ok := r.find(folded, stems, body, c.Body)
			if !ok {
				continue
			}
			cl := Class{Category: r.Category, Holder: r.Holder, Strength: Stated, Rule: r.Name,
				Scope: strings.Join(r.Scope, ", "), Confidence: Strong, Evidence: ev}
			for _, found := range classes[c.ID] {
				if found.Category == r.Category && found.Rule == "" {
					cl.Strength, cl.Term, cl.End = found.Strength, found.Term, found.End
					cl.Amounts, cl.CarveOuts, cl.Uses = found.Amounts, found.CarveOuts, found.Uses
					cl.Evidence = found.Evidence
					break
				}
			}
			if cl.Scope == "" {
				cl.Scope = r.Name
			}
			ws := map[string]bool{}
			for _, s := range append(append([]string{}, r.Scope...), r.Query) {
				for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
					ws[w] = true
				}
			}
			for w := range ws {
				cl.Words = append(cl.Words, w)
			}
			sort.Strings(cl.Words)
			classes[c.ID] = append(classes[c.ID], cl)
		}
	}
}

// find reports whether a clause carries the right, and the span of the
// words that show it: the first phrase found, else the clause's text.
func (r PlaybookRight) find(folded string, stems map[string]bool, body []byte, at clauses.Span) (clauses.Span, bool) {
	for _, p := range r.Phrases {
		if strings.Contains(folded, fold(p)) {
			// The span of the phrase in the original text: its first and
			// last words, found in order.
			if sp, ok := phraseSpan(body, p); ok {
				return clauses.Span{Start: at.Start + sp[0], End: at.Start + sp[1]}, true
			}
			return at, true
		}
	}
	if r.Query == "" {
		return clauses.Span{}, false
	}
	for _, w := range wordRE.FindAllString(strings.ToLower(r.Query), -1) {
		if !stems[stem(w)] {
			return clauses.Span{}, false
		}
	}
	return at, true
}

func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// phraseSpan finds a phrase in text, case and spacing aside, as byte
// offsets.
func phraseSpan(text []byte, phrase string) ([2]int, bool) {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return [2]int{}, false
	}
	for i := range words {
		words[i] = regexp.QuoteMeta(words[i])
	}
	re, err := regexp.Compile(`(?i)` + strings.Join(words, `\s+`))
	if err != nil {
		return [2]int{}, false
	}
	loc := re.FindIndex(text)
	if loc == nil {
		return [2]int{}, false
	}
	return [2]int{loc[0], loc[1]}, true
}

// stem folds the common English endings away, so "models", "serving"
// and "served" match "model" and "serve".
func stem(w string) string {
	for _, suf := range []string{"ies", "ing", "es", "ed", "s"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			if suf == "ies" {
				w += "y"
			}
			break
		}
	}
	return strings.TrimSuffix(w, "e")
}
