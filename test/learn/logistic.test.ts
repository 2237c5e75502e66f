import { describe, expect, it } from 'vitest';
import { fitLogistic, logisticObjective, margin, sigmoid, type LogisticData } from '../../src/learn/logistic.js';
import { createRng } from '../../src/learn/eval/prng.js';
import type { SparseVec } from '../../src/learn/sparse.js';

const vec = (entries: [number, number][]): SparseVec => ({ idx: Int32Array.from(entries, (e) => e[0]), val: Float64Array.from(entries, (e) => e[1]) });

function randomData(seed: number, n: number, dim: number): LogisticData {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => {
    const feats = rng
      .sample(
        Array.from({ length: dim }, (_, i) => i),
        3,
      )
      .sort((a, b) => a - b);
    return vec(feats.map((f) => [f, rng.next() * 2 - 1]));
  });
  return { rows, labels: rows.map(() => (rng.chance(0.5) ? 1 : 0)), weights: rows.map(() => 0.5 + rng.next()), dim };
}

describe('logistic regression', () => {
  it('the gradient matches finite differences', () => {
    const data = randomData(7, 30, 8);
    const rng = createRng(1);
    const theta = Float64Array.from({ length: 9 }, () => rng.next() - 0.5);
    const grad = new Float64Array(9);
    logisticObjective(data, 0.1, theta, grad);
    const scratch = new Float64Array(9);
    for (let j = 0; j < 9; j++) {
      const h = 1e-6;
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[j]! += h;
      down[j]! -= h;
      const numeric = (logisticObjective(data, 0.1, up, scratch) - logisticObjective(data, 0.1, down, scratch)) / (2 * h);
      expect(grad[j]).toBeCloseTo(numeric, 6);
    }
  });

  it('separates a separable toy set and puts the weight on the informative feature', () => {
    // Feature 0 marks positives, 1 negatives, 2 is noise in both.
    const rows = [
      vec([
        [0, 1],
        [2, 0.5],
      ]),
      vec([[0, 0.9]]),
      vec([
        [0, 1],
        [2, 1],
      ]),
      vec([
        [1, 1],
        [2, 0.5],
      ]),
      vec([[1, 0.8]]),
      vec([
        [1, 1],
        [2, 1],
      ]),
    ];
    const labels = [1, 1, 1, 0, 0, 0] as const;
    const fit = fitLogistic({ rows, labels: [...labels], weights: rows.map(() => 1), dim: 3 }, { l2: 0.01 });
    const theta = Float64Array.from([...fit.w, fit.bias]);
    for (const [i, r] of rows.entries()) expect(sigmoid(margin(theta, r, 3)) > 0.5).toBe(labels[i] === 1);
    expect(fit.w[0]).toBeGreaterThan(0);
    expect(fit.w[1]).toBeLessThan(0);
    expect(Math.abs(fit.w[2]!)).toBeLessThan(Math.abs(fit.w[0]!));
  });

  it('reaches the minimum: the gradient there is near zero', () => {
    const data = randomData(3, 200, 20);
    const fit = fitLogistic(data, { l2: 0.05, tol: 1e-9, maxIter: 500 });
    const theta = Float64Array.from([...fit.w, fit.bias]);
    const grad = new Float64Array(21);
    logisticObjective(data, 0.05, theta, grad);
    expect(Math.hypot(...grad)).toBeLessThan(1e-4);
  });

  it('a stronger penalty gives smaller weights', () => {
    const data = randomData(5, 100, 10);
    const norm = (l2: number) => Math.hypot(...fitLogistic(data, { l2 }).w);
    expect(norm(1)).toBeLessThan(norm(0.01));
  });

  it('example weights count: doubling one class moves the bias toward it', () => {
    const rows = [vec([[0, 1]]), vec([[0, 1]])];
    const biasAt = (wPos: number) => fitLogistic({ rows, labels: [1, 0], weights: [wPos, 1], dim: 1 }, { l2: 1 }).bias;
    expect(biasAt(1)).toBeCloseTo(0, 4);
    expect(biasAt(2)).toBeGreaterThan(0.3);
  });
});
