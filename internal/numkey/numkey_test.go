package numkey

import "testing"

func TestAlign(t *testing.T) {
	key := []string{"1", "1.1", "1.1(a)", "1.2", "2"}
	got := []string{"1", "1.1", "1.1(b)", "1.2", "1.5", "2"}
	keyMatch, gotMatched := Align(key, got)
	wantKey := []int{0, 1, -1, 3, 5}
	for i := range wantKey {
		if keyMatch[i] != wantKey[i] {
			t.Fatalf("keyMatch = %v, want %v", keyMatch, wantKey)
		}
	}
	wantGot := []bool{true, true, false, true, false, true}
	for i := range wantGot {
		if gotMatched[i] != wantGot[i] {
			t.Fatalf("gotMatched = %v, want %v", gotMatched, wantGot)
		}
	}
}
