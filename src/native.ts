// The one place the addon is loaded. node-gyp-build tries build/Release (a local build) first,
// then prebuilds/<platform>-<arch>/; on failure we throw one actionable message.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeBinding } from '../binding.js';

const require = createRequire(import.meta.url);
/** Package root: src/ and dist/ both sit one level below it. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

let cached: { binding: NativeBinding; path: string } | undefined;

function load(): { binding: NativeBinding; path: string } {
  if (cached) return cached;
  const nodeGypBuild = require('node-gyp-build') as { path(dir: string): string };
  let path: string;
  try {
    path = nodeGypBuild.path(packageRoot);
  } catch (err) {
    throw new Error(
      `tauflow: no native binary found for ${process.platform}-${process.arch} ` +
        `(looked in build/Release and prebuilds/ under ${packageRoot}). ` +
        `Run "npm rebuild tauflow" with cmake and a C++17 compiler on PATH. (${(err as Error).message})`,
    );
  }
  let binding: NativeBinding;
  try {
    binding = require(path) as NativeBinding;
  } catch (err) {
    // e.g. a prebuild on a system with an older glibc/libstdc++ than it was built against.
    throw new Error(
      `tauflow: the native binary ${path} did not load: ${(err as Error).message.split('\n')[0]}. ` +
        `Build one for this system with "npm rebuild tauflow --build-from-source" ` +
        `(needs cmake >= 3.18, a C++17 compiler and make or ninja).`,
    );
  }
  cached = { binding, path };
  return cached;
}

/** The native binding, loaded on first use. */
export function native(): NativeBinding {
  return load().binding;
}

/** Absolute path of the .node file that was loaded. */
export function nativePath(): string {
  return load().path;
}
