#!/usr/bin/env python3
"""Writes, under each message of docs/errors.md, the first lines GCC and Clang print for it.

For every ```text block that quotes a `ctorm:` message, the compile-fail test whose
`// expect: ctorm:` line matches that message is compiled with both compilers; the first error
line and the note right after it (the place: struct, member, relation) are written in a
```console block after the message, without paths and line numbers, which change with every
edit. Run from the repository root after a message or a check changes:

    python3 docs/first_lines.py [--gcc g++] [--clang clang++-14] [--jobs 2]
"""
import argparse
import concurrent.futures
import glob
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "errors.md")
MARK = "As printed:"


def first_lines(compiler, source):
    """The first `error:` line and the first `note:` line after it, before any later error."""
    flags = ["-std=c++20", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only",
             "-I" + os.path.join(ROOT, "include")]
    run = subprocess.run([compiler, *flags, source], capture_output=True, text=True)
    lines = run.stderr.splitlines()
    picked = []
    for i, line in enumerate(lines):
        if "error:" in line:
            picked.append(line)
            for after in lines[i + 1:]:
                if "error:" in after:
                    break
                if "note:" in after:
                    picked.append(after)
                    break
            break
    # "file:line:col: error: ..." -> "error: ..."; GCC's typographic quotes -> ASCII.
    out = [re.sub(r"^.*?(error|note): ", r"\1: ", p) for p in picked]
    # Paths inside messages (Clang's "lambda at FILE") are written from the repository root.
    out = [p.replace(ROOT + os.sep, "") for p in out]
    return [p.replace("\u2018", "'").replace("\u2019", "'") for p in out]


def tests_by_message():
    tests = []
    for source in sorted(glob.glob(os.path.join(ROOT, "tests", "compile_fail", "*.fail.cpp"))):
        with open(source) as f:
            for line in f:
                m = re.match(r"^// expect: (ctorm: .*)$", line.rstrip("\n"))
                if m:
                    tests.append((m.group(1), source))
                    break
    return tests


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gcc", default="g++")
    parser.add_argument("--clang", default="clang++-14")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    with open(DOC) as f:
        text = f.read()
    # Drop what an earlier run wrote.
    text = re.sub(r"\n" + re.escape(MARK) + r"\n\n```console\n.*?\n```\n", "", text, flags=re.S)

    tests = tests_by_message()
    blocks = list(re.finditer(r"```text\n(ctorm: [^\n]*)\n```\n", text))
    wanted = {}
    for block in blocks:
        message = block.group(1)
        # Several tests may expect one message (a Default<> and an Is<> value): a section names
        # its own with a comment on the line before the message.
        pinned = re.search(r"<!-- first lines: (\S+) -->\n$", text[:block.start()])
        if pinned:
            wanted[block.start()] = os.path.join(ROOT, pinned.group(1))
            continue
        for regex, source in tests:
            if re.search(regex, message):
                wanted[block.start()] = source
                break

    jobs = sorted(set(wanted.values()))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        gcc = dict(zip(jobs, pool.map(lambda s: first_lines(args.gcc, s), jobs)))
        clang = dict(zip(jobs, pool.map(lambda s: first_lines(args.clang, s), jobs)))

    out, last = [], 0
    for block in blocks:
        out.append(text[last:block.end()])
        last = block.end()
        source = wanted.get(block.start())
        if source is None:
            continue
        name = os.path.relpath(source, ROOT)
        shown = ["// GCC 12, " + name] + gcc[source] + ["// Clang 14"] + clang[source]
        out.append("\n" + MARK + "\n\n```console\n" + "\n".join(shown) + "\n```\n")
    out.append(text[last:])
    with open(DOC, "w") as f:
        f.write("".join(out))
    print(f"{len(wanted)} of {len(blocks)} messages shown as printed")


if __name__ == "__main__":
    main()
