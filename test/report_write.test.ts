import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ExperimentRun,
  formatExperimentTable,
  meanSd,
  type ReportInput,
  summarizeExperiment,
  writeExperimentReport,
  writeReport,
} from '../src/train/report/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tauflow-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input: ReportInput = {
  data: 'synthetic (seed 1, 400 scenes, 32 px, noise 0.33)',
  counts: { train: 200, val: 100, test: 100 },
  ceilingTau: 0.8,
  val: { kendall: 0.6123, spearman: 0.8011, pearson: 0.7912, mse: 0.0833, n: 100 },
  test: { kendall: 0.6, spearman: 0.7901, pearson: 0.7702, mse: 0.0911, n: 100 },
  config: { model: 'resnet8', loss: 'kendall', note: '<script>alert(1)</script>' },
  history: [
    { epoch: 1, loss: 0.5, lossName: 'kendall', valKendall: 0.41, valLoss: 0.55, seconds: 3.2 },
    { epoch: 2, loss: 0.4, lossName: 'kendall', valKendall: 0.63, valLoss: 0.45, seconds: 3.1 },
    { epoch: 3, loss: 0.35, lossName: 'mse', valKendall: 0.62, valLoss: Number.NaN, seconds: 3.0 },
  ],
  timings: { load: 0.2, train: 9.3, eval: 0.4, total: 9.9 },
  skipped: [{ name: 'img_7', reason: 'missing: no img_7{,.jpg,.jpeg,.png} in images' }],
  predictions: {
    test: {
      targets: Float32Array.from({ length: 100 }, (_, i) => 2.5 + i / 30),
      predictions: Float32Array.from({ length: 100 }, (_, i) => 2.6 + i / 35 + 0.1 * Math.sin(i)),
    },
  },
};

describe('writeReport', () => {
  it('writes report.json holding the numbers given, and report.html with three SVG plots', async () => {
    const out = join(dir, 'run');
    const r = await writeReport(out, input);
    expect(existsSync(r.json) && existsSync(r.html)).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(json.test).toEqual(input.test);
    expect(json.val).toEqual(input.val);
    expect(json.ceilingTau).toBe(0.8);
    expect(json.fractionOfCeiling).toBeCloseTo(0.75, 12);
    expect(json.bestEpoch).toBe(2);
    expect(json.config.model).toBe('resnet8');
    expect(json.history).toHaveLength(3);
    expect(json.history[2].valLoss).toBeNull(); // NaN is not JSON: written as null
    expect(json.timings.total).toBe(9.9);
    expect(json.skipped).toEqual({ count: 1, images: input.skipped });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<svg/g)?.length).toBe(3);
    expect(html).toContain('0.6000'); // test tau
    expect(html).toContain('75.0%'); // of the ceiling
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('img_7');
  });

  it('works without predictions, history or ceiling (real data, nothing trained yet)', async () => {
    const out = join(dir, 'bare');
    const { ceilingTau: _c, predictions: _p, ...rest } = input;
    await writeReport(out, { ...rest, history: [], skipped: [] });
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(json.ceilingTau).toBeUndefined();
    expect(json.fractionOfCeiling).toBeUndefined();
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('<svg');
    expect(html).toContain('no test predictions recorded');
    expect(html).toContain('no images skipped');
  });

  it('checks its arguments', async () => {
    await expect(writeReport('', input)).rejects.toThrow('writeReport: expected a folder path for outDir');
    await expect(writeReport(join(dir, 'x'), { ...input, test: undefined as never })).rejects.toThrow(
      'writeReport: expected metrics { kendall, spearman, pearson, mse } for input.test',
    );
  });
});

describe('experiment report', () => {
  const m = (kendall: number, spearman: number, mse: number) => ({ kendall, spearman, pearson: 0.5, mse });
  const runs: ExperimentRun[] = [
    { loss: 'mse', repeat: 0, seed: 1, test: m(0.4, 0.6, 0.1), seconds: 10 },
    { loss: 'mse', repeat: 1, seed: 2, test: m(0.5, 0.7, 0.2), seconds: 12 },
    { loss: 'kendall', repeat: 0, seed: 1, test: m(0.55, 0.72, 0.5), seconds: 11 },
    { loss: 'kendall', repeat: 1, seed: 2, test: m(0.65, 0.76, 0.7), seconds: 11 },
    { loss: 'alternating', repeat: 0, seed: 1, test: m(0.6, 0.75, 0.3) },
  ];

  it('summarises mean ± sample sd per loss, best test tau first', () => {
    expect(meanSd([0.4, 0.5, 0.6]).mean).toBeCloseTo(0.5, 12);
    expect(meanSd([0.4, 0.5, 0.6]).sd).toBeCloseTo(0.1, 12);
    expect(meanSd([1]).sd).toBeNull();
    const s = summarizeExperiment(runs);
    expect(s.map((r) => r.loss)).toEqual(['kendall', 'alternating', 'mse']);
    expect(s[0].kendall.mean).toBeCloseTo(0.6, 12);
    expect(s[0].kendall.sd).toBeCloseTo(Math.SQRT2 * 0.05, 12);
    expect(s[2].mse.mean).toBeCloseTo(0.15, 12);
    expect(s[1].runs).toBe(1);
    expect(s[1].seconds).toBeUndefined();
    const table = formatExperimentTable(s);
    expect(table.split('\n')[0]).toMatch(/^loss\s+runs\s+test τ-b\s+Spearman\s+Pearson\s+MSE$/);
    expect(table).toContain('0.6000 ± 0.0707');
    expect(table).toContain('0.6000 '); // alternating: one run, no sd
  });

  it('writes experiment.json and experiment.html with a bar chart', async () => {
    const out = join(dir, 'exp');
    await writeExperimentReport(out, runs, { data: 'synthetic', ceilingTau: 0.8, config: { epochs: 4 } });
    const json = JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8'));
    expect(json.runs).toHaveLength(5);
    expect(json.summary[0].loss).toBe('kendall');
    expect(json.summary[1].kendall.sd).toBeNull();
    expect(json.ceilingTau).toBe(0.8);
    const html = readFileSync(join(out, 'experiment.html'), 'utf8');
    expect(html.match(/<svg/g)?.length).toBe(1);
    expect(html).toContain('0.6000 ± 0.0707');
    expect(html).toContain('class="best"');
  });
});
