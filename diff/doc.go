// Package diff aligns the clause trees of two versions of an agreement
// and computes word-level redlines.
//
// [Compare] matches clauses in passes: identical text wherever it
// stands, then the same number and heading, then content similarity
// among the children of aligned parents, then what is left across the
// whole document (moves between articles), then parents most of whose
// children went to one place. A last pass finds splits (one old clause
// became several consecutive new ones) and merges. Candidates come from
// an inverted index of rare words, so no step compares every clause with
// every clause. Each matched pair is then classed as unchanged,
// modified, renumbered or moved; moves are reported only above a
// similarity threshold and never for a clause that staying in place
// explains.
//
// [Words] is the one place go-diff is called: texts become tokens
// (words, whitespace runs, punctuation), tokens become runes, and
// DiffMainRunes runs without a timeout, so results never depend on
// machine speed. Whitespace, quote and dash style, Markdown marks and
// clause labels compare equal and come back as ignored edits, so a
// redline always rebuilds both texts exactly.
//
// The package does no I/O and is deterministic.
package diff
