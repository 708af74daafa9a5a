// Package indexer keeps a workspace's clause index in step with its
// stored versions: it follows each agreement's clauses through its
// versions (their lineage), indexes every version that is missing or out
// of date one batch a version, rebuilds the index beside the old one and
// swaps it in, and checks the workspace and the index against each other.
package indexer
