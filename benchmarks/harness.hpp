#pragma once
// The harness both benchmark binaries share: the cases, how one is timed, the check that every
// contender of a workload produces the same result, and the --instructions mode.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "common.hpp"

/// The measured call of --instructions mode (defined by each binary); callgrind counts only
/// inside it.
extern "C" void ctorm_bench_measured(const std::function<void()>& f);

namespace bench {

struct Case {
  std::string workload;
  std::string contender;
  std::function<Runner()> make;
  std::string name() const { return workload + "." + contender; }
};

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}

inline void run_case(benchmark::State& state, const Case& c) {
  Runner r = c.make();
  for (auto _ : state) {
    if (r.before) {
      state.PauseTiming();
      r.before();
      state.ResumeTiming();
    }
    r.run();
    if (r.after) {
      state.PauseTiming();
      r.after();
      state.ResumeTiming();
    }
  }
}

/// Every contender of a workload must produce the same results as the first (raw), or the
/// comparison means nothing.
inline void verify() {
  std::map<std::string, std::uint64_t> expected;
  for (const Case& c : cases()) {
    std::uint64_t d = 0;
    try {
      Runner r = c.make();
      if (r.before) r.before();
      r.run();
      if (r.after) r.after();
      d = r.digest();
    } catch (const std::exception& e) {
      throw std::runtime_error(c.name() + ": " + e.what());
    }
    const auto [it, first] = expected.emplace(c.workload, d);
    if (!first && it->second != d) throw std::runtime_error("results differ: " + c.name());
  }
}

/// Runs case `name` once to warm up, then once inside ctorm_bench_measured().
inline int measure_instructions(const std::string& name) {
  for (const Case& c : cases()) {
    if (c.name() != name) continue;
    Runner r = c.make();
    for (int round = 0; round < 2; ++round) {  // the first round warms caches and statements
      if (r.before) r.before();
      if (round == 1)
        ctorm_bench_measured(r.run);
      else
        r.run();
      if (r.after) r.after();
    }
    return 0;
  }
  std::fprintf(stderr, "no case named %s (see --list)\n", name.c_str());
  return 2;
}

}  // namespace bench
