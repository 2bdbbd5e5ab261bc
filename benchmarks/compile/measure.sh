#!/usr/bin/env bash
# Compile time and peak compiler memory of ctorm against hand-written sqlite3 code.
#
#   benchmarks/compile/measure.sh
#
# Generates the translation units (generate.py) into a temporary directory, compiles and links
# each one RUNS times per compiler and optimisation level with /usr/bin/time, runs each
# program once (it must exit 0), and prints a markdown table of the medians. Then, unless
# TRACE=0, compiles the 10- and 50-table ctorm units with clang++ -O2 -ftime-trace and
# summarises the traces (trace_summary.py).
#
# Environment:
#   RUNS=3                   compilations per cell (the table shows the median); 0: traces only
#   COMPILERS="g++ clang++"  compilers to measure
#   TRACE=1                  0 skips the -ftime-trace part
#   CTORM_INCLUDE=DIR        ctorm headers to use (default: the include/ next to benchmarks/)
#   OUT=DIR                  where to write the sources, traces and logs (default: a fresh
#                            temporary directory, kept and printed at the end)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
include="${CTORM_INCLUDE:-$here/../../include}"
include="$(cd "$include" && pwd)"
runs="${RUNS:-3}"
compilers="${COMPILERS:-g++ clang++}"
trace="${TRACE:-1}"
out="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/ctorm-compile.XXXXXX")}"
mkdir -p "$out"
flags=(-std=c++20 -Wall -Wextra -Wpedantic -Werror)

if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
fi

# The translation units: name, generator arguments, and the levels they are compiled at.
gen="$here/generate.py"
python3 "$gen" deps -o "$out/deps.cpp"
python3 "$gen" header -o "$out/header.cpp"
python3 "$gen" hana -o "$out/hana.cpp"
python3 "$gen" raw 10 -o "$out/raw10.cpp"
python3 "$gen" raw 10 --eager -o "$out/raweager10.cpp"
for n in 10 20 30 50; do python3 "$gen" ctorm "$n" -o "$out/ctorm$n.cpp"; done
python3 "$gen" ctorm 10 --hana -o "$out/hana10.cpp"

# cell = "tu compiler level"
cells=()
for cxx in $compilers; do
  for level in -O0 -O2; do
    for tu in deps header hana raw10 raweager10 ctorm10 hana10 ctorm20 ctorm30 ctorm50; do
      if [[ $level == -O0 && ( $tu == ctorm20 || $tu == ctorm30 || $tu == hana10 ) ]]; then continue; fi
      cells+=("$tu $cxx $level")
    done
  done
done

describe() {
  case "$1" in
    deps) echo "includes only: boost/pfr.hpp, boost/hana.hpp, sqlite3.h" ;;
    header) echo "includes only: ctorm/ctorm.hpp" ;;
    hana) echo "includes only: ctorm/ctorm.hpp, ctorm/hana.hpp" ;;
    raw10) echo "hand-written sqlite3, 10 tables" ;;
    raweager10) echo "hand-written sqlite3, 10 tables, related rows loaded" ;;
    hana10) echo "ctorm, 10 tables described with Boost.Hana" ;;
    ctorm*) echo "ctorm, ${1#ctorm} tables" ;;
  esac
}

echo "sources, logs and traces: $out" >&2
echo "$(g++ --version | head -1); $(clang++ --version | head -1); nproc $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Round-robin: run r of every cell before run r+1 of any, so that a noisy period does not
# fall on one cell only.
for ((r = 1; r <= runs; r++)); do
  for cell in "${cells[@]}"; do
    read -r tu cxx level <<<"$cell"
    key="${tu}_${cxx}${level}"
    exe="$out/$key.exe"
    log="$out/$key.log"
    if [[ -e "$out/$key.failed" ]]; then continue; fi
    echo "[$r/$runs] $cxx $level $tu" >&2
    # The log keeps 400 characters per line, the first 200 lines and every error line: a
    # unit that fails can print gigabytes of template names before its first error.
    if /usr/bin/time -f '%e %M %U %S' -o "$out/$key.time.$r" \
        "$cxx" "${flags[@]}" "$level" -I"$include" "$out/$tu.cpp" -o "$exe" -lsqlite3 2>&1 |
        cut -c1-400 | awk 'NR <= 200 || /error:/' >"$log"; then
      if [[ $r -eq 1 ]]; then
        if "$exe"; then echo ok >"$out/$key.ran"; else echo "exit $?" >"$out/$key.ran"; fi
      fi
    else
      touch "$out/$key.failed"
    fi
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if ((runs > 0)); then
  echo
  echo "| TU | compiler | flags | wall s | user+sys s | peak RSS MB | program |"
  echo "|---|---|---|---:|---:|---:|---|"
  for cell in "${cells[@]}"; do
    read -r tu cxx level <<<"$cell"
    key="${tu}_${cxx}${level}"
    if [[ -e "$out/$key.failed" ]]; then
      why=$( (grep -m1 -o -E 'error: .{0,110}' "$out/$key.log" || echo "see $key.log") | sed -E 's/\|/\\|/g')
      echo "| $(describe "$tu") | $cxx | $level | — | — | — | does not compile: $why |"
      continue
    fi
    wall=$(cat "$out/$key.time."* | awk '{ print $1 }' | median)
    cpu=$(cat "$out/$key.time."* | awk '{ print $3 + $4 }' | median)
    rss=$(cat "$out/$key.time."* | awk '{ print $2 / 1024 }' | median)
    printf '| %s | %s | %s | %.2f | %.2f | %.0f | %s |\n' "$(describe "$tu")" "$cxx" "$level" "$wall" "$cpu" "$rss" \
      "$(cat "$out/$key.ran" 2>/dev/null || echo '?')"
  done
fi

if [[ $trace != 0 ]]; then
  for n in 10 50; do
    echo >&2
    echo "clang++ -O2 -ftime-trace: ctorm, $n tables" >&2
    (cd "$out" && clang++ "${flags[@]}" -O2 -ftime-trace -I"$include" -c "ctorm$n.cpp" -o "trace$n.o" \
        >"trace$n.log" 2>&1) || { rm -f "$out/trace$n.json"; echo "does not compile, see $out/trace$n.log" >&2; continue; }
    echo
    python3 "$here/trace_summary.py" "$out/trace$n.json"
  done
fi
echo >&2
echo "sources, logs and traces kept in $out" >&2
