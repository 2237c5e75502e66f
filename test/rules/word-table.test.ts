import { describe, expect, it } from 'vitest';
import { visitWords } from '../../src/rules/tokenize.js';
import { FieldWords, ScanWords, WordTable } from '../../src/rules/word-table.js';

/** A table whose ids say which word was resolved, and which counts how often it had to resolve. */
function table(maxWords?: number): { t: WordTable; resolved: string[] } {
  const resolved: string[] = [];
  const t = new WordTable(
    {
      resolve(word) {
        resolved.push(word);
        return [word.length * 100 + (word.charCodeAt(0) % 100), word === word.toUpperCase() ? 7 : -1];
      },
    },
    maxWords,
  );
  return { t, resolved };
}

describe('WordTable: paper words to key ids without cutting them out', () => {
  it('resolves each distinct word once, wherever it is written', () => {
    const { t, resolved } = table();
    const text = 'graph pruning graph GNN graphs pruning';
    const f = new FieldWords(text, t);
    visitWords(text, f);
    expect(resolved).toEqual(['graph', 'pruning', 'GNN', 'graphs']);
    expect(f.w).toEqual([503, 712, 503, 371, 603, 712]);
    expect(f.a).toEqual([-1, -1, -1, 7, -1, -1]);
    expect(f.start).toEqual([0, 6, 14, 20, 24, 31]);
  });

  it('keeps every word through growth past its starting size', () => {
    const { t, resolved } = table();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const text = words.join(' ');
    visitWords(text, new FieldWords(text, t));
    const again = new FieldWords(text, t);
    visitWords(text, again);
    expect(resolved).toHaveLength(5000);
    expect(again.w).toEqual(words.map((w) => w.length * 100 + (w.charCodeAt(0) % 100)));
  });

  it('starts over past its limit and still answers correctly', () => {
    const { t, resolved } = table(10);
    const words = Array.from({ length: 25 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const f = new FieldWords(text, t);
    visitWords(text, f);
    visitWords(text, new FieldWords(text, t));
    expect(resolved.length).toBeGreaterThan(25);
    expect(f.w).toEqual(words.map((w) => w.length * 100 + (w.charCodeAt(0) % 100)));
  });
});

describe('ScanWords: the reusable scratch the trie walk reads', () => {
  it('holds the same words as FieldWords, across fields of any length, after reuse', () => {
    const { t } = table();
    const s = new ScanWords();
    // Longer than its starting capacity, then a short field: the second must not see the first's tail.
    const long = Array.from({ length: 700 }, (_, i) => (i % 3 === 0 ? 'GNN' : `w${i % 50}`)).join(' ');
    for (const text of [long, 'graph. Neural (pruning) networks']) {
      s.reset(text, t);
      visitWords(text, s);
      const f = new FieldWords(text, t);
      visitWords(text, f);
      expect(s.n).toBe(f.w.length);
      expect([...s.w.subarray(0, s.n)]).toEqual(f.w);
      expect([...s.a.subarray(0, s.n)]).toEqual(f.a);
      expect([...s.pos.subarray(0, s.n)]).toEqual(f.pos);
    }
    expect(s.n).toBe(4);
  });
});
