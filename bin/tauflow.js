#!/usr/bin/env node
// CLI entry: the compiled CLI lives in dist/cli/main.js (built by `npm run build:ts`).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`tauflow: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
