import { describe, expect, it } from 'vitest';
import { readTex } from '../../src/rules/tex.js';

describe('TeX in titles and abstracts, read as a reader sees it', () => {
  it.each([
    ['$k$-means', 'k-means'],
    ['$\\ell_1$-regularization', 'ℓ1-regularization'],
    ['an $L^2$ bound', 'an L2 bound'],
    ['$\\beta$-VAE and $\\varepsilon$-greedy', 'β-VAE and ε-greedy'],
    ['a \\emph{graph} neural network', 'a graph neural network'],
    ['{\\em dataset} distillation', 'dataset distillation'],
    ['\\textbf {bold} text', 'bold text'],
    ["Erd\\H{o}s and R\\'enyi", 'Erdős and Rényi'],
    ['Schr\\"{o}dinger', 'Schrödinger'],
    ['Bj\\o rn and Stra\\ss e', 'Bjørn and Straße'],
    ['na\\"{\\i}ve', 'naïve'],
    ['$O(n\\log n)$', 'O(n log  n)'],
    ['$\\frac{a}{b}$', ' a b'],
    ['costs \\$5 and 50\\%', 'costs $5 and 50%'],
    ['$a \\leq b$', 'a   b'],
    ['snake_case outside math', 'snake_case outside math'],
  ])('%j reads %j', (tex, plain) => {
    expect(readTex(tex)).toBe(plain);
  });

  it('leaves text without a backslash or a dollar sign as it is, braces and all', () => {
    const text = 'Sets {a, b} and (c) stay';
    expect(readTex(text)).toBe(text);
  });
});
