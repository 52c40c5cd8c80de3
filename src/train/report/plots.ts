// The report's plots as vega-lite specs, compiled to vega and rendered to SVG in Node (vega's View
// with renderer 'none' and toSVG(): no browser, no canvas). One function per plot, one theme.
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

/** A vega-lite spec (kept loose: vega-lite's own type is a large union). */
export type VegaLiteSpec = Record<string, unknown>;

export const PALETTE = {
  ink: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  blue: '#2f6fde',
  orange: '#e8833a',
  green: '#2e9e6b',
  red: '#d64545',
  purple: '#7c5cc4',
  teal: '#1c9aa8',
  series: ['#2f6fde', '#e8833a', '#2e9e6b', '#d64545', '#7c5cc4', '#1c9aa8', '#b0842c', '#c2549d'],
};

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, Helvetica, Arial, sans-serif';

/** The shared look: light grid, no frame, readable labels. */
export const THEME = {
  background: 'white',
  font: FONT,
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: PALETTE.muted,
    titleColor: PALETTE.ink,
    titleFontWeight: 600,
    labelFontSize: 11,
    titleFontSize: 12,
    gridColor: PALETTE.grid,
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
  },
  legend: {
    labelColor: PALETTE.ink,
    titleColor: PALETTE.ink,
    labelFontSize: 11,
    titleFontSize: 12,
    orient: 'top',
  },
  title: {
    color: PALETTE.ink,
    subtitleColor: PALETTE.muted,
    fontSize: 14,
    fontWeight: 600,
    anchor: 'start',
    offset: 10,
  },
  range: { category: PALETTE.series },
};

/**
 * Render a vega-lite spec to an SVG string (theme applied).
 * @example const svg = await renderSvg(scatterSpec(targets, predictions));
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const compiled = vegaLite.compile({ config: THEME, ...spec } as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface CurvePoint {
  epoch: number;
  loss?: number;
  valLoss?: number;
  valKendall?: number;
  lossName?: string;
}

/** Learning curves: training (and validation) loss per epoch, and validation tau per epoch. */
export function learningCurvesSpec(history: readonly CurvePoint[], ceilingTau?: number): VegaLiteSpec {
  const lossRows = history.flatMap((h) => [
    ...(h.loss !== undefined && Number.isFinite(h.loss)
      ? [{ epoch: h.epoch, value: h.loss, series: 'train loss', lossName: h.lossName ?? '' }]
      : []),
    ...(h.valLoss !== undefined && Number.isFinite(h.valLoss)
      ? [{ epoch: h.epoch, value: h.valLoss, series: 'val loss', lossName: h.lossName ?? '' }]
      : []),
  ]);
  const tauRows = history
    .filter((h) => h.valKendall !== undefined && Number.isFinite(h.valKendall))
    .map((h) => ({ epoch: h.epoch, value: h.valKendall }));
  const epochAxis = {
    field: 'epoch',
    type: 'quantitative',
    title: 'epoch',
    axis: { tickMinStep: 1, format: 'd' },
  };
  const tauLayers: VegaLiteSpec[] = [
    {
      mark: { type: 'line', point: { filled: true, size: 45 }, color: PALETTE.green, strokeWidth: 2.5 },
      encoding: {
        x: epochAxis,
        y: { field: 'value', type: 'quantitative', title: 'validation Kendall τ-b', scale: { zero: false } },
        tooltip: [{ field: 'epoch' }, { field: 'value', format: '.4f', title: 'val τ' }],
      },
    },
  ];
  if (ceilingTau !== undefined && Number.isFinite(ceilingTau)) {
    tauLayers.push(
      {
        data: { values: [{ ceiling: ceilingTau }] },
        mark: { type: 'rule', color: PALETTE.muted, strokeDash: [5, 4] },
        encoding: { y: { field: 'ceiling', type: 'quantitative' } },
      },
      {
        data: { values: [{ ceiling: ceilingTau, label: `ceiling τ ${ceilingTau.toFixed(3)}` }] },
        mark: { type: 'text', align: 'left', dx: 4, dy: -7, color: PALETTE.muted, fontSize: 11 },
        encoding: {
          y: { field: 'ceiling', type: 'quantitative' },
          x: { value: 0 },
          text: { field: 'label' },
        },
      },
    );
  }
  return {
    hconcat: [
      {
        title: 'Loss',
        width: 330,
        height: 220,
        data: { values: lossRows },
        mark: { type: 'line', point: { filled: true, size: 45 }, strokeWidth: 2.5 },
        encoding: {
          x: epochAxis,
          y: { field: 'value', type: 'quantitative', title: 'loss', scale: { zero: false } },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            // only the series present, so the legend never names a missing curve
            scale: {
              domain: ['train loss', 'val loss'].filter((k) => lossRows.some((r) => r.series === k)),
              range: lossRows.some((r) => r.series === 'train loss')
                ? [PALETTE.blue, PALETTE.orange]
                : [PALETTE.orange],
            },
          },
          tooltip: [
            { field: 'epoch' },
            { field: 'series' },
            { field: 'lossName', title: 'loss' },
            { field: 'value', format: '.4g' },
          ],
        },
      },
      {
        title: 'Validation τ',
        width: 330,
        height: 220,
        data: { values: tauRows },
        layer: tauLayers,
      },
    ],
    spacing: 40,
  };
}

/** Predicted vs true scores, with the identity line: how well the model ranks and scales. */
export function scatterSpec(
  targets: ArrayLike<number>,
  predictions: ArrayLike<number>,
  title: string | { text: string; subtitle: string } = 'Test: predicted vs true',
): VegaLiteSpec {
  const rows = Array.from(targets, (t, i) => ({ target: t, prediction: predictions[i] }));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    lo = Math.min(lo, r.target, r.prediction);
    hi = Math.max(hi, r.target, r.prediction);
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const pad = (hi - lo) * 0.03 || 0.5;
  const domain = [lo - pad, hi + pad];
  const opacity = rows.length > 2000 ? 0.25 : rows.length > 500 ? 0.4 : 0.65;
  return {
    title,
    width: 330,
    height: 330,
    layer: [
      {
        data: { values: [{ v: domain[0] }, { v: domain[1] }] },
        mark: { type: 'line', color: PALETTE.muted, strokeDash: [5, 4], strokeWidth: 1.2 },
        encoding: {
          x: { field: 'v', type: 'quantitative', scale: { domain } },
          y: { field: 'v', type: 'quantitative', scale: { domain } },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'circle', size: 22, color: PALETTE.blue, opacity },
        encoding: {
          x: { field: 'target', type: 'quantitative', title: 'true score', scale: { domain } },
          y: { field: 'prediction', type: 'quantitative', title: 'predicted score', scale: { domain } },
        },
      },
    ],
  };
}

/** Histograms of true (grey bars) and predicted (orange step line) scores on shared bins. */
export function histogramSpec(
  targets: ArrayLike<number>,
  predictions: ArrayLike<number>,
  title = 'Test: score distributions',
): VegaLiteSpec {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const xs of [targets, predictions])
    for (let i = 0; i < xs.length; i++) {
      lo = Math.min(lo, xs[i]);
      hi = Math.max(hi, xs[i]);
    }
  if (!(Number.isFinite(lo) && hi > lo)) {
    lo = Number.isFinite(lo) ? lo - 0.5 : 0;
    hi = lo + 1;
  }
  // Counts per bin computed here (not by vega) so bars and the step line share exact bins.
  const bins = 48;
  const width = (hi - lo) / bins;
  const count = (xs: ArrayLike<number>) => {
    const c = new Array<number>(bins).fill(0);
    for (let i = 0; i < xs.length; i++)
      if (Number.isFinite(xs[i])) c[Math.min(bins - 1, Math.floor((xs[i] - lo) / width))]++;
    return c;
  };
  const t = count(targets);
  const p = count(predictions);
  const rows = t.map((n, b) => ({
    x0: lo + b * width,
    x1: lo + (b + 1) * width,
    trueCount: n,
    predCount: p[b],
  }));
  // The step line needs a closing point at the right edge.
  const steps = [...rows.map((r) => ({ x: r.x0, n: r.predCount })), { x: hi, n: p[bins - 1] }];
  const kinds = { domain: ['true', 'predicted'], range: [PALETTE.muted, PALETTE.orange] };
  return {
    title,
    width: 330,
    height: 330,
    layer: [
      {
        data: { values: rows.map((r) => ({ ...r, kind: 'true' })) },
        mark: { type: 'rect', opacity: 0.45 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: 'score', scale: { domain: [lo, hi], nice: false } },
          x2: { field: 'x1' },
          y: { field: 'trueCount', type: 'quantitative', title: 'images' },
          y2: { datum: 0 },
          color: { field: 'kind', type: 'nominal', title: null, scale: kinds },
        },
      },
      {
        data: { values: steps.map((s) => ({ ...s, kind: 'predicted' })) },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.2 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'n', type: 'quantitative' },
          color: { field: 'kind', type: 'nominal', title: null, scale: kinds },
        },
      },
    ],
  };
}

export interface BarWithError {
  group: string;
  mean: number;
  sd: number | null;
}

/** Bars of a metric's mean per group with ±sd error bars. */
export function metricBarsSpec(rows: readonly BarWithError[], metric: string, title: string): VegaLiteSpec {
  const values = rows.map((r) => ({
    group: r.group,
    mean: r.mean,
    lo: r.mean - (r.sd ?? 0),
    hi: r.mean + (r.sd ?? 0),
    sd: r.sd ?? 0,
  }));
  const order = rows.map((r) => r.group);
  return {
    title,
    width: Math.max(160, 42 * rows.length),
    height: 220,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusTopLeft: 3, cornerRadiusTopRight: 3, opacity: 0.9 },
        encoding: {
          x: { field: 'group', type: 'nominal', sort: order, title: null, axis: { labelAngle: -30 } },
          y: { field: 'mean', type: 'quantitative', title: metric },
          color: { field: 'group', type: 'nominal', sort: order, legend: null },
          tooltip: [
            { field: 'group', title: 'loss' },
            { field: 'mean', format: '.4f' },
            { field: 'sd', format: '.4f' },
          ],
        },
      },
      {
        mark: { type: 'rule', color: PALETTE.ink, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'group', type: 'nominal', sort: order },
          y: { field: 'lo', type: 'quantitative' },
          y2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'tick', color: PALETTE.ink, thickness: 1.5, size: 10 },
        encoding: {
          x: { field: 'group', type: 'nominal', sort: order },
          y: { field: 'hi', type: 'quantitative' },
        },
      },
      {
        mark: { type: 'tick', color: PALETTE.ink, thickness: 1.5, size: 10 },
        encoding: {
          x: { field: 'group', type: 'nominal', sort: order },
          y: { field: 'lo', type: 'quantitative' },
        },
      },
    ],
  };
}
