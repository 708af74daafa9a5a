// Package sample holds the embedded sample corpus: a cloud and AI
// partnership restated three times and a later agreement with a second
// cloud, written for clausetrack with fictional parties. The demo command
// and the tests use it; nothing in the pipeline depends on it.
//
// The runtime agreement is a Word file whose clause numbers exist only as
// Word's automatic numbering: runtime-2026.txt is its text, turned into
// runtime-2026.fodt by txt2fodt.py and into runtime-2026.docx by
// LibreOffice (soffice --headless --convert-to docx runtime-2026.fodt).
//
// files/ANSWERS.md, which is not embedded, is the answer key of the
// sample: how the clauses of one version map to the next, and which rights
// each party kept, gained or gave up. Later features are measured on it.
package sample
