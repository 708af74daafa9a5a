// Clausetrack is the command line of clausetrack: it parses flags, calls
// the pipeline packages (corpus, clauses, report) and maps errors to exit
// codes. It holds no algorithm of its own.
//
// Results go to standard output, or to the file named by -o; messages go
// to standard error as "clausetrack: error: …" and "clausetrack: hint: …",
// lower case, with no trailing period. Exit codes: 0 success, 1 error,
// 2 usage error.
package main
