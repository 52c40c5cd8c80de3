// The VSD score format: a CSV of `name,score` — with or without a header row — optionally with a
// third `split` column (train/val/test), as in VSD_dataset.csv and VSD_ideranknet_split.csv. With
// a header, columns are found by name (name|image|file|id, score|difficulty|target, split|set),
// in any order; without one, they are taken as name, score[, split].
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe as describeValue } from '../../validate.js';
import { parseSplitLabel, type SplitName } from './splits.js';

export interface VsdRow {
  name: string;
  score: number;
  split?: SplitName;
}

export interface VsdCsv {
  rows: VsdRow[];
  hasHeader: boolean;
  /** true when every row carries a split label */
  hasSplit: boolean;
}

const NAME_COLUMNS = ['name', 'image', 'file', 'filename', 'id', 'image_id'];
const SCORE_COLUMNS = ['score', 'difficulty', 'target', 'vsd', 'label'];
const SPLIT_COLUMNS = ['split', 'set', 'subset', 'fold'];

/** A problem with a data file's content: says which file, which line and what was wrong. */
export class DataFormatError extends RangeError {
  override name = 'DataFormatError';
}

/**
 * Parse VSD-format CSV text. `source` names the file in error messages.
 * @example
 * parseVsdCsv('name,score\n2008_000002,3.725161\n').rows // [{ name: '2008_000002', score: 3.725161 }]
 * parseVsdCsv('a.png,3.1\nb.png,4.2\n').hasHeader          // false
 */
export function parseVsdCsv(text: string, source = 'CSV'): VsdCsv {
  const fn = 'parseVsdCsv';
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as string[][];
  } catch (err) {
    throw new DataFormatError(`${fn}: ${source} is not valid CSV (${(err as Error).message})`);
  }
  if (records.length === 0) throw new DataFormatError(`${fn}: ${source} has no rows`);
  const first = records[0];
  const hasHeader = first.length >= 2 && !Number.isFinite(Number.parseFloat(first[1])) && first[1] !== 'NaN';
  let nameCol = 0;
  let scoreCol = 1;
  let splitCol = first.length >= 3 ? 2 : -1;
  if (hasHeader) {
    const lower = first.map((h) => h.toLowerCase());
    const find = (names: string[]) => lower.findIndex((h) => names.includes(h));
    nameCol = find(NAME_COLUMNS);
    scoreCol = find(SCORE_COLUMNS);
    splitCol = find(SPLIT_COLUMNS);
    if (nameCol < 0) nameCol = 0;
    if (scoreCol < 0)
      throw new DataFormatError(
        `${fn}: expected a score column (${SCORE_COLUMNS.join('|')}) in the header of ${source} but received ${describeValue(first.join(','))}`,
      );
  } else if (first.length < 2) {
    throw new DataFormatError(
      `${fn}: expected at least two columns (name,score) in ${source} but received ${describeValue(first.join(','))} on line 1`,
    );
  }
  const rows: VsdRow[] = [];
  const seen = new Map<string, number>();
  let withSplit = 0;
  for (let i = hasHeader ? 1 : 0; i < records.length; i++) {
    const r = records[i];
    const line = i + 1;
    const name = r[nameCol] ?? '';
    if (!name)
      throw new DataFormatError(
        `${fn}: expected a name on line ${line} of ${source} but received an empty field`,
      );
    const rawScore = r[scoreCol];
    const score = Number(rawScore);
    if (rawScore === undefined || rawScore === '' || !Number.isFinite(score))
      throw new DataFormatError(
        `${fn}: expected a finite number for the score on line ${line} of ${source} but received ${describeValue(rawScore)}`,
      );
    const previous = seen.get(name);
    if (previous !== undefined)
      throw new DataFormatError(
        `${fn}: name "${name}" appears twice in ${source} (lines ${previous} and ${line})`,
      );
    seen.set(name, line);
    const row: VsdRow = { name, score };
    if (splitCol >= 0 && r[splitCol] !== undefined && r[splitCol] !== '') {
      const split = parseSplitLabel(r[splitCol]);
      if (!split)
        throw new DataFormatError(
          `${fn}: expected train, val or test for the split on line ${line} of ${source} but received ${describeValue(r[splitCol])}`,
        );
      row.split = split;
      withSplit++;
    }
    rows.push(row);
  }
  if (rows.length === 0) throw new DataFormatError(`${fn}: ${source} has a header but no data rows`);
  return { rows, hasHeader, hasSplit: withSplit === rows.length };
}

/**
 * Read and parse a VSD-format CSV file.
 * @example const { rows } = await readVsdCsv('../shared/data/VSD_dataset.csv'); // 11,540 rows
 */
export async function readVsdCsv(path: string): Promise<VsdCsv> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new DataFormatError(
      `readVsdCsv: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseVsdCsv(text, path);
}
