#!/usr/bin/env python3
"""Checks Tariff's invoices against the peers' plain-Python reference (the oracle).

For each size, bills the first COUNT accounts of DATA/<size>.jsonl with
`tariff bill --rules RULES --format peers` and compares every account's canonical invoice
with `peer_reference.Peer.canonical(...)`: totals (subtotal, credits applied, total), every
line (description, quantity, unit price, amount) and every violation (rule, e164, country).
Exit status 1 on any disagreement.

  python3 Benchmarks/peer_check.py --peers ../shared/peers --data /tmp/peers/data \\
      --tariff .build/release/tariff --rules Benchmarks/peer-rules --count 1000

Needs Python 3 with PyYAML (peer_reference.py reads rules/pricing.yaml with it).
"""
import argparse
import itertools
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peers", required=True, help="a copy of shared/peers (peer_reference.py, rules/)")
    ap.add_argument("--data", required=True, help="the folder of <size>.jsonl files gen_accounts.py wrote")
    ap.add_argument("--tariff", required=True, help="the tariff executable")
    ap.add_argument("--rules", required=True, help="the peer-rules directory")
    ap.add_argument("--sizes", default="small,medium,large")
    ap.add_argument("--count", default="1000", help="accounts per size: N, or small=N,medium=N,large=N")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.peers))
    import peer_reference  # noqa: E402

    oracle = peer_reference.Peer(os.path.join(a.peers, "rules", "pricing.yaml"))
    counts = dict(part.split("=") for part in a.count.split(",")) if "=" in a.count else {}
    failed_total = 0
    checked_total = 0
    for size in a.sizes.split(","):
        count = int(counts.get(size, a.count if not counts else 0))
        with open(os.path.join(a.data, f"{size}.jsonl")) as f:
            lines = list(itertools.islice(f, count))
        run = subprocess.run([a.tariff, "bill", "--rules", a.rules, "--format", "peers"],
                             input="".join(lines), capture_output=True, text=True)
        got = [json.loads(l) for l in run.stdout.splitlines()]
        problems = []
        if run.returncode != 0:
            problems.append(("-", "exit", f"tariff bill exited {run.returncode}: {run.stderr[:500]}"))
        if len(got) != len(lines):
            problems.append(("-", "count", f"{len(got)} invoices for {len(lines)} accounts"))
        for line, inv in zip(lines, got):
            exp = oracle.canonical(oracle.evaluate(json.loads(line)))
            aid = exp["account_id"]
            if inv["account_id"] != aid:
                problems.append((aid, "account", f"got invoice of {inv['account_id']}"))
                continue
            tot = lambda d: (d["subtotal"], d["credits_applied"], d["total"])
            if tot(inv) != tot(exp):
                problems.append((aid, "totals", f"got {tot(inv)} expected {tot(exp)}"))
            got_lines = [tuple(l) for l in inv["lines"]]
            if got_lines != exp["lines"]:
                diff = [(g, e) for g, e in zip(got_lines, exp["lines"]) if g != e][:1]
                problems.append((aid, "lines", f"{len(got_lines)} vs {len(exp['lines'])} lines; first diff {diff}"))
            got_violations = [(v["rule"], v["e164"], v["country"]) for v in inv["violations"]]
            if got_violations != exp["violations"]:
                problems.append((aid, "violations", f"{got_violations} vs {exp['violations']}"))
        bad_accounts = len({p[0] for p in problems})
        failed_total += bad_accounts
        checked_total += len(lines)
        print(f"{size:6} {len(lines)} accounts  {'AGREE' if not problems else 'DISAGREE'}  "
              f"({bad_accounts} accounts differ)", flush=True)
        for p in problems[:5]:
            print("    e.g.", *p)
    print(f"peers: {checked_total - failed_total} agree, {failed_total} differ")
    sys.exit(1 if failed_total else 0)


if __name__ == "__main__":
    main()
