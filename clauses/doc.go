// Package clauses turns the text of one agreement version into a clause
// tree: numbered and headed clauses with their full number paths
// ("7.2(a)(ii)"), headings, byte spans into the text, defined terms,
// parties and cross-references.
//
// # Place in the pipeline
//
// corpus imports a file into a [Source] (text plus, for structured
// formats, the blocks a reader sees); [Segment] turns the Source into a
// [Document]; diff, rights, index and report read Documents. This package
// does no I/O, keeps no global state and never fails: odd input gives a
// best-effort tree, and what looked wrong (numbering gaps, duplicate
// numbers, references to clauses that do not exist) is listed in
// [Document.Diagnostics].
//
// # Spans
//
// Every [Span] is a pair of byte offsets into [Document.Text], end
// exclusive. A clause's Span covers it and its sub-clauses; its Body is
// its own text, up to its first sub-clause. The bodies of all clauses, in
// tree order, tile the text exactly: every byte belongs to one clause.
//
// # Numbering
//
// Segment recognises decimal numbers (1. 1.1 1.01 4.2.3), Section, § and
// Clause prefixes, ARTICLE IV and Article 4 (with the heading on the same
// or the next line), (a) (i) (A) (1), a) i) 1), a. i. A. labels, Markdown
// and HTML headings, ALL-CAPS heading lines, Schedules, Exhibits, Annexes
// and Appendices, the preamble, recitals and the signature block. A
// stack of open numbering schemes decides nesting; "(i)" after "(h)" is a
// letter and a roman numeral otherwise. Labels inside wrapped running text
// ("see Section\n3.2 below") are not clauses; a Word file whose paragraphs
// are the lines of a text file is read as that text. A list numbered "1."
// in the text under a clause (a PDF of a Word or HTML list) counts within
// that clause: 6.2(1).
package clauses
