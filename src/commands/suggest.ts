/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate closest to `input`, when it is close enough to be a typo:
 * at most a third of the word's letters (and at least 2) may differ.
 */
export function closest(input: string, candidates: readonly string[]): string | null {
  let best: { name: string; dist: number } | null = null;
  for (const c of candidates) {
    const dist = editDistance(input.toLowerCase(), c);
    if (!best || dist < best.dist) best = { name: c, dist };
  }
  if (!best) return null;
  const allowed = Math.max(2, Math.floor(best.name.length / 3));
  return best.dist <= allowed ? best.name : null;
}
