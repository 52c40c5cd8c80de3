// report.html and experiment.html: one self-contained page each (inline CSS, inline SVG plots, no
// scripts), headline numbers first, then the plots, then the details.
import { formatMeanSd } from './report_json.js';
import type { ExperimentJson, ReportJson } from './report_types.js';

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const fmt = (v: number | undefined | null, digits = 4) =>
  v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

const STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --card: #fff; --accent: #2f6fde; --good: #2e9e6b; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 Inter, "Segoe UI", system-ui, -apple-system, Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 28px 48px; }
header h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; }
header p { margin: 0; color: var(--muted); }
h2 { font-size: 15px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 32px 0 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-top: 22px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card .label { color: var(--muted); font-size: 12.5px; font-weight: 500; }
.card .value { font-size: 28px; font-weight: 650; font-variant-numeric: tabular-nums; margin-top: 2px; }
.card .sub { color: var(--muted); font-size: 12px; }
.card.hero { border-top: 4px solid var(--accent); }
.bar { height: 6px; background: var(--line); border-radius: 3px; margin-top: 8px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--good); }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; overflow-x: auto; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.plot svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12.5px; }
td.num, th.num { text-align: right; }
tr.best td { background: #eef6f1; font-weight: 600; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #3e4c59; word-break: break-word; }
details summary { cursor: pointer; color: var(--accent); }
.note { color: var(--muted); font-size: 12.5px; margin-top: 8px; }
footer { color: var(--muted); font-size: 12px; margin-top: 36px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
<footer>Made by tauflow · plots: vega-lite rendered to SVG in Node</footer>
</main></body>
</html>
`;
}

function card(label: string, value: string, sub = '', hero = false, barFraction?: number): string {
  const bar =
    barFraction !== undefined && Number.isFinite(barFraction)
      ? `<div class="bar"><span style="width:${Math.max(0, Math.min(100, 100 * barFraction)).toFixed(1)}%"></span></div>`
      : '';
  return `<div class="card${hero ? ' hero' : ''}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(
    value,
  )}</div>${sub ? `<div class="sub">${escapeHtml(sub)}</div>` : ''}${bar}</div>`;
}

function keyValueTable(obj: Record<string, unknown>): string {
  const rows = Object.entries(obj).map(([k, v]) => {
    const text =
      typeof v === 'string'
        ? v
        : typeof v === 'number' && !Number.isFinite(v)
          ? String(v)
          : JSON.stringify(v);
    return `<tr><th>${escapeHtml(k)}</th><td><code>${escapeHtml(text ?? 'undefined')}</code></td></tr>`;
  });
  return rows.length ? `<table>${rows.join('')}</table>` : '<p class="note">none recorded</p>';
}

export interface ReportPlots {
  learningCurves?: string;
  scatter?: string;
  histogram?: string;
}

/** The training report page. `plots` are SVG strings (see plots.ts). */
export function renderReportHtml(report: ReportJson, plots: ReportPlots): string {
  const t = report.test;
  const v = report.val;
  const cards = [
    card('test Kendall τ-b', fmt(t.kendall), t.n !== undefined ? `${t.n} test images` : '', true),
  ];
  if (report.ceilingTau !== undefined)
    cards.push(
      card(
        'of the ceiling τ',
        report.fractionOfCeiling !== undefined ? `${(100 * report.fractionOfCeiling).toFixed(1)}%` : '—',
        `ceiling ${fmt(report.ceilingTau)} (noise-free vs noisy)`,
        false,
        report.fractionOfCeiling,
      ),
    );
  cards.push(
    card('test Spearman ρ', fmt(t.spearman)),
    card('test Pearson r', fmt(t.pearson)),
    card('test MSE', fmt(t.mse)),
    card(
      'validation τ-b',
      fmt(v.kendall),
      report.bestEpoch !== undefined ? `best epoch ${report.bestEpoch}` : '',
    ),
  );
  const metricRow = (name: string, m: typeof t) =>
    `<tr><td>${name}</td><td class="num">${m.n ?? '—'}</td><td class="num">${fmt(m.kendall)}</td><td class="num">${fmt(
      m.spearman,
    )}</td><td class="num">${fmt(m.pearson)}</td><td class="num">${fmt(m.mse)}</td></tr>`;
  const counts = report.counts
    ? `${report.counts.train} train · ${report.counts.val} val · ${report.counts.test} test`
    : '';
  const historyRows = report.history
    .map(
      (h) =>
        `<tr><td class="num">${h.epoch}</td><td>${escapeHtml(h.lossName ?? '')}</td><td class="num">${fmt(h.loss)}</td><td class="num">${fmt(
          h.valLoss,
        )}</td><td class="num">${fmt(h.valKendall)}</td><td class="num">${h.learningRate !== undefined ? h.learningRate.toExponential(2) : '—'}</td><td class="num">${h.imagesPerSecond !== undefined ? h.imagesPerSecond.toFixed(1) : '—'}</td><td class="num">${h.seconds !== undefined ? formatSeconds(h.seconds) : '—'}</td></tr>`,
    )
    .join('');
  const timings = Object.fromEntries(Object.entries(report.timings).map(([k, s]) => [k, formatSeconds(s)]));
  const skipped = report.skipped.count
    ? `<details><summary>${report.skipped.count} image${report.skipped.count === 1 ? '' : 's'} skipped</summary><table>${report.skipped.images
        .slice(0, 500)
        .map((s) => `<tr><td><code>${escapeHtml(s.name)}</code></td><td>${escapeHtml(s.reason)}</td></tr>`)
        .join(
          '',
        )}</table>${report.skipped.count > 500 ? '<p class="note">first 500 shown; all are in report.json</p>' : ''}</details>`
    : '<p class="note">no images skipped</p>';
  const plot = (svg: string | undefined, what: string) =>
    svg
      ? `<div class="panel plot">${svg}</div>`
      : `<div class="panel"><p class="note">no ${what} recorded</p></div>`;
  const body = `
<header>
  <h1>${escapeHtml(report.title)}</h1>
  <p>${escapeHtml(report.data)}${counts ? ` — ${escapeHtml(counts)}` : ''} · ${escapeHtml(report.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</p>
</header>
<section class="cards">${cards.join('')}</section>

<h2>Learning curves</h2>
${plot(plots.learningCurves, 'training history')}

<h2>Test predictions</h2>
<div class="grid2">${plot(plots.scatter, 'test predictions')}${plot(plots.histogram, 'test predictions')}</div>

<h2>Metrics</h2>
<div class="panel"><table>
<tr><th>split</th><th class="num">images</th><th class="num">Kendall τ-b</th><th class="num">Spearman ρ</th><th class="num">Pearson r</th><th class="num">MSE</th></tr>
${metricRow('validation', v)}${metricRow('test', t)}
</table>${report.ceilingTau !== undefined ? `<p class="note">Ceiling τ ${fmt(report.ceilingTau)}: Kendall τ-b between the noise-free and the noisy test scores — what a model that recovered the noise-free difficulty exactly would reach.</p>` : ''}</div>

<h2>Epochs</h2>
<div class="panel"><table>
<tr><th class="num">epoch</th><th>loss</th><th class="num">train loss</th><th class="num">val loss</th><th class="num">val τ-b</th><th class="num">learning rate</th><th class="num">images/s</th><th class="num">time</th></tr>
${historyRows || '<tr><td colspan="8" class="note">no epochs recorded</td></tr>'}
</table></div>

<div class="grid2">
<div><h2>Configuration</h2><div class="panel">${keyValueTable(report.config)}</div></div>
<div><h2>Timings</h2><div class="panel">${keyValueTable(timings)}</div>
<h2>Skipped images</h2><div class="panel">${skipped}</div></div>
</div>`;
  return page(report.title, body);
}

/** The experiment page: bars with error bars, then the table and the runs. */
export function renderExperimentHtml(exp: ExperimentJson, barsSvg: string | undefined): string {
  const best = exp.summary[0];
  const rows = exp.summary
    .map(
      (r, i) =>
        `<tr${i === 0 ? ' class="best"' : ''}><td>${escapeHtml(r.loss)}</td><td class="num">${r.runs}</td><td class="num">${formatMeanSd(
          r.kendall,
        )}</td><td class="num">${formatMeanSd(r.spearman)}</td><td class="num">${formatMeanSd(r.pearson)}</td><td class="num">${formatMeanSd(
          r.mse,
        )}</td><td class="num">${r.seconds ? formatSeconds(r.seconds.mean) : '—'}</td></tr>`,
    )
    .join('');
  const runs = exp.runs
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.loss)}</td><td class="num">${r.repeat}</td><td class="num">${r.seed}</td><td class="num">${fmt(
          r.test.kendall,
        )}</td><td class="num">${fmt(r.test.spearman)}</td><td class="num">${fmt(r.test.pearson)}</td><td class="num">${fmt(
          r.test.mse,
        )}</td><td class="num">${r.val ? fmt(r.val.kendall) : '—'}</td><td class="num">${r.seconds !== undefined ? formatSeconds(r.seconds) : '—'}</td></tr>`,
    )
    .join('');
  const cards = [
    best ? card('best loss by test τ-b', best.loss, formatMeanSd(best.kendall), true) : '',
    card('losses compared', String(exp.summary.length), `${exp.runs.length} runs`),
    exp.ceilingTau !== undefined
      ? card('ceiling τ', fmt(exp.ceilingTau), 'noise-free vs noisy test scores')
      : '',
  ].join('');
  const body = `
<header>
  <h1>${escapeHtml(exp.title)}</h1>
  <p>${exp.data ? `${escapeHtml(exp.data)} · ` : ''}${escapeHtml(exp.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</p>
</header>
<section class="cards">${cards}</section>
<h2>Test metrics by loss (mean ± sd over repeats)</h2>
${barsSvg ? `<div class="panel plot">${barsSvg}</div>` : ''}
<div class="panel" style="margin-top:16px"><table>
<tr><th>loss</th><th class="num">runs</th><th class="num">test τ-b</th><th class="num">Spearman ρ</th><th class="num">Pearson r</th><th class="num">MSE</th><th class="num">time / run</th></tr>
${rows}
</table><p class="note">Same split and seeds for every loss; sd is the sample standard deviation over repeats. Sorted by mean test τ-b.</p></div>
<h2>All runs</h2>
<div class="panel"><table>
<tr><th>loss</th><th class="num">repeat</th><th class="num">seed</th><th class="num">test τ-b</th><th class="num">Spearman ρ</th><th class="num">Pearson r</th><th class="num">MSE</th><th class="num">val τ-b</th><th class="num">time</th></tr>
${runs}
</table></div>
${exp.config ? `<h2>Configuration</h2><div class="panel">${keyValueTable(exp.config)}</div>` : ''}`;
  return page(exp.title, body);
}
