// An independent O(n log n) count of discordant pairs, the oracle of the Kendall tests that check
// the native count at sizes too big for the O(n^2) definition (test/helpers/tau_b_naive.ts).

/**
 * Discordant pairs by sorting rows by (x, y) and merge-counting inversions of y (bottom-up merge
 * sort). Ties in x or y are not discordant: the (x, y) sort puts tied rows in y order.
 * @example discordantJs(Float64Array.of(1, 2, 3), Float64Array.of(3, 1, 2)) // 2
 */
export function discordantJs(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  const ys = Float64Array.from(idx, (i) => y[i]);
  const tmp = new Float64Array(n);
  let inv = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (ys[j] < ys[i]) {
          inv += mid - i;
          tmp[k++] = ys[j++];
        } else tmp[k++] = ys[i++];
      }
      while (i < mid) tmp[k++] = ys[i++];
      while (j < hi) tmp[k++] = ys[j++];
    }
    ys.set(tmp);
  }
  return inv;
}
