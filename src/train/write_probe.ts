// Whether a folder can really be written: create and remove a small probe file. access(W_OK)
// is not enough — it answers yes to root on folders whose mode forbids writing elsewhere, and an
// existing folder passes mkdir either way. Throws the file system's error (with its code).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function probeWritable(dir: string): void {
  const probe = join(dir, `.tauflow-write-probe-${process.pid}`);
  writeFileSync(probe, 'tauflow');
  rmSync(probe, { force: true });
}
