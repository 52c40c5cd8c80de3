// `tauflow train | eval | predict | experiment` end to end on tiny synthetic data (wasm), and
// bad flags → one clear line on stderr and exit code 2.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './helpers/run_cli.js';

const tiny = ['--count', '48', '--image-size', '16', '--batch', '8', '--backend', 'wasm'];

describe('bad flags: one line on stderr, exit code 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['train', '--epochs', '0'], /--epochs expects an integer in \[1, /],
    [['train', '--epochs', 'two'], /--epochs expects an integer .* but received "two"/],
    [['train', '--model', 'resnet9'], /--model expects one of resnet8, .* but received "resnet9"/],
    [['train', '--loss', 'hinge'], /unknown loss "hinge"/],
    [['train', '--schedule', 'alternating:kendall:2,mse'], /needs an epoch count/],
    [['train', '--backend', 'gpu'], /--backend expects one of auto, tensorflow, wasm, cpu/],
    [['train', '--lr', '-1'], /--lr expects a number in \(0, 10\]/],
    [['train', '--data', '/nonexistent'], /--data \/nonexistent needs --csv FILE/],
    [['train', '--csv', 'x.csv'], /--csv and --split need --data DIR/],
    [['train', '--frobnicate'], /unknown option '--frobnicate'/],
    [['eval'], /required option '--checkpoint <PATH>' not specified/],
    [['predict', '--checkpoint', '/nonexistent/run'], /--checkpoint: no such checkpoint or model/],
    [['experiment', '--losses', 'mse,hinge'], /unknown loss "hinge"/],
    [['experiment', '--repeats', '0'], /--repeats expects an integer in \[1, 1000\]/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n').length).toBeLessThanOrEqual(2); // commander may add a help hint
      expect(r.out).toBe('');
    });
  }
});

describe('train → eval → predict → resume, experiment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tauflow-cli-'));
  const out = join(dir, 'run');

  it('train writes the model, predictions and a report holding the printed numbers', async () => {
    const r = await run('train', ...tiny, '--epochs', '2', '--loss', 'joint', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^backend: wasm \(requested with --backend\)/);
    expect(r.out).toMatch(/epoch 2\/2 {2}joint/);
    for (const f of ['model/model.json', 'model/weights.bin', 'checkpoint.tfck', 'best.tfck', 'report.html'])
      expect(existsSync(join(out, f))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const printed = /test: tau (\S+) {2}spearman (\S+) {2}pearson \S+ {2}mse (\S+)/.exec(r.out)!;
    expect(report.test.kendall.toFixed(4)).toBe(printed[1]);
    expect(report.test.spearman.toFixed(4)).toBe(printed[2]);
    expect(report.test.mse.toFixed(4)).toBe(printed[3]);
    expect(report.ceilingTau).toBeGreaterThan(0);
    expect(report.val.kendall).toBeTypeOf('number');
    const csv = readFileSync(join(out, 'predictions_test.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('name,target,prediction');
    expect(csv.length - 1).toBe(report.test.n);
    expect(csv[1]).toMatch(/^scene_\d+,[\d.]+,-?[\d.e-]+$/);
  });

  it("eval of the run reproduces the report's test and val metrics", async () => {
    const r = await run(
      'eval',
      '--checkpoint',
      out,
      ...tiny.filter((a) => a !== '--batch' && a !== '8'),
      '--json',
    );
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(e.test.kendall).toBeCloseTo(report.test.kendall, 12);
    expect(e.val.mse).toBeCloseTo(report.val.mse, 6);
    expect(e.train.n).toBe(24);
  });

  it('predict writes name,target,prediction for the chosen split', async () => {
    const file = join(dir, 'p.csv');
    const r = await run(
      'predict',
      '--checkpoint',
      join(out, 'best.tfck'),
      '--count',
      '48',
      '--on',
      'val',
      '--out',
      file,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote 12 predictions \(val\)/);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBe(13);
  });

  it('--resume continues after the last finished epoch', async () => {
    const r = await run('train', ...tiny, '--epochs', '3', '--loss', 'joint', '--out', out, '--resume');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/resumed from .*checkpoint\.tfck after epoch 2 of 3/);
    expect(r.out).not.toMatch(/epoch 2\/3/);
    expect(r.out).toMatch(/epoch 3\/3/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.history.map((h: { epoch: number }) => h.epoch)).toEqual([1, 2, 3]);
  });

  it('experiment prints the table and writes experiment.json/html', async () => {
    const exp = join(dir, 'exp');
    const r = await run(
      'experiment',
      ...tiny,
      '--epochs',
      '1',
      '--losses',
      'mse,kendall',
      '--repeats',
      '2',
      '--out',
      exp,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mse seed 2: test tau/);
    expect(r.out).toMatch(/loss\s+runs\s+test τ-b/);
    const json = JSON.parse(readFileSync(join(exp, 'experiment.json'), 'utf8'));
    expect(json.runs.length).toBe(4);
    expect(json.summary.map((s: { loss: string }) => s.loss).sort()).toEqual(['kendall', 'mse']);
    expect(existsSync(join(exp, 'experiment.html'))).toBe(true);
  });
});
