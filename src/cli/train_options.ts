// Flags shared by `tauflow train`, `eval`, `predict` and `experiment`: data selection and the
// number parsers. Every bad value is a UsageError (one line, exit code 2).
import { type Command, Option } from 'commander';
import { loadSynthetic } from '../train/data/synthetic_loader.js';
import type { SplitData } from '../train/data/types.js';
import { loadVsd } from '../train/data/vsd_loader.js';
import { UsageError } from './usage_error.js';

export function integerFlag(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`${flag} expects an integer in [${min}, ${max}] but received "${value}"`);
    return n;
  };
}

export function numberFlag(flag: string, min: number, max: number, openMin = false) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (openMin && n === min))
      throw new UsageError(
        `${flag} expects a number in ${openMin ? '(' : '['}${min}, ${max}] but received "${value}"`,
      );
    return n;
  };
}

export function choiceFlag<const V extends string>(flag: string, allowed: readonly V[]) {
  return (value: string): V => {
    if (!(allowed as readonly string[]).includes(value))
      throw new UsageError(`${flag} expects one of ${allowed.join(', ')} but received "${value}"`);
    return value as V;
  };
}

export interface DataFlags {
  data: string;
  csv?: string;
  split?: string;
  count: number;
  noise?: number;
  dataSeed: number;
  imageSize?: number;
  cacheMb?: number;
}

/** --data, --csv, --split, --count, --noise, --data-seed, --image-size, --cache-mb */
export function addDataOptions(command: Command, defaults: { count: number; imageSize: number }): Command {
  return command
    .option('--data <synthetic|DIR>', 'synthetic scenes, or a folder of images named in --csv', 'synthetic')
    .option('--csv <FILE>', 'VSD-format scores (name,score) for --data DIR')
    .option('--split <FILE>', 'a split CSV (name,score,split) instead of a seeded 2:1:1 split')
    .addOption(
      new Option('--count <N>', 'synthetic scenes in all splits')
        .default(defaults.count)
        .argParser(integerFlag('--count', 8)),
    )
    .addOption(new Option('--noise <SIGMA>', 'synthetic label noise').argParser(numberFlag('--noise', 0, 10)))
    .addOption(
      new Option('--data-seed <N>', 'seed of the synthetic scenes and of the 2:1:1 split')
        .default(1)
        .argParser(integerFlag('--data-seed', 0, 2 ** 31 - 1)),
    )
    .addOption(
      new Option(
        '--image-size <PX>',
        `image side in pixels (synthetic default ${defaults.imageSize}, folders 224)`,
      ).argParser(integerFlag('--image-size', 8, 1024)),
    )
    .addOption(
      new Option('--cache-mb <MB>', 'memory for decoded images (folders)').argParser(
        integerFlag('--cache-mb', 1),
      ),
    );
}

/** Flag combinations that cannot work, as usage errors before any work starts. */
export function checkDataFlags(flags: DataFlags): void {
  if (flags.data === 'synthetic') {
    if (flags.csv || flags.split)
      throw new UsageError('--csv and --split need --data DIR (a folder of images)');
  } else if (!flags.csv) throw new UsageError(`--data ${flags.data} needs --csv FILE (the name,score list)`);
}

/** Loads the data the flags name. */
export async function loadDataFromFlags(flags: DataFlags, defaultSynthSize: number): Promise<SplitData> {
  checkDataFlags(flags);
  if (flags.data === 'synthetic') {
    return loadSynthetic({
      count: flags.count,
      size: flags.imageSize ?? defaultSynthSize,
      seed: flags.dataSeed,
      ...(flags.noise !== undefined ? { noise: flags.noise } : {}),
    });
  }
  try {
    return await loadVsd({
      csv: flags.csv!,
      images: flags.data,
      size: flags.imageSize ?? 224,
      seed: flags.dataSeed,
      ...(flags.split ? { split: flags.split } : {}),
      ...(flags.cacheMb ? { cacheMB: flags.cacheMb } : {}),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError((err as Error).message);
    throw err;
  }
}
