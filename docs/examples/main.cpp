// Runs the example of one guide (`docs_examples belongs_to`), or of every guide.
#include <cstdio>
#include <cstring>

#include "check.hpp"

int tables_example();
int belongs_to_example();
int has_one_example();
int has_many_example();
int many_to_many_example();
int through_example();
int polymorphic_example();
int postgresql_example();
int scale_out_example();

namespace {
struct guide {
  const char* name;
  int (*run)();
};
constexpr guide guides[] = {
    {"tables", tables_example},             {"belongs_to", belongs_to_example},
    {"has_one", has_one_example},           {"has_many", has_many_example},
    {"many_to_many", many_to_many_example}, {"through", through_example},
    {"polymorphic", polymorphic_example},   {"postgresql", postgresql_example},
    {"scale_out", scale_out_example},
};
}  // namespace

int main(int argc, char** argv) {
  bool found = false;
  for (const guide& g : guides) {
    if (argc > 1 && std::strcmp(argv[1], g.name) != 0) continue;
    found = true;
    const int before = docs::checks_passed;
    if (const int rc = g.run(); rc != 0) return rc;
    std::printf("%s: %d checks passed\n", g.name, docs::checks_passed - before);
  }
  if (!found) {
    std::fprintf(stderr, "usage: %s [guide]; no guide named %s\n", argv[0], argv[1]);
    return 2;
  }
  return 0;
}
