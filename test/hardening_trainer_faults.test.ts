// Trainer faults (issue #6): a training process killed with SIGKILL mid-epoch resumes from its
// last checkpoint (no corrupt file, same result as an uninterrupted run); an output folder that
// cannot be written fails before training starts; corrupt or missing images are skipped and
// listed in the report. Each run is a real child process (the CLI from source via tsx).
import type { ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../src/train/checkpoint.js';
import { runTsx, type TsxRun } from './hardening_support.js';

const root = mkdtempSync(join(tmpdir(), 'tauflow-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Small but not instant: 400 scenes (200 train) at 16 px, batch 8 = 25 steps per epoch, so a
// kill some time after the first checkpoint lands inside epoch 2.
const tiny = ['--count', '400', '--image-size', '16', '--batch', '8', '--backend', 'wasm', '--quiet'];

function tauflow(
  args: string[],
  opts: { uid?: number; gid?: number; killWhen?: (child: ChildProcess) => void } = {},
): Promise<TsxRun> {
  return runTsx('hardening_cli_child.ts', args, { uid: opts.uid, gid: opts.gid, onSpawn: opts.killWhen });
}

/** SIGKILLs the child `delayMs` after `file` first appears (polled every 20 ms). */
function killAfterFile(file: string, delayMs: number) {
  return (child: ChildProcess) => {
    const timer = setInterval(() => {
      if (!existsSync(file)) return;
      clearInterval(timer);
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }, 20);
    child.on('close', () => clearInterval(timer));
  };
}

describe('trainer faults', () => {
  it('SIGKILL mid-epoch: the checkpoint stays whole and --resume ends where an uninterrupted run ends', async () => {
    const common = [...tiny, '--epochs', '3', '--loss', 'joint', '--seed', '3'];
    const full = join(root, 'full');
    const cut = join(root, 'cut');
    const whole = await tauflow(['train', ...common, '--out', full]);
    expect(whole.code, whole.stderr).toBe(0);

    const ckpt = join(cut, 'checkpoint.tfck');
    const killed = await tauflow(['train', ...common, '--out', cut], {
      killWhen: killAfterFile(ckpt, 150),
    });
    expect(killed.signal, `the run finished before the kill: ${killed.stdout}`).toBe('SIGKILL');
    // The checkpoint on disk is a complete one (written to a temp file, fsynced, renamed).
    const saved = await readCheckpoint<{ epochsDone: number }>(ckpt);
    expect(saved.state.epochsDone).toBeGreaterThanOrEqual(1);
    expect(saved.state.epochsDone).toBeLessThan(3);
    expect(saved.model.length).toBeGreaterThan(0);

    const resumed = await tauflow(['train', ...common, '--out', cut, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    // Same predictions, bit for bit, as the run that was never interrupted.
    const preds = (dir: string) => readFileSync(join(dir, 'predictions_test.csv'), 'utf8');
    expect(preds(cut)).toBe(preds(full));
    const report = JSON.parse(readFileSync(join(cut, 'report.json'), 'utf8'));
    expect(JSON.stringify(report).length).toBeGreaterThan(100);
    // A kill during a checkpoint write may leave a temp file, never a half checkpoint.
    for (const f of readdirSync(cut).filter((f) => f.endsWith('.tfck')))
      await expect(readCheckpoint(join(cut, f))).resolves.toBeDefined();
  }, 240_000);

  it('an output folder that cannot be written fails before training starts', async () => {
    // As root every folder is writable, so the child drops to nobody (65534) when it can.
    const asRoot = process.getuid?.() === 0;
    const out = join(root, 'readonly');
    mkdirSync(out, { recursive: true });
    chmodSync(out, 0o555);
    chmodSync(root, 0o755);
    // Regression: the folder existed, so mkdir succeeded, a whole epoch was trained and only the
    // first checkpoint write failed ("EACCES: permission denied, open '…/best.tfck.tmp-PID'").
    // Not --quiet, so an epoch that ran would show up in stdout.
    const args = ['train', ...tiny.filter((a) => a !== '--quiet'), '--epochs', '2', '--out', out];
    const r = await tauflow(args, asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(r.code, r.stdout).not.toBe(0);
    expect(r.stdout, 'an epoch ran before the error').not.toMatch(/epoch\s*1\b/i);
    expect(r.stderr).toContain(out);
    expect(r.stderr).toMatch(/writ|EACCES|permission/i);
    expect(r.stderr).not.toMatch(/\.tmp-\d+/);
    expect(existsSync(join(out, 'checkpoint.tfck'))).toBe(false);
  }, 120_000);

  it('an output path under a regular file fails before training starts', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const r = await tauflow(['train', ...tiny, '--epochs', '1', '--out', join(file, 'run')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(join(file, 'run'));
  }, 120_000);

  it('corrupt, empty, truncated and missing images are skipped and listed in the report', async () => {
    const data = join(root, 'vsd');
    const made = await tauflow(['synth', '--out', data, '--count', '60', '--size', '16']);
    expect(made.code, made.stderr).toBe(0);
    const images = join(data, 'images');
    const names = readdirSync(images).sort();
    const [garbage, empty, truncated, missing] = names;
    writeFileSync(join(images, garbage), 'this is not a png');
    writeFileSync(join(images, empty), '');
    // A valid PNG signature and header, then nothing: passes a header check, fails to decode.
    truncateSync(join(images, truncated), Math.min(60, statSync(join(images, truncated)).size - 1));
    rmSync(join(images, missing));
    const out = join(root, 'vsd-run');
    const r = await tauflow([
      'train',
      '--data',
      images,
      '--csv',
      join(data, 'scores.csv'),
      '--image-size',
      '16',
      '--batch',
      '8',
      '--epochs',
      '1',
      '--backend',
      'wasm',
      '--quiet',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      skipped: { count: number; images: { name: string; reason: string }[] };
    };
    const listed = report.skipped.images.map((s) => s.name);
    for (const bad of [garbage, empty, truncated, missing])
      expect(listed.some((n) => bad.startsWith(n) || n.startsWith(bad.replace(/\.png$/, '')))).toBe(true);
    expect(report.skipped.count).toBe(4);
    for (const s of report.skipped.images) expect(s.reason.length).toBeGreaterThan(3);
  }, 240_000);
});
