// Package index keeps every clause of every version of every agreement in
// a Bleve index on disk, so the whole history can be searched at once.
//
// It is the only package that imports Bleve, and its exported API is free
// of Bleve types. One document is one clause of one version; each version
// is written in one batch together with its entry in the index's
// register, so a version is either wholly visible or not at all. The
// index is derived data; package indexer fills it from a workspace.
package index
