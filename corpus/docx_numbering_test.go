package corpus

import (
	"strings"
	"testing"
)

// TestNumberingCounters checks the counter rule of numbering.next on
// definitions built in Go: the w:nums of one abstractNum share its
// counters, and a w:num's lvlOverride restarts, the first time that
// w:num numbers a paragraph, the paragraph's level and the deeper ones,
// never the levels above it. testdata/docx/pandoc-nested.docx is the
// real document of the first case.
func TestNumberingCounters(t *testing.T) {
	decimal := func(text string) *numLevel {
		return &numLevel{start: 1, format: "decimal", text: text, hasText: true, restart: -1}
	}
	abs := &abstractNum{}
	abs.levels[0], abs.levels[1], abs.levels[2] = decimal("%1."), decimal("%2."), decimal("%1.%2.%3")
	// overrides returns a w:num of abstractNum 1 with a startOverride
	// of v on each level from..to.
	overrides := func(from, to, v int) *numInstance {
		inst := &numInstance{abstract: 1}
		for l := from; l <= to; l++ {
			inst.start[l] = &v
		}
		return inst
	}
	type step struct{ num, ilvl int }
	tests := []struct {
		name  string
		nums  map[int]*numInstance
		steps []step
		want  string
	}{
		{
			// pandoc: every list its own w:num, startOverride 1 on all
			// nine levels; the nested lists share the abstractNum.
			name:  "nested list on its own num keeps the outer counter",
			nums:  map[int]*numInstance{1001: overrides(0, 8, 1), 1002: overrides(0, 8, 1), 1003: overrides(0, 8, 1)},
			steps: []step{{1001, 0}, {1001, 0}, {1001, 0}, {1002, 1}, {1002, 1}, {1001, 0}, {1003, 1}, {1003, 1}, {1001, 0}},
			want:  "1. 2. 3. 1. 2. 4. 1. 2. 5.",
		},
		{
			name:  "an override at the paragraph's level restarts it once",
			nums:  map[int]*numInstance{1: {abstract: 1}, 2: overrides(1, 1, 5)},
			steps: []step{{1, 0}, {1, 1}, {1, 1}, {2, 1}, {2, 1}, {1, 1}, {1, 0}},
			want:  "1. 1. 2. 5. 6. 7. 2.",
		},
		{
			// The level-1 override of num 2 is applied when num 2 is
			// first used at level 0: level 1 starts at 5 below it.
			name:  "an override below the paragraph's level restarts that level",
			nums:  map[int]*numInstance{1: {abstract: 1}, 2: overrides(1, 2, 5)},
			steps: []step{{1, 0}, {1, 1}, {1, 1}, {2, 0}, {2, 1}, {2, 2}, {2, 2}},
			want:  "1. 1. 2. 2. 5. 2.5.5 2.5.6",
		},
		{
			// Num 3's startOverride is its level 1's start value, also
			// when level 1 restarts under the next level-0 item.
			name:  "an override at level 0 restarts the list; a deeper num does not",
			nums:  map[int]*numInstance{1: {abstract: 1}, 2: overrides(0, 8, 1), 3: overrides(0, 8, 3)},
			steps: []step{{1, 0}, {1, 0}, {2, 0}, {3, 1}, {2, 0}, {3, 1}},
			want:  "1. 2. 1. 3. 2. 3.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &numbering{abstracts: map[int]*abstractNum{1: abs}, nums: tt.nums,
				lists: map[int]*listCounters{}, used: map[int]bool{}}
			var got []string
			for _, s := range tt.steps {
				label, ok := n.next(s.num, s.ilvl)
				if !ok {
					t.Fatalf("num %d level %d not numbered", s.num, s.ilvl)
				}
				got = append(got, label)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("labels %s, want %s (steps %v)", g, tt.want, tt.steps)
			}
		})
	}
}
