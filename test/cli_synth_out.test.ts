// Regression: `tauflow synth --out <a regular file>` ended in a raw ENOTDIR error with exit code 1;
// it must be a one-line usage error naming --out, exit code 2, before any scene is generated.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';

describe('tauflow synth --out', () => {
  it('rejects an --out under a regular file with exit code 2 and names --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tauflow-synth-out-'));
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(['node', 'tauflow', 'synth', '--out', join(file, 'sub'), '--count', '12']);
      expect(code).toBe(2);
      const printed = err.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toMatch(/synth: cannot write to --out ".*not-a-dir\/sub" \(ENOTDIR/);
    } finally {
      err.mockRestore();
    }
  });
});
