// Package web serves clausetrack's reports, search and review workflow
// over HTTP for a browser: `clausetrack serve`.
//
// It sits at the end of the pipeline beside cmd/clausetrack (corpus →
// clauses → diff → rights → report → web) and adds no algorithm of its
// own: each request reads the workspace, runs the same stages the
// commands run, and renders server-side html/template pages (assets
// embedded, no CDN, no inline script) or the same JSON contracts the
// commands print, under /api/.
//
// While a Server runs it owns the workspace's search index (it holds the
// Bleve writer) and records its process id and address in
// .clausetrack/serve.json (indexer.ServeFile), removed on shutdown.
//
// Security: names in a request (agreement, version, clause, review,
// change) are validated and looked up in the workspace, never joined to a
// path; every response carries a strict Content-Security-Policy; every
// POST needs the server's CSRF token; a Server given a token refuses any
// request without it; request bodies are limited. A decision is appended
// and fsynced by review.Log before its response is written, so an
// acknowledged decision survives a crash or a shutdown.
package web
