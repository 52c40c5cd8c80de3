// The numeric (non-BigInt) typed array constructors, for the tests that check every array kind an
// API accepts gives the number[] answer.

/**
 * Every non-BigInt numeric typed array constructor.
 * @example for (const T of NUMBER_TYPED_ARRAYS) expect(spearman(T.from(x), T.from(y))).toEqual(ref);
 */
export const NUMBER_TYPED_ARRAYS = [
  Float64Array,
  Float32Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
] as const;
