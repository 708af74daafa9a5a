// Package review keeps counsel's decisions and comments on the changes
// between two versions of an agreement.
//
// Its place in the pipeline is beside report/: it takes a
// [diff.Comparison] computed by the caller and the events of the review
// log, and gives each change of the comparison its status (open,
// accepted, rejected, flagged, stale), its latest decision and its
// comments.
//
// The store is an append-only JSONL file in the workspace folder,
// [LogFile], one [Event] per line: a review started, a decision, a
// comment. [Log.Append] writes a whole line with one write under an
// exclusive lock on [LockName] and syncs it before it returns, so an
// acknowledged event is on disk and no two writers interleave. Events are
// never rewritten or deleted; a decision is changed by a later one, and
// the current state is the latest decision per change ([Fold]). A torn
// last line (an append cut short by a crash) is left out on read and
// reported by [Check]; it was never acknowledged.
//
// Decisions are recorded against a change's id (stable while both
// clauses keep their texts), the hash of its content and its anchor (the
// clause it starts from). When a version is replaced, the recomputed
// change may have new content and so a new id: it finds the old decision
// by its anchor and shows it as stale instead of dropping or applying it.
//
// The package reads no documents (corpus/ does) and knows nothing of
// flags or terminals; its only I/O is the log and its two companion
// files (the lock and the set-aside torn lines).
package review
