// Test helper: an environment in which nothing can be compiled, to prove that installing and
// using tauflow from its prebuilt binary needs no build tools. PATH becomes one folder of links
// to every program on the current PATH except the build tools (cmake and friends, C/C++
// compilers, nvcc, make, ninja), and CC/CXX/CUDACXX point at a file that does not exist, so even
// a CMake that looked outside PATH could not find a compiler.
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Program names a native build could use. c++filt and the like stay: they compile nothing. */
export const BUILD_TOOL =
  /^(cmake|ccmake|cpack|ctest|cc|c\+\+|cpp|make|gmake|ninja|nvcc|ld|ld\.\w+)$|gcc|g\+\+|clang/;

/** Fill `dir` with links to the non-build programs on PATH; returns the environment to run under. */
export function noCompilerEnv(dir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  mkdirSync(dir, { recursive: true });
  for (const d of (base.PATH ?? '').split(delimiter)) {
    if (!d || !existsSync(d)) continue;
    for (const name of readdirSync(d)) {
      if (BUILD_TOOL.test(name) || existsSync(join(dir, name))) continue;
      symlinkSync(join(d, name), join(dir, name));
    }
  }
  const missing = join(dir, 'no-such-compiler');
  return { ...base, PATH: dir, CC: missing, CXX: missing, CUDACXX: missing };
}

/** Whether `cmd` resolves on the PATH of `env` (a plain lookup, like `command -v`). */
export function onPath(cmd: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}
