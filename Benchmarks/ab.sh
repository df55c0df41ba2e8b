#!/usr/bin/env bash
# Two builds of tariff, side by side on the same accounts: each round runs `tariff bench` with
# one, then the other, back to back, and the table gives, per size and path, the fastest run
# of each and the median over the rounds of new ÷ old (with how often new was faster).
# On a shared host a run moves by 10-30% with the other tenants; pairing the runs and taking
# the median ratio is what stays steady enough to tell a few percent.
#
#   Benchmarks/ab.sh OLD_TARIFF NEW_TARIFF DATA_DIR [ROUNDS]
#
# DATA_DIR holds small.jsonl, medium.jsonl and large.jsonl (the peers' generated accounts:
# `gen_accounts.py` in a copy of ../shared/peers, or `KEEP=1 Benchmarks/compare.sh`).
# To build an older commit beside this one:
#   git worktree add /tmp/old COMMIT && (cd /tmp/old && swift build -c release --product tariff)
# Environment: SECONDS_PER_RUN (default 0.25), RUNS per bench (default 3), RULES
# (default Benchmarks/peer-rules).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
old="$1"; new="$2"; data="$3"; rounds="${4:-12}"
rules="${RULES:-$root/Benchmarks/peer-rules}"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

# One line per run: which build, then CPU µs per account for small, medium and large, parsed
# then JSON, in that order.
bench() {
  "$2" bench --rules "$rules" --seconds "${SECONDS_PER_RUN:-0.25}" --runs "${RUNS:-3}" \
      "$data/small.jsonl" "$data/medium.jsonl" "$data/large.jsonl" 2>/dev/null |
    awk -F'|' -v who="$1" '/^\| (small|medium|large) /{
        split($4, parsed, "/"); split($5, json, "/"); line = line " " parsed[2] + 0 " " json[2] + 0 }
      END { print who line }'
}

for round in $(seq "$rounds"); do
  bench old "$old" >> "$results"
  bench new "$new" >> "$results"
  echo "round $round of $rounds" >&2
done

python3 - "$results" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
old = [list(map(float, r[1:])) for r in rows if r[0] == "old"]
new = [list(map(float, r[1:])) for r in rows if r[0] == "new"]
names = ["small parsed", "small JSON", "medium parsed", "medium JSON", "large parsed", "large JSON"]
print("| µs per account (CPU) | old, fastest | new, fastest | new ÷ old, median of the pairs | new faster |")
print("|---|---:|---:|---:|---:|")
for k, name in enumerate(names):
    ratios = [b[k] / a[k] for a, b in zip(old, new)]
    print(f"| {name} | {min(a[k] for a in old):.2f} | {min(b[k] for b in new):.2f} | "
          f"{statistics.median(ratios):.3f} | {sum(r < 1 for r in ratios)} of {len(ratios)} |")
EOF
