// One place for argument checks, so every public function words its errors the same way:
//   "<fn>: expected <what> for <arg> but received <what it got>"
// TypeError for the wrong kind of value, RangeError for a value of the right kind out of range.

export type NumericArray =
  | number[]
  | Float64Array
  | Float32Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** A short description of what was received, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value))
    return `a ${value.constructor.name} of length ${(value as { length?: number }).length ?? value.byteLength}`;
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${value}`;
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}

export function typeError(fn: string, arg: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${fn}: expected ${expected} for ${arg} but received ${describe(value)}`);
}

export function rangeError(fn: string, arg: string, expected: string, value: unknown): RangeError {
  return new RangeError(`${fn}: expected ${expected} for ${arg} but received ${describe(value)}`);
}

/**
 * Accepts number[] or any numeric typed array and returns a Float64Array view or copy.
 * A Float64Array is returned as is (no copy). Non-number array elements are a TypeError naming
 * the index; NaN is allowed here (nan policies decide what it means); ±Inf too unless finite.
 */
export function toFloat64(
  fn: string,
  arg: string,
  value: unknown,
  opts: { finite?: boolean } = {},
): Float64Array {
  let out: Float64Array;
  if (value instanceof Float64Array) out = value;
  else if (Array.isArray(value)) {
    out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v !== 'number') throw typeError(fn, `${arg}[${i}]`, 'a number', v);
      out[i] = v;
    }
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value instanceof BigInt64Array || value instanceof BigUint64Array)
      out = Float64Array.from(value, Number);
    else out = Float64Array.from(value as unknown as ArrayLike<number>);
  } else throw typeError(fn, arg, 'an array of numbers or a numeric typed array', value);
  if (opts.finite) {
    for (let i = 0; i < out.length; i++)
      if (!Number.isFinite(out[i]) && !Number.isNaN(out[i]))
        throw rangeError(fn, `${arg}[${i}]`, 'a finite number', out[i]);
  }
  return out;
}

/** Options must be undefined or a plain object; unknown keys are an error (typos fail loudly). */
export function checkOptions<T extends object>(
  fn: string,
  options: unknown,
  known: readonly string[],
): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw typeError(fn, 'options', 'an object', options);
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new TypeError(`${fn}: unknown option "${key}" (known options: ${known.join(', ')})`);
  }
  return options as Partial<T>;
}

/** A value from a fixed set, or the default when undefined. */
export function oneOf<const V extends string>(
  fn: string,
  arg: string,
  value: unknown,
  allowed: readonly V[],
  dflt: V,
): V {
  if (value === undefined) return dflt;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw rangeError(fn, arg, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  return value as V;
}

/** A finite number within [min, max] (inclusive), or the default when undefined. */
export function numberIn(
  fn: string,
  arg: string,
  value: unknown,
  min: number,
  max: number,
  dflt: number,
): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number') throw typeError(fn, arg, 'a number', value);
  if (!(value >= min && value <= max)) throw rangeError(fn, arg, `a number in [${min}, ${max}]`, value);
  return value;
}

/** An integer within [min, max], or the default when undefined. */
export function integerIn(
  fn: string,
  arg: string,
  value: unknown,
  min: number,
  max: number,
  dflt: number,
): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number') throw typeError(fn, arg, 'an integer', value);
  if (!Number.isInteger(value) || value < min || value > max)
    throw rangeError(fn, arg, `an integer in [${min}, ${max}]`, value);
  return value;
}

export function sameLength(
  fn: string,
  a: { length: number },
  b: { length: number },
  names = ['x', 'y'],
): void {
  if (a.length !== b.length)
    throw new RangeError(
      `${fn}: expected ${names[0]} and ${names[1]} of the same length but received ${a.length} and ${b.length}`,
    );
}
