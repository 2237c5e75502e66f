import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, visitWords } from '../../src/rules/tokenize.js';

const WORD = /^[\p{L}\p{N}\p{M}]$/u;
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u;
const HARD = new Set([...'()[]{}"“”«»']);
const SOFT = new Set([...'.,;:!?·•|']);

/**
 * The tokenizer's rules written the slow way, over code points with the
 * regex the docs give: words are runs of letters, digits and marks; a
 * possessive 's after a word is dropped; brackets and quotes, and clause
 * punctuation not followed by a word character, leave a gap in positions.
 * Invisible characters of the BMP (soft hyphen, zero-width space…) inside a
 * word, followed by a word character, are part of it.
 */
function reference(text: string): { words: string[]; pos: number[] } {
  const cps = [...text];
  const isWord = (k: number): boolean => k < cps.length && WORD.test(cps[k] as string);
  const isInvisible = (k: number): boolean => k < cps.length && (cps[k] as string).length === 1 && INVISIBLE.test(cps[k] as string) && !isWord(k);
  const invisibleThenWord = (k: number): number => {
    let j = k;
    while (isInvisible(j)) j++;
    return j > k && isWord(j) ? j : -1;
  };
  const words: string[] = [];
  const pos: number[] = [];
  let p = 0;
  let gap = false;
  let k = 0;
  while (k < cps.length) {
    if (!isWord(k)) {
      const c = cps[k] as string;
      if (HARD.has(c) || (SOFT.has(c) && !isWord(k + 1))) gap = true;
      k++;
      continue;
    }
    let word = '';
    for (;;) {
      if (isWord(k)) word += cps[k++];
      else if (invisibleThenWord(k) >= 0) {
        const j = invisibleThenWord(k);
        while (k < j) word += cps[k++];
      } else break;
    }
    if ((cps[k] === "'" || cps[k] === '’') && (cps[k + 1] === 's' || cps[k + 1] === 'S') && !isWord(k + 2)) k += 2;
    if (gap && words.length > 0) p++;
    gap = false;
    words.push(word);
    pos.push(p++);
  }
  return { words, pos };
}

const PIECES = [
  'graph',
  'Neural',
  'LLM',
  "model's",
  'GNN’s',
  "it'sx",
  'Schrödinger',
  'e\u0301te',
  'cs.LG',
  '3.5',
  'Sim-to-Real',
  '𝐀𝐁',
  '😀',
  '\ud800',
  '\udc00',
  'a\u00a0b',
  'x/y',
  '«q»',
  '(a)',
  '[b]',
  '{c}',
  '"d"',
  '“e”',
  '. ',
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  '·',
  '•',
  '|',
  ' ',
  ' ',
  '\n',
  '\t',
  '-',
  "'",
  '’',
  's',
  'S',
  '',
  '\u0000',
  '\u00ad',
  '\u200b',
  '\u2060',
];

describe('tokenizer: words and phrase positions', () => {
  it('agrees with the slow reference on random and hostile text', () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join('')),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const got = tokenize(t);
        expect({ words: got.words, pos: got.pos }).toEqual(reference(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('marks clause breaks but not dots inside tokens', () => {
    // graph | . | Neural networks | ( | cs . LG | ) | 3 . 5: the dots between word characters are no break, the brackets are.
    expect(tokenize('graph. Neural networks (cs.LG) 3.5').pos).toEqual([0, 2, 3, 5, 6, 8, 9]);
  });

  it('hashes a word the same wherever it is written, and its extent is the word as written', () => {
    const seen = new Map<string, number>();
    const text = "pruning; Pruning (pruning) pruning's PRUNING pruning";
    visitWords(text, {
      word(start, end, _pos, hash) {
        const w = text.slice(start, end);
        expect(seen.get(w) ?? hash).toBe(hash);
        seen.set(w, hash);
      },
    });
    expect([...seen.keys()]).toEqual(['pruning', 'Pruning', 'PRUNING']);
    expect(new Set(seen.values()).size).toBe(3);
  });
});
