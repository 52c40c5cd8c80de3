// The native module's TypeScript contract: the one boundary between src/ and native/addon.
// Every function here validates only what would crash it; src/ validates user input first.

export interface NativeDeviceInfo {
  index: number;
  name: string;
  computeCapability: string;
  totalMemory: number;
  multiprocessors: number;
}

export interface NativeBuildInfo {
  napiVersion: number;
  threads: number;
  /** the compiler that built this binary, e.g. "gcc 12.2.0" */
  compiler: string;
  cuda: {
    compiled: boolean;
    runtimeVersion: number | null;
    driverVersion: number | null;
    error: string | null;
    devices: NativeDeviceInfo[];
  };
}

export interface NativeBinding {
  buildInfo(): NativeBuildInfo;
  /** Threads for parallel work in this process; 0 restores the default. Returns the count in force. */
  setThreads(n: number): number;
}

// ---- fused pairwise Kendall surrogate (native/core/surrogate_*, native/cuda/surrogate.cu) ----
// Math, for each of B lists of length n (row-major [B, n]):
//   s_ij = phi(alpha (p_i - p_j)),  t_ij = sign(y_i - y_j)  (0 on target ties),  w_ij pair weight
//   tau-a: sum_{i<j} w s t / sum_{i<j} w          tau-b: sum s t / sqrt(sum s^2 * sum t^2)
//   ranknet: mean_{i<j, t != 0} w log(1 + exp(-alpha t (p_i - p_j)))   (a loss, lower is better)
//   hinge:   mean_{i<j, t != 0} w max(0, margin - t (p_i - p_j))       (a loss, lower is better)
// Details fixed by the native implementation (native/core/surrogate_normalize.h):
//   - weights in tau-b: sum w s t / sqrt(sum w s^2 * sum w t^2), every sum over all pairs i < j
//     (with w = 1 and a hard s this is exactly Kendall's tau-b, ties in either input included);
//   - ranknet / hinge divide by the COUNT of pairs with t != 0 (not by their weight sum);
//   - all targets tied (every form), constant predictions under tau-b, or tau-a with all weights
//     0 give value NaN and gradient 0 (as exact tau is NaN for a constant input); a non-finite prediction makes that list's value
//     and gradient NaN; a NaN target is a RangeError; correlation values are clamped to [-1, 1];
//   - hardtanh's derivative is 1 strictly inside (-1, 1) and 0 on the boundary; hinge's is 0 at
//     the kink;
//   - deterministic: the same input gives bit-identical output for any thread count (CPU) and run
//     to run (CUDA); CPU and CUDA agree to ~1e-6 (float32 pair math, double accumulation).
//   - environment (tests and benchmarks): TAUFLOW_SIMD=baseline|avx2 lowers the CPU instruction
//     set; TAUFLOW_SURROGATE_CPU=rowwise runs the CPU mirror of the CUDA kernel's loop order.
export type NativeSurrogateKind = 'tanh' | 'hardtanh' | 'logistic' | 'ranknet' | 'hinge';
export type NativePairWeighting = 'none' | 'target-diff' | 'user';
export type NativeNormalization = 'tau-a' | 'tau-b';

export interface NativeSurrogateOptions {
  surrogate: NativeSurrogateKind;
  /** scale inside phi (tanh, hardtanh, logistic, ranknet) */
  alpha: number;
  /** hinge margin */
  margin: number;
  weighting: NativePairWeighting;
  /** only for the correlation forms (tanh, hardtanh, logistic); ranknet/hinge are means over pairs */
  normalization: NativeNormalization;
  device: 'cpu' | 'cuda';
  /** when false, skip the gradient (forward only); grad is then an empty Float32Array */
  wantGrad: boolean;
}

export interface NativeSurrogateResult {
  /** one value per list, length B (accumulated in double) */
  value: Float64Array;
  /** d value / d p, row-major [B, n]; empty when wantGrad is false */
  grad: Float32Array;
}

export interface NativeBinding {
  /**
   * Fused forward (+ backward) of the pairwise surrogate over B lists of length n.
   * pred, target: Float32Array of length B*n; weights: per-element weights w_i (pair weight
   * w_i * w_j) of length B*n when weighting is 'user', else null. O(B*n) extra memory.
   */
  surrogate(
    pred: Float32Array,
    target: Float32Array,
    weights: Float32Array | null,
    batch: number,
    n: number,
    options: NativeSurrogateOptions,
  ): NativeSurrogateResult;
  /** Number of usable CUDA devices (0 when CUDA is not compiled in or no driver/GPU). */
  cudaDeviceCount(): number;
}

// ---- Spearman / Pearson / ranks (native/core/{spearman,pearson,rank_average,special_functions}) ----
// x, y: NaN-free Float64Arrays of equal length (src/ applies the NaN policy first).
export type NativeAlternative = 'two-sided' | 'less' | 'greater';

export interface NativeCorrelationResult {
  statistic: number;
  pvalue: number;
}

export interface NativeBinding {
  /** scipy.stats.spearmanr: Pearson r of average ranks, p from Student t with n - 2 dof. */
  spearman(x: Float64Array, y: Float64Array, alternative: NativeAlternative): NativeCorrelationResult;
  /** scipy.stats.pearsonr: p from Beta(n/2 - 1, n/2 - 1) on [-1, 1]. x, y finite. */
  pearson(x: Float64Array, y: Float64Array, alternative: NativeAlternative): NativeCorrelationResult;
  /** scipy.stats.rankdata(x, 'average'): 1-based, ties share the mean rank; NaN ranked last. */
  averageRanks(x: Float64Array): Float64Array;
  /** p-value of a given Spearman statistic for n pairs. */
  spearmanPValue(rs: number, n: number, alternative: NativeAlternative): number;
  /** p-value of a given Pearson statistic for n pairs. */
  pearsonPValue(r: number, n: number, alternative: NativeAlternative): number;
  /** [I_x(a, b), 1 - I_x(a, b)], each computed directly. */
  betaInc(a: number, b: number, x: number): [number, number];
  /** Student t CDF P(T <= t) with df degrees of freedom (scipy.special.stdtr). */
  studentTCdf(df: number, t: number): number;
}

// ---- exact Kendall tau (native/core/kendall_*, native/addon/kendall.cc) ----
// Inputs are Float64Arrays of equal length (src/metrics/kendall.ts converts and validates).
export interface NativeKendallOptions {
  variant?: 'a' | 'b' | 'c';
  alternative?: 'two-sided' | 'less' | 'greater';
  method?: 'auto' | 'exact' | 'asymptotic';
  nanPolicy?: 'propagate' | 'omit' | 'raise';
}

export interface NativeKendallResult {
  /** 'ok', or why the caller must throw: a NaN under nanPolicy 'raise', exact p with ties, exact p too costly */
  status: 'ok' | 'nan-found' | 'exact-with-ties' | 'exact-too-large';
  statistic: number;
  pvalue: number;
  /** the p-value method used ('auto' only when no p-value was computed) */
  method: 'auto' | 'exact' | 'asymptotic';
  /** false when the counts below describe no data (NaN propagated, n < 2) */
  counted: boolean;
  /** rows used (after NaN omission) */
  n: number;
  concordant: number;
  discordant: number;
  /** pairs tied in x (including those also tied in y) */
  tiesX: number;
  /** pairs tied in y (including those also tied in x) */
  tiesY: number;
  /** pairs tied in both */
  tiesXY: number;
  /** status 'nan-found': 0 = x, 1 = y; index of the first NaN, -1 when +Inf and -Inf sum to NaN */
  nanArg: number;
  nanIndex: number;
}

export interface NativeKendallMatrixResult {
  /** m*m row-major tau values (pairwise complete rows) */
  values: Float64Array;
  /** m*m p-values, NaN on the diagonal */
  pvalues: Float64Array;
  /** m*m rows used per pair */
  counts: Float64Array;
}

export interface NativeBinding {
  kendallTau(x: Float64Array, y: Float64Array, options: NativeKendallOptions): NativeKendallResult;
  /** Same on a libuv worker thread; inputs are copied first. */
  kendallTauAsync(
    x: Float64Array,
    y: Float64Array,
    options: NativeKendallOptions,
  ): Promise<NativeKendallResult>;
  /** columns all of one length; nanPolicy is ignored (pairwise complete, finite values only) */
  kendallMatrix(
    columns: Float64Array[],
    options: NativeKendallOptions,
    minPeriods: number,
  ): NativeKendallMatrixResult;
}

// ---- scratch arena (native/core/scratch_arena.h, native/addon/scratch.cc) ----
export interface NativeScratchInfo {
  /** bytes held in idle scratch blocks, kept for the next call */
  cachedBytes: number;
  cachedBlocks: number;
  /** largest total kept between calls */
  limitBytes: number;
  /** idle blocks are unmapped after this many ms without use (0 = never) */
  idleMs: number;
  /** acquires served from an idle block / that mapped a new one, since the process started */
  reused: number;
  mapped: number;
}

export interface NativeBinding {
  /** Unmaps the idle scratch blocks now; returns the bytes freed. */
  releaseScratch(): number;
  scratchInfo(): NativeScratchInfo;
  /** limitBytes (0 = keep nothing) and idleMs (0 = never unmap on idle), both validated by src/scratch.ts */
  setScratchPolicy(limitBytes: number, idleMs: number): NativeScratchInfo;
}
