import { describe, expect, it } from 'vitest';
import { info } from '../src/index.js';

describe('info()', () => {
  it('reports the loaded binary, Node-API version and threads', () => {
    const i = info();
    expect(i.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(i.napiVersion).toBe(8);
    expect(i.threads).toBeGreaterThanOrEqual(1);
    expect(i.binary.path).toMatch(/tauflow\.node$/);
    expect(Array.isArray(i.cuda.devices)).toBe(true);
  });
});
