import { describe, expect, it } from 'vitest';
import { paperKeys, TermCache, TermDict } from '../../src/learn/terms.js';
import { paperTerms, textTerms } from '../../src/learn/tokens.js';
import { dot, fitVectorizer } from '../../src/learn/vectorize.js';

const doc = (title: string, abstract = '', authors: string[] = []) => ({ title, abstract, authors });

describe('terms', () => {
  it('makes unigrams and bigrams of content words; stop words, digits and single letters break bigrams', () => {
    expect(textTerms('The Diffusion Models of 2024 for a Protein-Design task')).toEqual([
      'diffusion',
      'models',
      'diffusion models',
      'protein',
      'design',
      'protein design',
      'task',
      'design task',
    ]);
  });

  it('folds accents and adds one term per author', () => {
    expect(paperTerms(doc('Café', '', ['Zoë Fixture']))).toEqual(['cafe', 'au:zoe fixture']);
  });

  it('numeric keys stand for exactly the string terms', () => {
    const dict = new TermDict();
    const p = doc('Sparse retrieval for sparse retrieval', 'Dense and sparse retrieval.', ['Ada Fixture']);
    const fromKeys = [...paperKeys(p, dict)].map((k) => dict.term(k)).sort();
    expect(fromKeys).toEqual(paperTerms(p).sort());
  });

  it('the cache tokenises a paper once and evicts the oldest beyond its size', () => {
    const cache = new TermCache(2);
    const a = { id: 'a', version: 1, ...doc('alpha beta') };
    const first = cache.keys(a);
    expect(cache.keys(a)).toBe(first);
    cache.keys({ id: 'b', version: 1, ...doc('gamma') });
    cache.keys({ id: 'c', version: 1, ...doc('delta') });
    expect(cache.keys(a)).not.toBe(first);
  });
});

describe('tf-idf', () => {
  const dict = new TermDict();
  const docs = [doc('apple apple banana'), doc('banana cherry'), doc('cherry durian')].map((d) => paperKeys(d, dict));

  it('uses sublinear tf and smooth idf, and scales rows to unit length', () => {
    const vec = fitVectorizer(docs, dict, { minDf: 1 });
    const v = vec.vectorize(docs[0]!);
    const weights = new Map([...v.idx].map((f, k) => [vec.term(f), v.val[k]!]));
    // By hand: n = 3; idf = ln(4 / (1 + df)) + 1; apple tf 2, df 1; banana tf 1, df 2; bigrams "apple apple" (df 1), "apple banana" (df 1).
    const idf1 = Math.log(4 / 2) + 1;
    const idf2 = Math.log(4 / 3) + 1;
    const raw = { apple: (1 + Math.log(2)) * idf1, banana: idf2, 'apple apple': idf1, 'apple banana': idf1 };
    const norm = Math.hypot(...Object.values(raw));
    for (const [t, w] of Object.entries(raw)) expect(weights.get(t)).toBeCloseTo(w / norm, 12);
    expect(weights.size).toBe(4);
    expect(dot(v, v)).toBeCloseTo(1, 12);
  });

  it('caps the vocabulary to the most frequent terms and drops rare ones by min df', () => {
    expect(fitVectorizer(docs, dict, { minDf: 1, maxFeatures: 2 }).size).toBe(2);
    const common = fitVectorizer(docs, dict, { minDf: 2 });
    expect(Array.from({ length: common.size }, (_, f) => common.term(f)).sort()).toEqual(['banana', 'cherry']);
  });

  it('similar documents have a larger cosine than unrelated ones', () => {
    const vec = fitVectorizer(docs, dict, { minDf: 1 });
    const [a, b, c] = docs.map((d) => vec.vectorize(d));
    expect(dot(a!, b!)).toBeGreaterThan(0);
    expect(dot(a!, c!)).toBe(0);
  });
});
