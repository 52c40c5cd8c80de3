// Streams a CSV file with csv-parse and keeps only the numeric columns asked for, so a file with
// many columns or millions of rows never sits in memory as strings. Every problem with the file
// is a UsageError (one line, exit code 2) naming the file and, for cell problems, the data row
// (1-based, header excluded) and the line it ends on.
import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { UsageError } from './usage_error.js';

export interface CsvColumns {
  /** header names, as in the file */
  header: string[];
  /** the requested columns' header names, in request order */
  names: string[];
  /** the requested columns, parsed to numbers (empty / NaN / NA cells are NaN) */
  columns: Float64Array[];
  /** data rows read */
  rows: number;
  /** line on which each data row ends (for messages about a row found later) */
  lines: Uint32Array;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)inf(inity)?$/i;
const MISSING = /^(nan|na|n\/a|null)?$/i;

/** A cell as a number: decimal or scientific notation, ±inf, NaN for empty/NaN/NA/null; else null. */
export function parseCell(cell: string): number | null {
  const s = cell.trim();
  if (NUMBER.test(s)) return Number(s);
  if (MISSING.test(s)) return NaN;
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return null;
}

/** Column by header name, or by 0-based index when no header has that name. */
export function resolveColumn(file: string, header: string[], spec: string): number {
  const byName = header.indexOf(spec);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(spec)) {
    const i = Number(spec);
    if (i < header.length) return i;
    throw new UsageError(
      `${file}: column index ${i} is out of range (the header has ${header.length} columns: ${header.join(', ')})`,
    );
  }
  throw new UsageError(`${file}: no column "${spec}" (columns: ${header.join(', ')})`);
}

class Growable {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

function checkReadable(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`,
    );
  }
  if (!isFile) throw new UsageError(`cannot read ${file}: not a regular file`);
}

/**
 * Reads the named (or 0-based indexed) columns of a CSV file with a header row.
 * @example
 * const { columns, rows } = await readCsvColumns('examples/ideranknet_test_predictions.csv', ['target', 'prediction']);
 */
export async function readCsvColumns(
  file: string,
  specs: string[],
  options: { delimiter?: string } = {},
): Promise<CsvColumns> {
  checkReadable(file);
  const parser = createReadStream(file).pipe(
    parse({
      delimiter: options.delimiter ?? ',',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let header: string[] | undefined;
  let indices: number[] = [];
  const buffers = specs.map(() => new Growable());
  const lines = new Growable();
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        indices = specs.map((s) => resolveColumn(file, header!, s));
        continue;
      }
      rows++;
      const where = `${file}, row ${rows} (line ${info.lines})`;
      if (record.length !== header.length)
        throw new UsageError(
          `${where}: ${record.length} field${record.length === 1 ? '' : 's'} but the header has ${header.length}`,
        );
      for (let k = 0; k < indices.length; k++) {
        const cell = record[indices[k]];
        const v = parseCell(cell);
        if (v === null)
          throw new UsageError(
            `${where}: column "${header[indices[k]]}" holds ${JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell)}, not a number`,
          );
        buffers[k].push(v);
      }
      lines.push(info.lines);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // csv-parse errors (an unclosed quote, ...) carry the line in their message.
    throw new UsageError(`${file}: ${(err as Error).message}`);
  } finally {
    parser.destroy();
  }
  if (!header) throw new UsageError(`${file} is empty (expected a header row)`);
  return {
    header,
    names: indices.map((i) => header![i]),
    columns: buffers.map((b) => b.view()),
    rows,
    lines: Uint32Array.from(lines.view()),
  };
}
