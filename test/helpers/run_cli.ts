// Runs the tauflow CLI's main() in this process with stdout and stderr captured, for the CLI tests
// that check exit codes and printed text without paying for a child process.
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/**
 * Runs `tauflow ...args` in-process; returns the exit code and everything written to stdout/stderr.
 * @example const r = await runCli('tau', 'data.csv', '--x', 'a', '--y', 'b'); // r.code === 0
 */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const code = await main(['node', 'tauflow', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
