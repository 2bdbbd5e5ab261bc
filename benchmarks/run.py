#!/usr/bin/env python3
"""Runs ctorm_benchmarks or ctorm_pg_benchmarks and prints markdown tables of medians and ratios.

    python3 benchmarks/run.py BINARY [--json FILE] [--no-interleave] [-- extra benchmark args]
    python3 benchmarks/run.py BINARY --callgrind [--scale F] [--jobs N]
    (PostgreSQL: either also takes --conninfo STR)

Time: the repetitions of all benchmarks are interleaved in random order in one process
(--benchmark_enable_random_interleaving), unless --no-interleave is given; the table shows the
median of each. Extra arguments after `--` go to the binary (e.g. `-- --scale=0.5`). --json
keeps the raw JSON output.

Instructions (--callgrind): every case runs once under `valgrind --tool=callgrind`, counting
only the measured call (the binary's --instructions mode), at --scale (default 0.05). Counts
are repeatable whatever else the machine does, so the ratios are stable where times are not.
On PostgreSQL only the client process is counted: the server is another process.

PostgreSQL (the binary's cases include workload 7, insert_all): the server is --conninfo, else
$CTORM_BENCH_PG, else a throwaway one that this script starts with tests/postgresql/server.sh
and stops at the end, shared by every callgrind run.
"""

import argparse
import concurrent.futures
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SERVER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "postgresql", "server.sh")

# (title, workload, ctorm contender, target ctorm/raw)
ROWS = [
    ("1. insert 100k users + 300k posts, one transaction", "insert", "ctorm", 1.05),
    ("2. select all posts: `db.all<Post>()`", "select_all", "ctorm", 1.05),
    ("2. select all posts: `db.select<Post>().all()`", "select_all", "ctorm_select", 1.05),
    ("3. point lookups by key", "point_lookup", "ctorm", 1.05),
    ("4. join posts with author name, age > 30", "join", "ctorm", 1.05),
    ("5. eager load users with posts", "eager", "ctorm", 1.15),
    ("6. nested eager load users -> posts -> comments", "nested", "ctorm", 1.15),
    # PostgreSQL only: COPY against COPY; no target of its own (see INSERT_ALL_SPEEDUP).
    ("7. insert_all 300k posts (COPY binary)", "insert_all", "ctorm", None),
]

# PostgreSQL: db.insert_all must take at most 1/5 of the time of single db.insert calls.
INSERT_ALL_SPEEDUP = 5.0

# The library compared besides raw: (case suffix, column title).
PEERS = [("soci", "SOCI"), ("pqxx", "libpqxx")]


def table(values, unit, fmt, timed=True):
    """Markdown table of `values` ({case name: number}); returns (lines, targets missed). The
    insert_all speedup is a target of time only (`timed`)."""
    peer, peer_title = next(((p, t) for p, t in PEERS if any(k.endswith("." + p) for k in values)), PEERS[0])
    lines = [
        "| workload | raw %s | ctorm %s | ctorm/raw | target | %s %s | %s/raw | ctorm/%s | raw N+1 %s | ctorm/N+1 |"
        % (unit, unit, peer_title, unit, peer_title, peer_title, unit),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    missed = []
    shown = set()
    for title, workload, contender, target in ROWS:
        raw = values.get(workload + ".raw")
        orm = values.get(workload + "." + contender)
        if raw is None or orm is None:
            continue
        shown.update((workload + ".raw", workload + "." + contender))
        ratio = orm / raw
        cells = [title, fmt % raw, fmt % orm, "%.2f" % ratio, "%.2f" % target if target else ""]
        if target and ratio > target:
            cells[3] += " **over**"
            missed.append("%s: ctorm/raw %.2f > %.2f" % (title, ratio, target))
        other = values.get(workload + "." + peer)
        if other is not None:
            shown.add(workload + "." + peer)
            r = orm / other
            cells += [fmt % other, "%.2f" % (other / raw), "%.2f%s" % (r, " **not below**" if r >= 1 else "")]
            if r >= 1:
                missed.append("%s: ctorm/%s %.2f >= 1" % (title, peer_title, r))
        else:
            cells += ["", "", ""]
        n1 = values.get(workload + ".raw_n_plus_1")
        if n1 is not None:
            shown.add(workload + ".raw_n_plus_1")
            r = orm / n1
            cells += [fmt % n1, "%.2f%s" % (r, " **not below**" if r >= 1 else "")]
            if r >= 1:
                missed.append("%s: ctorm/N+1 %.2f >= 1" % (title, r))
        else:
            cells += ["", ""]
        lines.append("| " + " | ".join(cells) + " |")

    bulk, single = values.get("insert_all.ctorm"), values.get("insert_all.ctorm_insert")
    if bulk is not None and single is not None:
        shown.add("insert_all.ctorm_insert")
        speedup = single / bulk
        under = timed and speedup < INSERT_ALL_SPEEDUP
        lines += [
            "",
            "| 300k posts | `db.insert_all` %s | single `db.insert`s, one transaction, %s | speedup | target |" % (unit, unit),
            "|---|---:|---:|---:|---:|",
            "| 7. insert_all against single inserts | %s | %s | %.1fx%s | %s |"
            % (fmt % bulk, fmt % single, speedup, " **under**" if under else "",
               "%.0fx" % INSERT_ALL_SPEEDUP if timed else "(time only)"),
        ]
        if under:
            missed.append("insert_all: %.1fx faster than single inserts < %.0fx" % (speedup, INSERT_ALL_SPEEDUP))

    rest = sorted(k for k in values if k not in shown)
    if rest:
        lines += ["", "Other cases: " + "; ".join("%s %s %s" % (k, fmt % values[k], unit) for k in rest) + "."]
    return lines, missed


def run_time(args, extra):
    cmd = [args.binary, "--benchmark_format=json"] + args.server_args
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
    keys = ("users", "posts", "comments", "lookups", "eager_users", "sqlite", "postgresql", "libpq")
    sizes = ", ".join("%s=%s" % (k, ctx[k]) for k in keys if k in ctx)
    print("Medians of 5 repetitions (wall time, ms); %s.\n" % sizes)
    return table(medians, "ms", "%.3f")


def count_instructions(binary, name, scale, server_args):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=ctorm_bench_measured",
               "--callgrind-out-file=" + out, binary, "--instructions=" + name, "--scale=%g" % scale]
        # The SQLite binary's files go to a directory of their own; the PostgreSQL one's schemas
        # are named after its process.
        cmd += server_args or ["--dir=" + tmp + "/db"]
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.exit("callgrind run of %s failed:\n%s" % (name, proc.stderr[-2000:]))
        with open(out) as f:
            for line in f:
                m = re.match(r"(?:totals|summary):\s+(\d+)", line)
                if m:
                    return int(m.group(1))
    sys.exit("no instruction total for %s" % name)


def run_callgrind(args):
    names = list_cases(args.binary)
    print("counting instructions of %d cases at scale %g, %d at a time" % (len(names), args.scale, args.jobs), file=sys.stderr)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        counts = dict(zip(names, pool.map(lambda n: count_instructions(args.binary, n, args.scale, args.server_args), names)))
    print("Instructions (callgrind, millions) of one run of each case, at scale %g.\n" % args.scale)
    return table({k: v / 1e6 for k, v in counts.items()}, "M instr", "%.2f", timed=False)


def list_cases(binary):
    return subprocess.run([binary, "--list"], stdout=subprocess.PIPE, text=True, check=True).stdout.split()


@contextlib.contextmanager
def postgresql_server(binary, conninfo):
    """The binary's arguments naming the PostgreSQL server: none for the SQLite binary; the
    given server; or a throwaway one started here and stopped on leaving."""
    if not any(n.startswith("insert_all.") for n in list_cases(binary)):
        yield []
        return
    conninfo = conninfo or os.environ.get("CTORM_BENCH_PG")
    if conninfo:
        yield ["--conninfo=" + conninfo]
        return
    state = tempfile.mkdtemp(prefix="ctorm-pg-run-")
    try:
        subprocess.run([SERVER_SCRIPT, "start", state], check=True, stdout=sys.stderr)
        with open(os.path.join(state, "conninfo")) as f:
            yield ["--conninfo=" + f.read().strip()]
    finally:
        subprocess.run([SERVER_SCRIPT, "stop", state], stdout=sys.stderr)
        shutil.rmtree(state, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--json", help="also write the benchmark JSON here")
    parser.add_argument("--no-interleave", action="store_true", help="run each benchmark's repetitions together")
    parser.add_argument("--callgrind", action="store_true", help="count instructions instead of timing")
    parser.add_argument("--scale", type=float, default=0.05, help="sizes for --callgrind (default 0.05)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel callgrind runs (default 2)")
    parser.add_argument("--conninfo", help="PostgreSQL: the server (default $CTORM_BENCH_PG, else a throwaway one)")
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    args = parser.parse_args(argv)

    with postgresql_server(args.binary, args.conninfo) as args.server_args:
        lines, missed = run_callgrind(args) if args.callgrind else run_time(args, extra)
    print("\n".join(lines))
    if missed:
        print("\nMissed: " + "; ".join(missed))
    else:
        print("\nEvery target is met.")


if __name__ == "__main__":
    main()
