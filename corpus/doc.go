// Package corpus stores agreements and their versions, and turns documents
// into the input that package clauses segments. It is the first stage of
// the pipeline (corpus → clauses → diff → rights → report) and the only
// package that reads documents from disk.
//
// Import turns a file's bytes (.txt, .md, .html, .docx, .pdf) into a
// [clauses.Source]: the normalised text plus the block structure the
// format has. Word files carry their automatic numbers as block labels,
// computed from numbering.xml and the style chain as Word shows them;
// PDFs are read with the external pdftotext (poppler-utils) and their
// paragraphs rebuilt. Bad input (empty, binary, invalid UTF-8, a damaged or
// malicious Word package, a PDF without text, unknown format, too large) is
// a *[FileError] that names the file.
//
// A [Workspace] keeps versions in a .clausetrack folder, found from the
// current folder upwards like .git ([Find]) or named outright ([Open]):
//
//	.clausetrack/
//	  workspace.json           {"schema": "clausetrack.workspace/v1", "format": 1}
//	  lock                     flock(2)ed by Add; never holds data
//	  objects/<sha256>         each original, byte for byte, named by its SHA-256
//	  text/<sha256>.json       each extracted clauses.Source, named by its own SHA-256
//	  agreements/<id>.json     the manifest: id, title, versions, replaced versions
//	  lineage/<id>.json        derived: each clause's lineage id in every version
//
// Originals and texts are content-addressed and never change; a manifest
// is replaced whole. Every file is written atomically (a temporary file in
// the same folder, fsync, rename, fsync of the folder), and an add's
// manifest rename is its commit point: an add that fails before it removes
// what it wrote, and a workspace that did not exist is built in a
// temporary folder and renamed into place, so a failed add leaves no
// .clausetrack behind. Adds take an exclusive lock and give up with
// [ErrLocked] after about two seconds rather than wait; reads take no lock.
// The workspace is private to its owner: folders 0700, files 0600.
//
// Versions are named AGREEMENT@LABEL; [Workspace.Resolve] also reads
// AGREEMENT (the latest), AGREEMENT@latest and AGREEMENT@~N. Their order
// is described at [Workspace.Versions]. Adding the same bytes again is a
// no-op; a label holds one content unless the add replaces it, and a
// replaced version stays readable through [Workspace.Replaced].
//
// This package does not segment, compare or index: it hands
// clauses.Source values on and knows nothing of the stages after clauses.
package corpus
