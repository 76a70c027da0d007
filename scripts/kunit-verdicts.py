#!/usr/bin/env python3
# usage: kunit-verdicts.py <results.json> <suites file> <label>
# Print one "PASS|FAIL <label>/<suite> ..." line per suite the suites file
# (configs/kunit-suites-<arch>.txt) names: the suite must have run, every
# case must pass, and only the cases on its skip= list may skip. Exits 1
# if any suite fails.
import json, sys
res = json.load(open(sys.argv[1]))
label = sys.argv[3]
want = {}
for line in open(sys.argv[2]):
    words = line.split("#")[0].split()
    if words:
        skips = [w[5:].split(",") for w in words[1:] if w.startswith("skip=")]
        want[words[0]] = set(skips[0]) if skips else set()
seen = {}
def walk(t):
    for s in t.get("sub_groups", []):
        seen[s["name"]] = s
        walk(s)
walk(res)
bad = 0
for name, may_skip in want.items():
    s = seen.get(name)
    if s is None:
        print(f"FAIL {label}/{name} missing: the suite did not run")
        bad = 1
        continue
    cases = s.get("test_cases", [])
    broken = [c["name"] for c in cases if c["status"] not in ("PASS", "SKIP")]
    skipped = [c["name"] for c in cases if c["status"] == "SKIP"]
    unexpected = [c for c in skipped if c not in may_skip]
    if broken or not cases:
        print(f"FAIL {label}/{name} failed: {', '.join(broken) or 'no test cases'}")
        bad = 1
    elif unexpected:
        print(f"FAIL {label}/{name} unexpected skips: {', '.join(unexpected)}")
        bad = 1
    else:
        print(f"PASS {label}/{name} {len(cases) - len(skipped)} passed, {len(skipped)} known skips")
sys.exit(bad)
