// biome-ignore-all lint/style/noNonNullAssertion: numeric kernel over typed arrays; every index is bounded by its loop, and a check per read would cost the hot path
import type { SparseVec } from './sparse.js';

export interface LogisticData {
  rows: readonly SparseVec[];
  /** 1 for positive, 0 for negative. */
  labels: readonly (0 | 1)[];
  /** Per-example weight (> 0). */
  weights: readonly number[];
  dim: number;
}

export interface LogisticFit {
  /** Feature weights; index `dim` is not used (the bias is apart). */
  w: Float64Array;
  bias: number;
  iterations: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

// log(1 + e^z) without overflow.
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function margin(theta: Float64Array, x: SparseVec, dim: number): number {
  let z = theta[dim] ?? 0;
  for (let k = 0; k < x.idx.length; k++) z += theta[x.idx[k]!]! * x.val[k]!;
  return z;
}

/**
 * Weighted mean log-loss plus (l2 / 2)·|w|² (the bias is not penalised), and
 * its gradient into `grad`. θ holds the dim weights then the bias.
 */
export function logisticObjective(data: LogisticData, l2: number, theta: Float64Array, grad: Float64Array): number {
  const { rows, labels, weights, dim } = data;
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]!;
    const y = labels[i] === 1 ? 1 : -1;
    const c = weights[i]! / total;
    const z = margin(theta, x, dim);
    loss += c * softplus(-y * z);
    const g = -y * c * sigmoid(-y * z);
    for (let k = 0; k < x.idx.length; k++) grad[x.idx[k]!]! += g * x.val[k]!;
    grad[dim]! += g;
  }
  for (let j = 0; j < dim; j++) {
    loss += 0.5 * l2 * theta[j]! * theta[j]!;
    grad[j]! += l2 * theta[j]!;
  }
  return loss;
}

function dotv(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * L-BFGS (memory 8) with a backtracking Armijo line search. The objective is
 * smooth and strongly convex, so this converges in tens of passes over the
 * data, which keeps a 180-day channel well under a second.
 */
export function fitLogistic(data: LogisticData, opts: { l2: number; maxIter?: number; tol?: number; init?: Float64Array }): LogisticFit {
  const n = data.dim + 1;
  const maxIter = opts.maxIter ?? 200;
  const tol = opts.tol ?? 1e-6;
  const theta = opts.init ? Float64Array.from(opts.init) : new Float64Array(n);
  const grad = new Float64Array(n);
  let f = logisticObjective(data, opts.l2, theta, grad);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const newTheta = new Float64Array(n);
  const newGrad = new Float64Array(n);
  let it = 0;
  for (; it < maxIter; it++) {
    if (Math.sqrt(dotv(grad, grad)) < tol) break;
    // Two-loop recursion: dir = -H·grad.
    const q = Float64Array.from(grad);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const a = dotv(S[k]!, q) / dotv(Y[k]!, S[k]!);
      alpha[k] = a;
      for (let i = 0; i < n; i++) q[i]! -= a * Y[k]![i]!;
    }
    const last = S.length - 1;
    const gamma = last >= 0 ? dotv(S[last]!, Y[last]!) / dotv(Y[last]!, Y[last]!) : 1 / Math.max(1, Math.sqrt(dotv(grad, grad)));
    for (let i = 0; i < n; i++) q[i]! *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = dotv(Y[k]!, q) / dotv(Y[k]!, S[k]!);
      for (let i = 0; i < n; i++) q[i]! += S[k]![i]! * (alpha[k]! - b);
    }
    let slope = -dotv(grad, q);
    if (slope >= 0) {
      // Not a descent direction (curvature went stale): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      q.set(grad);
      slope = -dotv(grad, grad);
    }
    let step = 1;
    let fNew = f;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) newTheta[i] = theta[i]! - step * q[i]!;
      fNew = logisticObjective(data, opts.l2, newTheta, newGrad);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = newTheta[i]! - theta[i]!;
      y[i] = newGrad[i]! - grad[i]!;
    }
    if (dotv(s, y) > 1e-12) {
      S.push(s);
      Y.push(y);
      if (S.length > 8) {
        S.shift();
        Y.shift();
      }
    }
    const done = Math.abs(f - fNew) < tol * Math.max(1, Math.abs(f)) * 1e-3;
    theta.set(newTheta);
    grad.set(newGrad);
    f = fNew;
    if (done) break;
  }
  return { w: theta.subarray(0, data.dim), bias: theta[data.dim] ?? 0, iterations: it };
}
