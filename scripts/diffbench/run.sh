#!/usr/bin/env bash
# run.sh times clausetrack's diff against git's word diff on generated
# agreement pairs of 500, 2,000 and 8,000 clauses (internal/gen: about 30
# words a clause, 2% of the words edited, renumbering, moves, a deletion).
#
# Usage, from anywhere in the repository:
#
#	scripts/diffbench/run.sh            # 5 timed runs of each, median
#	RUNS=9 SIZES="2000" scripts/diffbench/run.sh
#	CLAUSETRACK=/path/to/clausetrack scripts/diffbench/run.sh
#	KEEP=/tmp/pairs scripts/diffbench/run.sh   # keep the generated files
#	OURS=compare scripts/diffbench/run.sh      # time diffbench -compare even if clausetrack diff exists
#
# Ours is "clausetrack diff OLD NEW --format json > /dev/null" when the
# clausetrack built from this tree (or $CLAUSETRACK) has a diff command;
# otherwise it is "diffbench -compare OLD NEW": read, segment both as plain
# text and diff.Compare, built once. Git is
# "git diff --no-index --word-diff=porcelain OLD NEW > /dev/null".
# Times are wall-clock medians (and minima) over RUNS runs after one
# warm-up run; the ratio is ours/git of the medians. Peak
# RSS is from /usr/bin/time -v, or from getrusage inside diffbench when
# /usr/bin/time is missing (then git's column says "-").
set -euo pipefail

cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-500 2000 8000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pairs=${KEEP:-$work}
mkdir -p "$pairs"

go build -o "$work/diffbench" ./scripts/diffbench

# Which program is ours.
ours=()
label=""
ct=${CLAUSETRACK:-}
if [ "${OURS:-}" = compare ]; then
	ct=""
elif [ -z "$ct" ] && go build -o "$work/clausetrack" ./cmd/clausetrack 2>/dev/null; then
	ct=$work/clausetrack
fi
if [ -n "$ct" ] && "$ct" --help 2>/dev/null | grep -qE '^[[:space:]]+diff[[:space:]]'; then
	ours=("$ct" diff)
	label="clausetrack diff --format json"
fi

# cmd_ours and cmd_git set cmd to the command comparing OLD and NEW, and
# maxrc to the highest exit status that is not a failure (git diff exits 1
# when the files differ; clausetrack exits 1 on an error).
cmd_ours() {
	maxrc=0
	if [ ${#ours[@]} -gt 0 ]; then
		cmd=("${ours[@]}" "$1" "$2" --format json)
	else
		cmd=("$work/diffbench" -q -compare "$1" "$2")
	fi
}
cmd_git() {
	maxrc=1
	cmd=(git diff --no-index --word-diff=porcelain "$1" "$2")
}

# run runs cmd, output discarded.
run() {
	local rc=0
	"${cmd[@]}" >/dev/null 2>&1 || rc=$?
	if [ "$rc" -gt "$maxrc" ]; then
		echo "failed (exit $rc): ${cmd[*]}" >&2
		return 1
	fi
}

now() { date +%s%N; }

# timing FN OLD NEW: median and least wall time of RUNS runs, in seconds.
timing() {
	local i t0 t1 cmd maxrc
	"$1" "$2" "$3"
	run # warm-up
	for ((i = 0; i < RUNS; i++)); do
		t0=$(now)
		run
		t1=$(now)
		echo $((t1 - t0))
	done | sort -n | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f\n", m / 1e9, v[1] / 1e9}'
}

# rss_mb FN OLD NEW: peak resident set size in MB, or "-".
rss_mb() {
	local cmd maxrc
	"$1" "$2" "$3"
	if [ -x /usr/bin/time ]; then
		{ /usr/bin/time -v "${cmd[@]}" 2>&1 >/dev/null || true; } |
			awk -F: '/Maximum resident set size/ {printf "%.1f", $2 / 1024}'
	elif [ "$1" = cmd_ours ] && [ ${#ours[@]} -eq 0 ]; then
		"$work/diffbench" -compare "$2" "$3" 2>&1 | sed -n 's/.*maxrss_mb=\([0-9.]*\).*/\1/p'
	else
		printf -- "-"
	fi
}

if [ ${#ours[@]} -gt 0 ]; then
	# Check the command accepts two files before timing it.
	"$work/diffbench" -n 500 -out "$work/probe" >/dev/null
	cmd_ours "$work/probe/old-500.txt" "$work/probe/new-500.txt"
	if ! run 2>/dev/null; then
		echo "clausetrack diff failed on the probe pair; timing diffbench -compare instead" >&2
		ours=()
	fi
fi
[ -n "$label" ] && [ ${#ours[@]} -gt 0 ] || label="diffbench -compare (segment+Compare)"

echo "ours: $label"
echo "git:  git diff --no-index --word-diff=porcelain ($(git --version | awk '{print $3}'))"
echo "runs: $RUNS, median (and least) wall time; ratio of medians; peak RSS from $([ -x /usr/bin/time ] && echo '/usr/bin/time -v' || echo 'getrusage')"
echo
printf "%8s %8s %8s %8s %8s %8s %8s %8s %7s\n" clauses words ours_s "(min)" ours_MB git_s "(min)" git_MB ratio
for n in $SIZES; do
	"$work/diffbench" -n "$n" -out "$pairs" >/dev/null
	old=$pairs/old-$n.txt new=$pairs/new-$n.txt
	words=$(wc -w <"$old")
	read -r ot omin < <(timing cmd_ours "$old" "$new")
	read -r gt gmin < <(timing cmd_git "$old" "$new")
	om=$(rss_mb cmd_ours "$old" "$new")
	gm=$(rss_mb cmd_git "$old" "$new")
	ratio=$(awk -v o="$ot" -v g="$gt" 'BEGIN {if (g > 0) printf "%.1fx", o / g; else print "inf"}')
	printf "%8d %8d %8s %8s %8s %8s %8s %8s %7s\n" "$n" "$words" "$ot" "$omin" "$om" "$gt" "$gmin" "$gm" "$ratio"
done
