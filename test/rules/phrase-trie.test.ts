import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdListsBuilder } from '../../src/rules/id-lists.js';
import { PhraseTrie } from '../../src/rules/phrase-trie.js';

const listOf = (lists: { start: Int32Array; items: Int32Array }, i: number): number[] => [
  ...lists.items.subarray(lists.start[i] as number, lists.start[i + 1] as number),
];

describe('IdListsBuilder: ids into numbered lists, packed', () => {
  it('keeps each list in the order ids were added, whatever the order of lists', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.nat(1000)), { maxLength: 300 }), fc.nat(5), (adds, extra) => {
        const b = new IdListsBuilder();
        const want = new Map<number, number[]>();
        for (const [list, id] of adds) {
          b.add(list, id);
          want.set(list, [...(want.get(list) ?? []), id]);
        }
        const count = Math.max(0, ...adds.map(([l]) => l + 1)) + extra;
        const lists = b.build(count);
        for (let i = 0; i < count; i++) expect(listOf(lists, i)).toEqual(want.get(i) ?? []);
        expect(lists.start[count]).toBe(adds.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('PhraseTrie: spellings as key ids, in typed arrays', () => {
  it('finds every phrase added, and nothing else, past several table growths', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(60), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 1500, size: 'max' }), (spellings) => {
        const trie = new PhraseTrie();
        for (const [atom, s] of spellings.entries()) trie.add(Int32Array.from(s), atom);
        trie.finish();
        // The reference: which atoms end at each phrase, by its keys joined.
        const want = new Map<string, number[]>();
        for (const [atom, s] of spellings.entries()) want.set(s.join(' '), [...(want.get(s.join(' ')) ?? []), atom]);
        const lookup = (keys: readonly number[]): number => {
          let node = trie.root(keys[0] as number);
          for (let i = 1; i < keys.length && node >= 0; i++) node = trie.child(node, keys[i] as number);
          return node;
        };
        for (const [phrase, atoms] of want) {
          const node = lookup(phrase.split(' ').map(Number));
          expect(node).toBeGreaterThanOrEqual(0);
          expect(listOf(trie.atoms, node)).toEqual(atoms);
        }
        // A phrase never added leads nowhere, or to a node (a prefix of a longer one) holding no atom of its own.
        const absent = lookup([61, 0]);
        expect(absent).toBe(-1);
        for (const s of spellings) {
          if (s.length < 2) continue;
          const prefix = s.slice(0, -1);
          const node = lookup(prefix);
          expect(trie.branches(node)).toBe(true);
          expect(listOf(trie.atoms, node)).toEqual(want.get(prefix.join(' ')) ?? []);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('holds 20,000 two-word phrases: its child table grows many times over', () => {
    const trie = new PhraseTrie();
    for (let i = 0; i < 20_000; i++) trie.add(Int32Array.of(i % 100, Math.floor(i / 100)), i);
    trie.finish();
    for (let i = 0; i < 20_000; i += 7) {
      const node = trie.child(trie.root(i % 100), Math.floor(i / 100));
      expect(listOf(trie.atoms, node)).toEqual([i]);
    }
    expect(trie.child(trie.root(5), 200)).toBe(-1);
  });
});
