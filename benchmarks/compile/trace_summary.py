#!/usr/bin/env python3
"""Summarises a Clang -ftime-trace JSON file: where the compile time goes.

    trace_summary.py TRACE.json [--top K] [--width W]

Prints
  * the phases (Clang's "Total ..." events: wall time summed over all events of that name, so
    nested events of the same name are counted once per level; count);
  * self time (time not spent in a nested event) by event kind: Source, ParseClass,
    InstantiateClass, InstantiateFunction, PerformPendingInstantiations, CodeGen Function,
    the optimiser (OptModule and its passes), ...;
  * for each front-end kind, the templates (name without template arguments) with the most
    self time, summed over all their instantiations, and the instantiation count;
  * the headers with the longest inclusive parse time, counted once per header (the outermost
    #include of it);
  * the single instantiations that took longest (inclusive).
"""

import argparse
import collections
import json
import re
import shutil
import subprocess
import sys

FRONTEND_KINDS = ["Source", "ParseClass", "ParseTemplate", "InstantiateClass", "InstantiateFunction",
                  "PerformPendingInstantiations", "CodeGen Function", "DebugType"]


_NAMES = {}


def template_name(detail):
    """`ns::foo<int, bar<x>>::baz<y>` -> `ns::foo<>::baz<>`; lambdas shortened."""
    name = _NAMES.get(detail)
    if name is not None:
        return name
    out, depth, last = [], 0, 0
    for m in re.finditer(r"[<>]", detail):
        if m.group() == "<":
            if depth == 0:
                out.append(detail[last:m.start()] + "<>")
            depth += 1
        else:
            depth = max(0, depth - 1)
            if depth == 0:
                last = m.end()
    if depth == 0:
        out.append(detail[last:])
    name = re.sub(r"\(lambda at [^)]*\)", "(lambda)", "".join(out))
    _NAMES[detail] = name
    return name


def key(e):
    """What identifies an event for "counted once": the header, or the template's name."""
    detail = e.get("args", {}).get("detail", "")
    return (e["name"], detail if e["name"] == "Source" else template_name(detail))


def demangle_all(events):
    """Replaces mangled function names (OptFunction's details) by readable ones, with c++filt."""
    mangled = sorted({e["args"]["detail"] for e in events
                      if e.get("args", {}).get("detail", "").startswith("_Z")})
    tool = shutil.which("c++filt")
    if not mangled or not tool:
        return
    out = subprocess.run([tool], input="\n".join(mangled) + "\n", capture_output=True, text=True).stdout
    names = dict(zip(mangled, out.split("\n")))
    for e in events:
        d = e.get("args", {}).get("detail", "")
        if d in names:
            e["args"]["detail"] = names[d]


def ms(us):
    return f"{us / 1000:.0f}"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("trace")
    p.add_argument("--top", type=int, default=12)
    p.add_argument("--width", type=int, default=110, help="truncate names to this many characters")
    a = p.parse_args(argv)

    with open(a.trace) as f:
        events = json.load(f)["traceEvents"]
    complete = [e for e in events if e.get("ph") == "X"]
    totals = [e for e in complete if e["name"].startswith("Total ")]
    detailed = [e for e in complete if not e["name"].startswith("Total ")]
    demangle_all(detailed)

    def cut(s):
        return s if len(s) <= a.width else s[: a.width - 3] + "..."

    print(f"# {a.trace}\n")
    print("## Phases (Clang's totals)\n")
    print("| event | ms | count |")
    print("|---|---:|---:|")
    want = ["ExecuteCompiler", "Frontend", "Source", "ParseClass", "InstantiateClass",
            "InstantiateFunction", "PerformPendingInstantiations", "CodeGen Function", "Backend",
            "OptModule", "CodeGenPasses", "OptFunction", "RunPass"]
    by_name = {e["name"][len("Total "):]: e for e in totals}
    for name in want:
        if name in by_name:
            e = by_name[name]
            print(f"| {name} | {ms(e['dur'])} | {e['args'].get('count', '')} |")

    # Self time per event, from the nesting on each thread.
    threads = collections.defaultdict(list)
    for e in detailed:
        threads[e["tid"]].append(e)
    self_time = {}
    outermost = set()  # events with no enclosing event of the same key
    for tid, evs in threads.items():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack, on_stack = [], collections.Counter()
        for e in evs:
            end = e["ts"] + e["dur"]
            while stack and stack[-1]["ts"] + stack[-1]["dur"] < end:
                on_stack[key(stack.pop())] -= 1
            self_time[id(e)] = e["dur"]
            if stack:
                self_time[id(stack[-1])] -= e["dur"]
            k = key(e)
            if on_stack[k] == 0:
                outermost.add(id(e))
            on_stack[k] += 1
            stack.append(e)

    print("\n## Self time by kind\n")
    kinds = collections.Counter()
    for e in detailed:
        kind = e["name"]
        if kind not in FRONTEND_KINDS + ["Frontend", "Backend", "ExecuteCompiler", "OptModule",
                                         "CodeGenPasses", "OptFunction"]:
            kind = "optimiser/codegen passes"
        kinds[kind] += self_time[id(e)]
    print("| kind | self ms |")
    print("|---|---:|")
    for kind, t in kinds.most_common():
        print(f"| {kind} | {ms(t)} |")

    for kind in ["InstantiateClass", "InstantiateFunction", "ParseClass", "CodeGen Function", "OptFunction"]:
        agg = collections.defaultdict(lambda: [0, 0, 0])  # self, count, outermost inclusive
        for e in detailed:
            if e["name"] != kind:
                continue
            name = template_name(e.get("args", {}).get("detail", "?"))
            agg[name][0] += self_time[id(e)]
            agg[name][1] += 1
            if id(e) in outermost:
                agg[name][2] += e["dur"]
        if not agg:
            continue
        print(f"\n## {kind}: top templates by self time\n")
        print("| template | self ms | inclusive ms | events |")
        print("|---|---:|---:|---:|")
        for name, (st, n, inc) in sorted(agg.items(), key=lambda kv: -kv[1][0])[: a.top]:
            print(f"| `{cut(name)}` | {ms(st)} | {ms(inc)} | {n} |")

    print("\n## Headers by inclusive parse time (outermost #include of each)\n")
    src = collections.defaultdict(int)
    for e in detailed:
        if e["name"] != "Source":
            continue
        f = e.get("args", {}).get("detail", "?")
        if id(e) in outermost:
            src[f] += e["dur"]
    print("| header | ms |")
    print("|---|---:|")
    for f, t in sorted(src.items(), key=lambda kv: -kv[1])[: a.top]:
        f = re.sub(r"^.*?/include/", "", f)
        print(f"| `{cut(f)}` | {ms(t)} |")

    print("\n## Longest single instantiations (inclusive)\n")
    print("| kind | ms | detail |")
    print("|---|---:|---|")
    inst = [e for e in detailed if e["name"] in ("InstantiateClass", "InstantiateFunction")]
    for e in sorted(inst, key=lambda e: -e["dur"])[: a.top]:
        print(f"| {e['name']} | {ms(e['dur'])} | `{cut(e.get('args', {}).get('detail', '?'))}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
