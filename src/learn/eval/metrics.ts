/**
 * Ranking metrics over binary relevance given in ranked order
 * (`relevant[0]` is the first item shown).
 */
export function precisionAt(k: number, relevant: readonly boolean[]): number {
  const top = relevant.slice(0, k);
  return top.length === 0 ? 0 : top.filter(Boolean).length / k;
}

export function ndcgAt(k: number, relevant: readonly boolean[]): number {
  const gain = (rel: readonly boolean[]): number => rel.slice(0, k).reduce((s, r, i) => s + (r ? 1 / Math.log2(i + 2) : 0), 0);
  const ideal = gain([...relevant].sort((a, b) => Number(b) - Number(a)));
  return ideal === 0 ? 0 : gain(relevant) / ideal;
}

/**
 * Share of (relevant, irrelevant) pairs the order gets right; 0.5 when either
 * class is empty, since there is nothing to order.
 */
export function aucOfOrder(relevant: readonly boolean[]): number {
  let pos = 0;
  let right = 0;
  let neg = 0;
  for (const r of relevant) {
    if (r) pos += 1;
    else {
      neg += 1;
      right += pos; // every relevant item above this irrelevant one is a pair in the right order
    }
  }
  return pos === 0 || neg === 0 ? 0.5 : right / (pos * neg);
}
