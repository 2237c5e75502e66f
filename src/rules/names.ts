import { IdListsBuilder, IntBuffer, type IdLists } from './id-lists.js';

/**
 * Author names as people type them. A rule's name words must appear in order
 * within one author, where:
 * - an initial in the rule (`Y.`, `Y`) matches any name word with that initial (`Yoshua`), or an initial;
 * - up to MAX_SKIP name words of the author may sit between two of the rule's (`Santosh S. Vempala` for "Santosh Vempala");
 * - an initial in the middle of the rule's name may be missing from the author (`Santosh S. Vempala` finds "Santosh Vempala");
 * - each word is compared folded, or transliterated (`Müller` = `Mueller`; see phrase.ts).
 * A full name in the rule never matches an initial in the paper: "Yann LeCun" is not "Y. LeCun", who may be anyone.
 */
export const MAX_SKIP = 2;

/** Name patterns of an index: pattern p is key ids keys[start[p], start[p + 1]) and stands for atom atom[p]. */
export interface NamePatterns {
  keys: Int32Array;
  start: Int32Array;
  atom: Int32Array;
  /** Bit k set: word k of the pattern may be missing (an initial in the middle). */
  optional: Int32Array;
  /** Patterns by the key id of their last word, which every match needs. */
  byLast: IdLists;
  /** Each name atom's patterns, [from, to). */
  byAtom: Map<number, [number, number]>;
}

export class NamePatternsBuilder {
  private readonly keys = new IntBuffer();
  private readonly start = new IntBuffer();
  private readonly atoms = new IntBuffer();
  private readonly optional = new IntBuffer();
  private readonly byLast = new IdListsBuilder();
  private readonly byAtom = new Map<number, [number, number]>();

  /** One spelling of a name atom: its words' key ids, and which of them are initials. */
  add(atom: number, keys: ArrayLike<number>, initial: readonly boolean[]): void {
    const p = this.atoms.length;
    this.start.push(this.keys.length);
    for (let k = 0; k < keys.length; k++) this.keys.push(keys[k] as number);
    this.atoms.push(atom);
    let optional = 0;
    for (let k = 1; k + 1 < keys.length && k < 31; k++) if (initial[k]) optional |= 1 << k;
    this.optional.push(optional);
    this.byLast.add(keys[keys.length - 1] as number, p);
    const range = this.byAtom.get(atom);
    if (range) range[1] = p + 1;
    else this.byAtom.set(atom, [p, p + 1]);
  }

  build(vocabSize: number): NamePatterns {
    this.start.push(this.keys.length);
    return {
      keys: this.keys.toArray(),
      start: this.start.toArray(),
      atom: this.atoms.toArray(),
      optional: this.optional.toArray(),
      byLast: this.byLast.build(vocabSize),
      byAtom: this.byAtom,
    };
  }
}

/** Author words as the name matcher reads them: key ids (first, second, initial), and which neighbours are one author. */
export interface NameField {
  /** Words q and q + 1 belong to the same author (a name's own dots and hyphens do not part it). */
  sameAuthor(q: number): boolean;
  readonly w: ArrayLike<number>;
  readonly a: ArrayLike<number>;
  readonly ini: ArrayLike<number>;
}

/**
 * Where pattern p matches with its last word at word j of the field (which
 * the caller found to hold that word): the index of its first matched word,
 * or -1.
 */
export function nameMatchEndingAt(np: NamePatterns, p: number, f: NameField, j: number): number {
  const from = np.start[p] as number;
  const last = (np.start[p + 1] as number) - 1;
  return last === from ? j : matchBefore(np.keys, from, np.optional[p] as number, f, last - 1, j);
}

/**
 * Rule word r (and those before it, down to `from`) placed before paper word
 * `after`, at most MAX_SKIP words between; the index of the first matched
 * word, or -1. A function of its own, not a closure: it runs for every
 * author word that ends some rule's name, and a closure per call costs more
 * than the match.
 */
function matchBefore(keys: Int32Array, from: number, optional: number, f: NameField, r: number, after: number): number {
  if (r < from) return after;
  const key = keys[r] as number;
  for (let q = after - 1; q >= 0 && q >= after - 1 - MAX_SKIP; q--) {
    if (!f.sameAuthor(q)) break;
    if (f.w[q] === key || f.a[q] === key || f.ini[q] === key) {
      const first = matchBefore(keys, from, optional, f, r - 1, q);
      if (first >= 0) return first;
    }
  }
  return (optional >> (r - from)) & 1 ? matchBefore(keys, from, optional, f, r - 1, after) : -1;
}

/** Calls `found(atom, first, j)` for every name atom matching with its last word at word j, for each word j of the field. */
export function scanNames(np: NamePatterns, f: NameField, n: number, found: (atom: number, first: number, last: number) => void): void {
  const { start, items } = np.byLast;
  const lists = start.length - 1;
  for (let j = 0; j < n; j++) {
    for (let s = 0; s < 3; s++) {
      const key = (s === 0 ? f.w[j] : s === 1 ? f.a[j] : f.ini[j]) as number;
      if (key < 0 || key >= lists) continue;
      for (let i = start[key] as number, end = start[key + 1] as number; i < end; i++) {
        const p = items[i] as number;
        const first = nameMatchEndingAt(np, p, f, j);
        if (first >= 0) found(np.atom[p] as number, first, j);
      }
    }
  }
}
