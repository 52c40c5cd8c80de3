import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Native addon + wasm: forks isolate crashes and keep each file's tfjs engine separate.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
