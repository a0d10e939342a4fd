/**
 * Number of entries ≤ t in an ascending array, which is also the index of the first entry
 * greater than t: how many events have happened by time t, in O(log n) without allocating.
 */
export function countAtOrBefore(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
