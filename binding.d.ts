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
