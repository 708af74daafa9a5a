// Package rights finds the rights and restrictions an agreement's clauses
// carry and follows them through the agreement's versions: the ledger of
// which rights each party kept, narrowed, broadened, gained or gave up at
// every step.
//
// # Place in the pipeline
//
// rights reads what clauses and diff make: [Classify] takes a segmented
// [clauses.Document] and returns, per clause, the [Class]es it carries
// (category, holder, strength, scope, term, figures, carve-outs and the
// span of the words that prove it); [Build] takes every version, classified
// and with its clauses' lineage from diff.Chain, and returns the [Ledger];
// [Conflicts] checks the restrictions in force in a ledger's latest version
// against another agreement. report renders ledgers; index stores each
// clause's categories and holders. rights does no I/O and keeps no state:
// rules and word lists only, no models, so the same documents always give
// the same ledger.
//
// # Statuses
//
// A right is (category, holder, scope). Between two versions it is kept
// unless its strength, end date, figures, carve-outs, limits, place or the
// definitions it relies on say otherwise (see judge.go); rewording,
// renumbering, moving and new cross-references are kept. [Playbook] adds
// the rights counsel name, tracked like the others.
package rights
