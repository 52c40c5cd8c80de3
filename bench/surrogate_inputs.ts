// Seeded surrogate benchmark inputs shared by the CPU and GPU benchmarks: targets on 1000 levels
// (ties, as in real scores) and predictions correlated with them. Same seed → same inputs.
export function surrogateInputs(total: number, seed: number): { p: Float32Array; y: Float32Array } {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const p = new Float32Array(total);
  const y = new Float32Array(total);
  for (let k = 0; k < total; k++) {
    y[k] = Math.floor(rand() * 1000) / 100;
    p[k] = 0.5 * y[k] + rand();
  }
  return { p, y };
}
