// doctest's main() for the native test binary: run with --help for filters, e.g.
//   tauflow_native_tests -tc="*overflow*"
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
