// The invariant check of the fuzz targets: a broken invariant is a crash, so
// libFuzzer keeps the input and the replay runner fails on it.
#pragma once

#include <cstdio>

#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
      __builtin_trap();                                                                      \
    }                                                                                        \
  } while (0)
