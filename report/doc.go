// Package report renders clausetrack's results for people and programs:
// terminal text, Markdown, HTML, JSON and Word (DOCX: a redline with
// tracked changes, the review memo with comments). It sits at the end of the
// pipeline (corpus → clauses → diff → rights → report) and only formats:
// it reads documents and comparisons built elsewhere, writes to an
// io.Writer, and never touches files, flags or terminals itself.
//
// JSON output is a contract with scripts: every document has a top-level
// "schema" field naming its version ("clausetrack.segment/v1"), and fields
// are only ever added, never renamed or removed, within a version.
package report
