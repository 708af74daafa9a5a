package clauses

import (
	"fmt"
)

// Validate checks the invariants every segmented document keeps: the
// root spans the text; children lie inside their parent, in order and
// without gaps; the own texts of all clauses, in tree order, tile the
// text exactly; IDs are unique. It returns the first broken invariant.
// Segment's output always passes; Validate exists for tests and for
// checking documents read back from storage.
func (d *Document) Validate() error {
	if d.Root == nil {
		return fmt.Errorf("no root clause")
	}
	if d.Root.Span != (Span{0, len(d.Text)}) {
		return fmt.Errorf("root span %v, want [0,%d)", d.Root.Span, len(d.Text))
	}
	next := 0
	ids := map[string]bool{}
	var err error
	d.Root.Walk(func(c *Clause) bool {
		if err != nil {
			return false
		}
		if c.Body.Start != next || c.Body.Start != c.Span.Start || c.Body.End < c.Body.Start {
			err = fmt.Errorf("clause %q: own text %v does not continue at %d", c.ID, c.Body, next)
			return false
		}
		next = c.Body.End
		end := c.Body.End
		for _, ch := range c.Children {
			if ch.Parent != c || ch.Span.Start != end || !c.Span.Contains(ch.Span) {
				err = fmt.Errorf("clause %q: child %q span %v out of place in %v", c.ID, ch.ID, ch.Span, c.Span)
				return false
			}
			end = ch.Span.End
		}
		if end != c.Span.End {
			err = fmt.Errorf("clause %q: children end at %d, clause at %d", c.ID, end, c.Span.End)
			return false
		}
		if c != d.Root {
			if c.ID == "" || ids[c.ID] {
				err = fmt.Errorf("clause id %q empty or repeated", c.ID)
				return false
			}
			ids[c.ID] = true
		}
		return true
	})
	if err == nil && next != len(d.Text) {
		err = fmt.Errorf("own texts end at %d, text at %d", next, len(d.Text))
	}
	return err
}
