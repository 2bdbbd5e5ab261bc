#!/usr/bin/env python3
"""Runs ctorm_benchmarks and prints a markdown table of the medians.

    python3 benchmarks/run.py BINARY [--json FILE] [--no-interleave] [-- extra benchmark args]

Repetitions of all benchmarks are interleaved in random order in one process
(--benchmark_enable_random_interleaving), unless --no-interleave is given. Extra arguments
after `--` go to the binary (e.g. `-- --scale=0.5`). --json keeps the raw JSON output.
"""

import argparse
import json
import subprocess
import sys

# (workload, raw benchmark, ctorm benchmark, target ratio, N+1 benchmark)
WORKLOADS = [
    ("1. insert users + posts, one transaction", "BM_Insert_Raw", "BM_Insert_Ctorm", 1.05, None),
    ("2. select all posts: `db.all<Post>()`", "BM_SelectAll_Raw", "BM_SelectAll_CtormAll", 1.05, None),
    ("2. select all posts: `db.select<Post>().all()`", "BM_SelectAll_Raw", "BM_SelectAll_CtormSelect", 1.05, None),
    ("3. point lookups by key", "BM_PointLookup_Raw", "BM_PointLookup_Ctorm", 1.05, None),
    ("4. join posts with author name, age > 30", "BM_Join_Raw", "BM_Join_Ctorm", 1.05, None),
    ("5. eager load users with posts (raw: two queries)", "BM_Eager_Raw", "BM_Eager_Ctorm", 1.15, "BM_Eager_RawNPlus1"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--json", help="also write the benchmark JSON here")
    parser.add_argument("--no-interleave", action="store_true", help="run each benchmark's repetitions together")
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    args = parser.parse_args(argv)

    cmd = [args.binary, "--benchmark_format=json"]
    if not args.no_interleave:
        cmd.append("--benchmark_enable_random_interleaving=true")
    cmd += extra
    print("running: " + " ".join(cmd), file=sys.stderr)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout)
        sys.exit("benchmark binary failed with exit code %d" % proc.returncode)
    if args.json:
        with open(args.json, "w") as f:
            f.write(proc.stdout)
    report = json.loads(proc.stdout)

    medians = {}
    to_ms = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
    for b in report["benchmarks"]:
        if b.get("run_type") != "aggregate" or b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].split("/")[0]
        medians[name] = b["real_time"] * to_ms[b["time_unit"]]

    ctx = report.get("context", {})
    sizes = ", ".join("%s=%s" % (k, ctx[k]) for k in ("users", "posts", "lookups", "eager_users", "sqlite") if k in ctx)
    print("Medians of 5 repetitions (wall time); %s.\n" % sizes)
    print("| workload | raw median ms | ctorm median ms | ctorm/raw | target | raw N+1 median ms | ctorm/N+1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    over = []
    for title, raw, orm, target, n1 in WORKLOADS:
        if raw not in medians or orm not in medians:
            continue
        ratio = medians[orm] / medians[raw]
        mark = " **over**" if ratio > target else ""
        if mark:
            over.append("%s: %.2f > %.2f" % (title, ratio, target))
        n1_ms = n1_ratio = ""
        if n1 and n1 in medians:
            n1_ms = "%.3f" % medians[n1]
            r = medians[orm] / medians[n1]
            n1_ratio = "%.2f%s" % (r, " **not below**" if r >= 1 else "")
            if r >= 1:
                over.append("%s: ctorm/N+1 %.2f >= 1" % (title, r))
        print("| %s | %.3f | %.3f | %.2f%s | %.2f | %s | %s |" % (title, medians[raw], medians[orm], ratio, mark, target, n1_ms, n1_ratio))
    if over:
        print("\nAbove target: " + "; ".join(over))
    else:
        print("\nEvery ratio is within its target.")


if __name__ == "__main__":
    main()
