#!/usr/bin/env bash
# Runs the peers' bench.py and `tariff bench` on the same generated accounts and prints one
# Markdown table with the ratios. Works in a temporary copy of ../shared/peers (read-only).
#
#   Benchmarks/compare.sh                                  # reference, zen, cel-rust; ~3 min
#   PEERS=reference,zen TARGET=1 Benchmarks/compare.sh     # fewer peers, shorter runs
#   MILLION=1 Benchmarks/compare.sh                        # also: tariff bill on 1,000,000 medium accounts
#
# Environment: PEERS (bench.py short names), TARGET (seconds per run), RUNS, SHARED_PEERS
# (default ../shared/peers), TARIFF (a built tariff; default: release build in .build-perf),
# KEEP=1 keeps the temporary folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
peers_src="${SHARED_PEERS:-$root/../shared/peers}"
peers="${PEERS:-reference,zen,cel-rust}"
target="${TARGET:-2}"
runs="${RUNS:-3}"
work="$(mktemp -d)"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
echo "working in $work" >&2

cp -r "$peers_src" "$work/peers" && chmod -R u+w "$work/peers"
cd "$work/peers"
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python gen_accounts.py >&2
md5sum data/*.jsonl >&2

if [ -z "${TARIFF:-}" ]; then
  (cd "$root" && swift build -c release --scratch-path .build-perf --product tariff >&2)
  TARIFF="$root/.build-perf/release/tariff"
fi
cc -shared -fPIC -O2 -o "$work/libmalloc_counter.so" "$root/Benchmarks/malloc-counter/malloc_counter.c"

echo "== correctness: tariff bill --format peers vs peer_reference.py, 1000 accounts per size" >&2
.venv/bin/python "$root/Benchmarks/peer_check.py" --peers . --data data --tariff "$TARIFF" \
  --rules "$root/Benchmarks/peer-rules" --count 1000 >&2

echo "== tariff bench" >&2
LD_PRELOAD="$work/libmalloc_counter.so" "$TARIFF" bench --rules "$root/Benchmarks/peer-rules" --hand-written \
  --seconds "$target" --runs "$runs" --json "$work/tariff.json" data/small.jsonl data/medium.jsonl data/large.jsonl >&2

echo "== peers: bench.py --peers $peers" >&2
.venv/bin/python bench.py --peers "$peers" --modes dict,json --target "$target" --runs "$runs" --compile-reps 5 >&2

million=""
if [ "${MILLION:-0}" = 1 ]; then
  echo "== tariff bill: 1,000,000 medium accounts (the 1000 generated, 1000 times, one file), all cores, 3 runs" >&2
  for i in $(seq 1000); do cat data/medium.jsonl; done > "$work/million.jsonl"
  : > "$work/million.time"
  for run in 1 2 3; do
    /usr/bin/time -f "%e %U %M" -a -o "$work/million.time" \
      "$TARIFF" bill --rules "$root/Benchmarks/peer-rules" --format peers "$work/million.jsonl" > /dev/null
  done
  rm -f "$work/million.jsonl"
  million="$work/million.time"
fi

.venv/bin/python - "$work/tariff.json" results "$million" <<'PY'
import glob, json, os, sys
tariff = json.load(open(sys.argv[1]))
latest = max(glob.glob(os.path.join(sys.argv[2], "bench-*.json")), key=os.path.getmtime)
peers = json.load(open(latest))
t = {s["size"]: s for s in tariff["sizes"]}
sizes = [s for s in ("small", "medium", "large") if s in t]
labels = {}
cells = {}
for r in peers["results"]:
    labels[r["peer"]] = r["label"]
    cells[(r["peer"], r["mode"], r["size"])] = r["us_per_account"]["median"]
def us(x):
    return f"{x:,.2f}" if x < 10 else (f"{x:,.1f}" if x < 1000 else f"{x:,.0f}")
def ratio(x):
    return f"{x:,.0f}×" if x >= 10 else (f"{x:,.1f}×" if x >= 1 else f"{x:,.2f}×")
cpu = {(r["peer"], r["mode"], r["size"]): r["cpu_us_per_account_median"] for r in peers["results"]}
def table(title, ours_parsed, ours_json, theirs):
    print(title)
    print()
    print("| engine | input | " + " | ".join(sizes) + " |")
    print("|---|---|" + "---:|" * len(sizes))
    print("| **Tariff** | parsed snapshot → Invoice | " + " | ".join(us(t[s][ours_parsed]) for s in sizes) + " |")
    print("| **Tariff** | JSON line → invoice JSON line | " + " | ".join(us(t[s][ours_json]) for s in sizes) + " |")
    # The same workload written by hand in Swift, no engine (tariff bench --hand-written).
    hand = ours_parsed.replace("parsed", "hand_written")
    if all(hand in t[s] for s in sizes):
        print("| Hand-written Swift, no engine | parsed snapshot → invoice | "
              + " | ".join(f"{us(t[s][hand])} ({ratio(t[s][hand] / t[s][ours_parsed])})" for s in sizes) + " |")
    for peer in dict.fromkeys(r["peer"] for r in peers["results"]):
        for mode, ours, what in (("dict", ours_parsed, "Python dict"), ("json", ours_json, "JSON line")):
            row = []
            for s in sizes:
                v = theirs.get((peer, mode, s))
                row.append("–" if v is None else f"{us(v)} ({ratio(v / t[s][ours])})")
            print(f"| {labels[peer]} | {what} | " + " | ".join(row) + " |")
    print()
print(f"Same data (gen_accounts.py, seed 42, 1000 accounts per size), one thread, median µs per account; "
      f"ratio = peer ÷ Tariff. Load average {peers['meta']['loadavg_start']}–{peers['meta']['loadavg_end']}.")
print()
table("CPU time (the process's for the peers, which counts zen's own threads; the thread's for Tariff): "
      "steadier than wall time on a shared machine.", "parsed_cpu_us", "json_cpu_us", cpu)
table("Wall time.", "parsed_us", "json_us", cells)
def alloc(x):
    return "n/a" if x is None else f"{x:,.1f}"
print("| Tariff | " + " | ".join(sizes) + " |")
print("|---|" + "---:|" * len(sizes))
print("| allocations per account, parsed → Invoice | " + " | ".join(alloc(t[s]["parsed_allocations"]) for s in sizes) + " |")
print("| allocations per account, JSON → JSON | " + " | ".join(alloc(t[s]["json_allocations"]) for s in sizes) + " |")
print()
comp = peers["compile"]
print(f"Rule compile: Tariff reads its 2 rule files in {tariff['read_ms']:.3f} ms and compiles them in "
      f"{tariff['compile_ms']:.3f} ms; " + ", ".join(f"{c['peer']} {c['warm_median_ms']:.3f} ms" for c in comp.values())
      + " (peers: warm construction, median).")
if sys.argv[3]:
    runs = [line.split() for line in open(sys.argv[3]) if line.strip()]
    walls = ", ".join(f"{float(wall):.1f}" for wall, _, _ in runs)
    cpus = ", ".join(f"{float(cpu):.1f}" for _, cpu, _ in runs)
    peak = max(int(kb) for _, _, kb in runs)
    print(f"\ntariff bill --format peers, 1,000,000 medium accounts from one file on every core: {walls} s wall "
          f"({cpus} s CPU) in {len(runs)} runs, peak RSS {peak / 1024:.0f} MiB.")
PY
