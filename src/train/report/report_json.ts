// report.json and experiment.json: the numbers given, plus the few summaries derived from them
// (fraction of the ceiling, best epoch, mean ± sd per loss). JSON has no NaN: non-finite numbers
// are written as null.
import type {
  EpochRecord,
  ExperimentJson,
  ExperimentMeta,
  ExperimentRun,
  ExperimentSummaryRow,
  MeanSd,
  ReportInput,
  ReportJson,
} from './report_types.js';

/** Build the report.json object from the trainer's input. */
export function buildReportJson(input: ReportInput, now = new Date()): ReportJson {
  const json: ReportJson = {
    title: input.title ?? 'tauflow training report',
    createdAt: now.toISOString(),
    data: input.data,
    ...(input.counts ? { counts: input.counts } : {}),
    ...(input.ceilingTau !== undefined ? { ceilingTau: input.ceilingTau } : {}),
    val: { ...input.val },
    test: { ...input.test },
    config: input.config,
    history: input.history.map((h) => ({ ...h })),
    timings: input.timings,
    skipped: { count: input.skipped.length, images: input.skipped.map((s) => ({ ...s })) },
    ...(input.extra ? { extra: input.extra } : {}),
  };
  if (input.ceilingTau !== undefined && input.ceilingTau > 0 && Number.isFinite(input.test.kendall))
    json.fractionOfCeiling = input.test.kendall / input.ceilingTau;
  const best = bestEpoch(input.history);
  if (best !== undefined) json.bestEpoch = best;
  return json;
}

/** The epoch with the highest validation tau (the first one on ties). */
export function bestEpoch(history: readonly EpochRecord[]): number | undefined {
  let best: EpochRecord | undefined;
  for (const h of history)
    if (
      h.valKendall !== undefined &&
      Number.isFinite(h.valKendall) &&
      (!best || h.valKendall > best.valKendall!)
    )
      best = h;
  return best?.epoch;
}

/**
 * Mean and sample standard deviation (n − 1; null when n < 2), accumulated in double.
 * @example meanSd([0.4, 0.5, 0.6]) // { mean: 0.5, sd: 0.1 }
 */
export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: null };
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  if (n < 2) return { mean, sd: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/**
 * Group experiment runs by loss (first-seen order kept for ties) and summarise test metrics as
 * mean ± sd; rows come sorted by mean test tau, best first.
 */
export function summarizeExperiment(runs: readonly ExperimentRun[]): ExperimentSummaryRow[] {
  const groups = new Map<string, ExperimentRun[]>();
  for (const r of runs) {
    const g = groups.get(r.loss);
    if (g) g.push(r);
    else groups.set(r.loss, [r]);
  }
  const rows: ExperimentSummaryRow[] = [];
  for (const [loss, g] of groups) {
    const row: ExperimentSummaryRow = {
      loss,
      runs: g.length,
      kendall: meanSd(g.map((r) => r.test.kendall)),
      spearman: meanSd(g.map((r) => r.test.spearman)),
      pearson: meanSd(g.map((r) => r.test.pearson)),
      mse: meanSd(g.map((r) => r.test.mse)),
    };
    const secs = g.map((r) => r.seconds).filter((s): s is number => s !== undefined);
    if (secs.length === g.length) row.seconds = meanSd(secs);
    rows.push(row);
  }
  const key = (r: ExperimentSummaryRow) =>
    Number.isFinite(r.kendall.mean) ? r.kendall.mean : Number.NEGATIVE_INFINITY;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => key(b.r) - key(a.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Build experiment.json from the runs. */
export function buildExperimentJson(
  runs: readonly ExperimentRun[],
  meta: ExperimentMeta = {},
  now = new Date(),
): ExperimentJson {
  return {
    title: meta.title ?? 'tauflow experiment: which loss ranks best?',
    createdAt: now.toISOString(),
    ...(meta.data !== undefined ? { data: meta.data } : {}),
    ...(meta.ceilingTau !== undefined ? { ceilingTau: meta.ceilingTau } : {}),
    ...(meta.config ? { config: meta.config } : {}),
    ...(meta.timings ? { timings: meta.timings } : {}),
    summary: summarizeExperiment(runs),
    runs: runs.map((r) => ({ ...r })),
  };
}

/** "0.4123 ± 0.0101" (or "0.4123" for one run); digits after the point. */
export function formatMeanSd(m: MeanSd, digits = 4): string {
  if (!Number.isFinite(m.mean)) return '—';
  return m.sd === null ? m.mean.toFixed(digits) : `${m.mean.toFixed(digits)} ± ${m.sd.toFixed(digits)}`;
}

/**
 * The experiment table as fixed-width text, for the terminal.
 * @example console.log(formatExperimentTable(summarizeExperiment(runs)));
 */
export function formatExperimentTable(summary: readonly ExperimentSummaryRow[]): string {
  const header = ['loss', 'runs', 'test τ-b', 'Spearman', 'Pearson', 'MSE'];
  const body = summary.map((r) => [
    r.loss,
    String(r.runs),
    formatMeanSd(r.kendall),
    formatMeanSd(r.spearman),
    formatMeanSd(r.pearson),
    formatMeanSd(r.mse),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((s, c) => (c < 2 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** JSON.stringify with non-finite numbers as null and typed arrays as arrays. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_k, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number>);
      return v;
    },
    2,
  )}\n`;
}
