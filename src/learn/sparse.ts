// biome-ignore-all lint/style/noNonNullAssertion: indexes are bounded by the loop over both vectors' lengths
/** A sparse vector: ascending feature indexes and their values. */
export interface SparseVec {
  idx: Int32Array;
  val: Float64Array;
}

/** Dot product; the cosine when both are l2-normalised, as tf-idf rows are. */
export function dot(a: SparseVec, b: SparseVec): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const ai = a.idx[i]!;
    const bj = b.idx[j]!;
    if (ai === bj) s += a.val[i++]! * b.val[j++]!;
    else if (ai < bj) i++;
    else j++;
  }
  return s;
}
