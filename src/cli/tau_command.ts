// `tauflow tau FILE.csv --x COL --y COL`: Kendall tau (and optionally Spearman / Pearson) between
// two columns of a CSV file, or `--matrix A,B,C` for the Kendall matrix of several columns.
import { type Command, Option } from 'commander';
import type { CorrelationResult } from '../metrics/correlation_options.js';
import { type KendallTauResult, kendallTau } from '../metrics/kendall.js';
import { kendallMatrix } from '../metrics/kendall_matrix.js';
import { pearson } from '../metrics/pearson.js';
import { spearman } from '../metrics/spearman.js';
import { type CsvColumns, readCsvColumns } from './csv_columns.js';
import { UsageError } from './usage_error.js';

interface TauFlags {
  x?: string;
  y?: string;
  matrix?: string;
  variant: 'a' | 'b' | 'c';
  alternative: 'two-sided' | 'less' | 'greater';
  method: 'auto' | 'exact' | 'asymptotic';
  nanPolicy: 'propagate' | 'omit' | 'raise';
  spearman?: boolean;
  pearson?: boolean;
  all?: boolean;
  json?: boolean;
  delimiter: string;
}

/**
 * Registers `tauflow tau` on the CLI program.
 * @example
 * // npx tauflow tau examples/ideranknet_test_predictions.csv --x target --y prediction --all
 * // examples/ideranknet_test_predictions.csv: x = target, y = prediction, n = 2885
 * // kendall tau-b  0.447925015  p = 4.918e-284  (two-sided, asymptotic)
 * // spearman     0.628333573  p = 9.499e-317  (two-sided)
 * // pearson      0.454492115  p = 4.581e-147  (two-sided)
 */
export function registerTauCommand(program: Command): void {
  program
    .command('tau')
    .description(
      'Kendall tau (scipy semantics) between two columns of a CSV file with a header row; ' +
        'columns by name or 0-based index; empty/NaN cells follow --nan-policy',
    )
    .argument('<file>', 'CSV file with a header row')
    .option('--x <col>', 'first column (name or 0-based index)')
    .option('--y <col>', 'second column (name or 0-based index)')
    .option(
      '--matrix <cols>',
      'comma-separated columns: print the Kendall tau matrix instead (pairwise complete)',
    )
    .addOption(new Option('--variant <v>', 'tau variant').choices(['b', 'c', 'a']).default('b'))
    .addOption(
      new Option('--alternative <h>', 'alternative hypothesis')
        .choices(['two-sided', 'less', 'greater'])
        .default('two-sided'),
    )
    .addOption(
      new Option('--method <m>', 'p-value method').choices(['auto', 'exact', 'asymptotic']).default('auto'),
    )
    .addOption(
      new Option('--nan-policy <p>', 'empty/NaN cells: NaN result, drop the row, or fail')
        .choices(['propagate', 'omit', 'raise'])
        .default('propagate'),
    )
    .option('--spearman', 'also print Spearman rho')
    .option('--pearson', 'also print Pearson r')
    .option('--all', 'also print Spearman and Pearson')
    .option('--delimiter <c>', 'field delimiter', ',')
    .option('--json', 'print one JSON object')
    .action(async (file: string, flags: TauFlags) => {
      if (flags.matrix !== undefined) {
        if (flags.x !== undefined || flags.y !== undefined)
          throw new UsageError('tau: use either --x/--y or --matrix, not both');
        await runMatrix(file, flags);
        return;
      }
      if (flags.x === undefined || flags.y === undefined)
        throw new UsageError('tau: expected --x COL and --y COL (or --matrix COL,COL,...)');
      await runPair(file, flags);
    });
}

/** Under 'raise', the first NaN cell is reported by row, which the metric itself cannot know. */
function raiseOnNan(file: string, csv: CsvColumns, policy: TauFlags['nanPolicy']): void {
  if (policy !== 'raise') return;
  for (let i = 0; i < csv.rows; i++)
    for (let k = 0; k < csv.columns.length; k++)
      if (Number.isNaN(csv.columns[k][i]))
        throw new UsageError(
          `${file}, row ${i + 1} (line ${csv.lines[i]}): column "${csv.names[k]}" is empty or NaN (--nan-policy raise)`,
        );
}

function pairsWithoutNan(x: Float64Array, y: Float64Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) n++;
  return n;
}

function formatP(p: number): string {
  if (Number.isNaN(p)) return 'NaN';
  if (p === 0) return '0';
  return p < 1e-4 ? p.toExponential(3) : p.toPrecision(4);
}

function formatStat(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v.toFixed(9);
}

async function runPair(file: string, flags: TauFlags): Promise<void> {
  const csv = await readCsvColumns(file, [flags.x!, flags.y!], { delimiter: flags.delimiter });
  raiseOnNan(file, csv, flags.nanPolicy);
  const [x, y] = csv.columns;
  const withSpearman = flags.spearman || flags.all;
  const withPearson = flags.pearson || flags.all;
  if (withPearson) {
    for (let i = 0; i < csv.rows; i++)
      for (const [k, col] of csv.columns.entries())
        if (col[i] === Infinity || col[i] === -Infinity)
          throw new UsageError(
            `${file}, row ${i + 1} (line ${csv.lines[i]}): column "${csv.names[k]}" is infinite (Pearson needs finite values)`,
          );
    if (csv.rows < 2)
      throw new UsageError(`${file}: Pearson needs at least 2 data rows but the file has ${csv.rows}`);
  }
  const tau: KendallTauResult = kendallTau(x, y, {
    variant: flags.variant,
    alternative: flags.alternative,
    method: flags.method,
    nanPolicy: flags.nanPolicy,
  });
  const opts = { alternative: flags.alternative, nanPolicy: flags.nanPolicy };
  const rho: CorrelationResult | undefined = withSpearman ? spearman(x, y, opts) : undefined;
  const r: CorrelationResult | undefined = withPearson ? pearson(x, y, opts) : undefined;
  const complete = pairsWithoutNan(x, y);
  const n = flags.nanPolicy === 'omit' ? complete : csv.rows;

  if (flags.json) {
    const out: Record<string, unknown> = {
      file,
      x: csv.names[0],
      y: csv.names[1],
      rows: csv.rows,
      n,
      variant: flags.variant,
      alternative: flags.alternative,
      method: tau.method,
      nanPolicy: flags.nanPolicy,
      statistic: tau.statistic,
      pvalue: tau.pvalue,
      concordant: tau.concordant,
      discordant: tau.discordant,
      tiesX: tau.tiesX,
      tiesY: tau.tiesY,
      tiesXY: tau.tiesXY,
    };
    if (rho) out.spearman = { statistic: rho.statistic, pvalue: rho.pvalue };
    if (r) out.pearson = { statistic: r.statistic, pvalue: r.pvalue };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const omitted = csv.rows - complete;
  const nNote =
    omitted === 0
      ? ''
      : flags.nanPolicy === 'omit'
        ? ` (${omitted} row${omitted === 1 ? '' : 's'} with empty/NaN cells omitted)`
        : ` (${omitted} row${omitted === 1 ? '' : 's'} with empty/NaN cells: --nan-policy omit drops them)`;
  const lines = [
    `${file}: x = ${csv.names[0]}, y = ${csv.names[1]}, n = ${n}${nNote}`,
    `kendall tau-${flags.variant}  ${formatStat(tau.statistic)}  p = ${formatP(tau.pvalue)}  (${flags.alternative}, ${tau.method})`,
  ];
  if (rho)
    lines.push(
      `spearman     ${formatStat(rho.statistic)}  p = ${formatP(rho.pvalue)}  (${flags.alternative})`,
    );
  if (r)
    lines.push(`pearson      ${formatStat(r.statistic)}  p = ${formatP(r.pvalue)}  (${flags.alternative})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runMatrix(file: string, flags: TauFlags): Promise<void> {
  const specs = flags.matrix!.split(',').map((s) => s.trim());
  if (specs.length < 2 || specs.some((s) => s === ''))
    throw new UsageError(
      `tau: --matrix expects at least two comma-separated columns but received "${flags.matrix}"`,
    );
  const csv = await readCsvColumns(file, specs, { delimiter: flags.delimiter });
  raiseOnNan(file, csv, flags.nanPolicy);
  const res = kendallMatrix(csv.columns, {
    variant: flags.variant,
    alternative: flags.alternative,
    method: flags.method,
  });
  const m = res.m;
  // kendallMatrix uses pairwise-complete rows ('omit'); 'propagate' makes any pair that touches
  // a column with an empty/NaN cell NaN, as kendallTau would.
  if (flags.nanPolicy === 'propagate') {
    const hasNan = csv.columns.map((c) => c.some((v) => Number.isNaN(v)));
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++)
        if (hasNan[i] || hasNan[j]) {
          res.values[i * m + j] = NaN;
          res.pvalues[i * m + j] = NaN;
        }
  }
  const rowsOf = (a: Float64Array) =>
    Array.from({ length: m }, (_, i) => Array.from(a.subarray(i * m, (i + 1) * m)));
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({
        file,
        columns: csv.names,
        rows: csv.rows,
        variant: flags.variant,
        alternative: flags.alternative,
        nanPolicy: flags.nanPolicy,
        matrix: rowsOf(res.values),
        pvalues: rowsOf(res.pvalues),
        counts: rowsOf(res.counts),
      })}\n`,
    );
    return;
  }
  const width = Math.max(9, ...csv.names.map((s) => s.length)) + 2;
  const pad = (s: string) => s.padStart(width);
  const out = [
    `${file}: kendall tau-${flags.variant} matrix, ${csv.rows} rows${flags.nanPolicy === 'omit' ? ' (pairwise complete)' : ''}`,
    ' '.repeat(width) + csv.names.map(pad).join(''),
    ...csv.names.map(
      (name, i) =>
        pad(name) +
        Array.from(res.values.subarray(i * m, (i + 1) * m))
          .map((v) => pad(Number.isNaN(v) ? 'NaN' : v.toFixed(6)))
          .join(''),
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
