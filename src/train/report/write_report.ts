// Writes a run's report (report.json + report.html) and an experiment's (experiment.json +
// experiment.html) into a folder. Files are written to a temporary name and renamed, so a reader
// never sees half a report.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { typeError } from '../../validate.js';
import {
  histogramSpec,
  learningCurvesSpec,
  metricBarsSpec,
  renderSvg,
  scatterSpec,
  type VegaLiteSpec,
} from './plots.js';
import { renderExperimentHtml, renderReportHtml } from './report_html.js';
import { buildExperimentJson, buildReportJson, toJsonText } from './report_json.js';
import type {
  ExperimentJson,
  ExperimentMeta,
  ExperimentRun,
  ReportInput,
  ReportJson,
} from './report_types.js';

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/**
 * Write report.json and report.html for one training run into outDir (created if missing).
 * @example
 * await writeReport('runs/r1', {
 *   data: data.description, ceilingTau: data.ceilingTau, skipped: data.skipped,
 *   val: { kendall: 0.61, spearman: 0.8, pearson: 0.78, mse: 0.09 },
 *   test: { kendall: 0.6, spearman: 0.79, pearson: 0.77, mse: 0.1 },
 *   config: { model: 'resnet8', loss: 'kendall' }, history, timings: { total: 300 },
 *   predictions: { test: { targets, predictions } },
 * });
 */
export async function writeReport(
  outDir: string,
  input: ReportInput,
): Promise<{ json: string; html: string; report: ReportJson }> {
  if (typeof outDir !== 'string' || !outDir)
    throw typeError('writeReport', 'outDir', 'a folder path', outDir);
  if (input === null || typeof input !== 'object')
    throw typeError('writeReport', 'input', 'a ReportInput object', input);
  for (const k of ['val', 'test'] as const)
    if (input[k] === null || typeof input[k] !== 'object')
      throw typeError('writeReport', `input.${k}`, 'metrics { kendall, spearman, pearson, mse }', input[k]);
  const report = buildReportJson(input);
  const test = input.predictions?.test;
  const svg = async (spec: VegaLiteSpec | undefined) => (spec ? renderSvg(spec) : undefined);
  const [learningCurves, scatter, histogram] = await Promise.all([
    svg(input.history.length ? learningCurvesSpec(input.history, input.ceilingTau) : undefined),
    svg(
      test?.targets.length
        ? scatterSpec(test.targets, test.predictions, {
            text: 'Test: predicted vs true',
            subtitle: `${test.targets.length} images · τ-b ${Number(input.test.kendall).toFixed(3)} · dashed: y = x`,
          })
        : undefined,
    ),
    svg(test?.targets.length ? histogramSpec(test.targets, test.predictions) : undefined),
  ]);
  await mkdir(outDir, { recursive: true });
  const json = join(outDir, 'report.json');
  const html = join(outDir, 'report.html');
  await writeAtomic(json, toJsonText(report));
  await writeAtomic(html, renderReportHtml(report, { learningCurves, scatter, histogram }));
  return { json, html, report };
}

/**
 * Write experiment.json and experiment.html (mean ± sd of test tau, Spearman, MSE per loss, with a
 * bar chart with error bars) into outDir.
 * @example
 * await writeExperimentReport('runs/exp', [
 *   { loss: 'mse', repeat: 0, seed: 1, test: { kendall: 0.55, spearman: 0.74, pearson: 0.75, mse: 0.1 } },
 *   { loss: 'kendall', repeat: 0, seed: 1, test: { kendall: 0.58, spearman: 0.77, pearson: 0.6, mse: 0.4 } },
 * ], { data: data.description, ceilingTau: data.ceilingTau });
 */
export async function writeExperimentReport(
  outDir: string,
  rows: readonly ExperimentRun[],
  meta: ExperimentMeta = {},
): Promise<{ json: string; html: string; experiment: ExperimentJson }> {
  if (typeof outDir !== 'string' || !outDir)
    throw typeError('writeExperimentReport', 'outDir', 'a folder path', outDir);
  if (!Array.isArray(rows)) throw typeError('writeExperimentReport', 'rows', 'an array of runs', rows);
  const experiment = buildExperimentJson(rows, meta);
  let bars: string | undefined;
  if (experiment.summary.length) {
    const panel = (metric: 'kendall' | 'spearman' | 'mse', label: string, title: string) =>
      metricBarsSpec(
        experiment.summary.map((r) => ({ group: r.loss, mean: r[metric].mean, sd: r[metric].sd })),
        label,
        title,
      );
    bars = await renderSvg({
      hconcat: [
        panel('kendall', 'Kendall τ-b', 'Test τ-b (higher is better)'),
        panel('spearman', 'Spearman ρ', 'Test Spearman (higher is better)'),
        panel('mse', 'MSE', 'Test MSE (lower is better)'),
      ],
      spacing: 36,
    });
  }
  await mkdir(outDir, { recursive: true });
  const json = join(outDir, 'experiment.json');
  const html = join(outDir, 'experiment.html');
  await writeAtomic(json, toJsonText(experiment));
  await writeAtomic(html, renderExperimentHtml(experiment, bars));
  return { json, html, experiment };
}
