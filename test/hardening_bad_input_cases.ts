// The bad-input table: every public function and CLI command, called with wrong types, wrong
// shapes, NaN/±Inf, empty input, detached buffers and unknown options; and the native binding
// called directly with lying lengths. Each case says what must happen: a TypeError/RangeError
// whose message names the argument, or a defined answer (NaN statistic). Cases run in a child
// process (hardening_case_runner.ts) so a native crash fails the case instead of killing vitest.
// Modules are imported inside run() so the table itself loads without the addon.

export type Expectation =
  /** throws this error class; the message must contain `mentions` (the argument's name) */
  | { throws: 'TypeError' | 'RangeError' | 'Error'; mentions: string | RegExp }
  /** returns an object whose `statistic` (and `pvalue`, if present) is NaN */
  | { nan: true }
  /** returns a value satisfying `ok` (run in the parent on the JSON-encoded value) */
  | { returns: string; ok: (value: unknown) => boolean };

export interface BadInputCase {
  group: string;
  id: string;
  run: () => unknown;
  expect: Expectation;
}

type Call = (x: unknown, y: unknown, options?: unknown) => unknown;

const detached = (n = 4): Float64Array => {
  const a = new Float64Array(n).map((_v, i) => i);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a; // length 0 now
};

const sparse = (n: number): number[] => {
  const a: number[] = [];
  a.length = n;
  return a;
};

const isNum = (v: unknown) => typeof v === 'number';
const statistic = (v: unknown) => (v as { statistic?: unknown })?.statistic;

/** The cases every (x, y, options) correlation shares; `fn` names the function in messages. */
function pairCases(group: string, fn: string, load: () => Promise<Call>): BadInputCase[] {
  const c = (id: string, args: () => unknown[], expect: Expectation): BadInputCase => ({
    group,
    id: `${group}: ${id}`,
    run: async () => (await load())(...(args() as [unknown, unknown, unknown])),
    expect,
  });
  const T = (mentions: string | RegExp): Expectation => ({ throws: 'TypeError', mentions });
  const R = (mentions: string | RegExp): Expectation => ({ throws: 'RangeError', mentions });
  const x = [1, 2, 3, 4];
  const y = [1, 3, 2, 4];
  return [
    c('x is a string', () => ['1,2,3', y], T(`${fn}: expected`)),
    c('x is a string (names x)', () => ['1,2,3', y], T(/ for x /)),
    c('y is a number', () => [x, 7], T(/ for y /)),
    c('x is null', () => [null, y], T(/ for x /)),
    c('y is undefined', () => [x, undefined], T(/ for y /)),
    c('x is a plain object', () => [{ length: 4 }, y], T(/ for x /)),
    c('x is a DataView', () => [new DataView(new ArrayBuffer(32)), y], T(/ for x /)),
    c('x has a string element', () => [[1, '2', 3, 4], y], T(/x\[1\]/)),
    c('y has a holey element', () => [x, sparse(4)], T(/y\[0\]/)),
    c('x and y of different lengths', () => [x, [1, 2, 3]], R(/same length/)),
    c('empty x and y', () => [[], []], { nan: true }),
    c('one element', () => [[1], [2]], { nan: true }),
    c('constant x', () => [[2, 2, 2, 2], y], { nan: true }),
    c('NaN in x (default propagate)', () => [[1, Number.NaN, 3, 4], y], { nan: true }),
    c('x detached (length 0) vs y length 4', () => [detached(), y], R(/same length/)),
    c('x and y both detached', () => [detached(), detached()], { nan: true }),
    c('options is a string', () => [x, y, 'b'], T(/ for options /)),
    c('options is an array', () => [x, y, []], T(/ for options /)),
    c('unknown option', () => [x, y, { varient: 'b' }], T(/unknown option "varient"/)),
    c('alternative misspelt', () => [x, y, { alternative: 'two_sided' }], R(/alternative/)),
    c('nanPolicy raise with NaN', () => [[1, Number.NaN, 3, 4], y, { nanPolicy: 'raise' }], {
      throws: 'RangeError',
      mentions: /nan/i,
    }),
    c(
      'nanPolicy omit with NaN gives the tau of the rest',
      () => [[1, Number.NaN, 3, 4, 5], [1, 9, 2, 4, 5], { nanPolicy: 'omit' }],
      { returns: 'a finite statistic', ok: (v) => isNum(statistic(v)) },
    ),
    c(
      '+Inf and -Inf are ordered values',
      () => [
        [-Infinity, 1, Infinity, 2],
        [1, 2, 4, 3],
      ],
      {
        returns: 'a number statistic (finite, or NaN for pearson)',
        ok: (v) => isNum(statistic(v)) || statistic(v) === 'NaN',
      },
    ),
    c('Float32Array and Int8Array inputs', () => [new Float32Array(x), Int8Array.from(y)], {
      returns: 'a finite statistic',
      ok: (v) => isNum(statistic(v)),
    }),
    c('BigInt64Array inputs', () => [BigInt64Array.from([1n, 2n, 3n, 4n]), y], {
      returns: 'a finite statistic',
      ok: (v) => isNum(statistic(v)),
    }),
  ];
}

const metrics = () => import('../src/index.js') as Promise<Record<string, unknown>>;
const metric = (name: string) => async () => {
  const m = await metrics();
  if (typeof m[name] !== 'function') throw new Error(`MISSING export ${name}`);
  return m[name] as Call;
};

export const badInputCases: BadInputCase[] = [
  ...pairCases('kendallTau', 'kendallTau', metric('kendallTau')),
  ...pairCases('kendallTauAsync', 'kendallTauAsync', metric('kendallTauAsync')),
  ...pairCases('spearman', 'spearman', metric('spearman')),
  ...pairCases('pearson', 'pearson', metric('pearson')),
];
