import type { RuleMatch, TermHit } from './engine.js';
import { FIELD_BIT, TEXT_FIELDS } from './fields.js';
import type { Leaf, RuleIndex } from './index-build.js';
import { nameMatchEndingAt, type NamePatterns } from './names.js';
import { snippetAround } from './snippet.js';
import { isVariant } from './variant.js';
import { oneLine } from '../util/text.js';
import type { FieldWords } from './word-table.js';
import type { Paper } from '../papers/paper.js';

/** A paper's fields read again as words with their extents, in TEXT_FIELDS order. */
export type FieldReader = (paper: Paper) => FieldWords[];

/** One matched paper, kept so a match can find its snippets later: its words are re-read only if someone asks. */
export class PaperScan {
  private cached: FieldWords[] | null = null;
  constructor(
    readonly paper: Paper,
    private readonly read: FieldReader,
    /** The index: each text atom's spellings as key ids, and its fields. */
    readonly ix: RuleIndex,
    /** Positive terms of each rule, read only when hits are. */
    readonly positives: (rule: number) => readonly Leaf[],
  ) {}

  /** The paper's fields as words with their extents, in TEXT_FIELDS order. */
  get fields(): FieldWords[] {
    this.cached ??= this.read(this.paper);
    return this.cached;
  }
}

export function categoryHit(p: Paper, value: string): string | undefined {
  return p.categories.find((c) => {
    const l = c.toLowerCase();
    return l === value || (l.startsWith(value) && l[value.length] === '.');
  });
}

/** First [start, end) of an author name atom in the authors field, or null. */
function locateName(np: NamePatterns, f: FieldWords, atom: number): [number, number] | null {
  const range = np.byAtom.get(atom);
  if (!range) return null;
  for (let j = 0; j < f.w.length; j++) {
    for (let p = range[0]; p < range[1]; p++) {
      const last = np.keys[(np.start[p + 1] as number) - 1] as number;
      if (f.w[j] !== last && f.a[j] !== last && f.ini[j] !== last) continue;
      const first = nameMatchEndingAt(np, p, f, j);
      if (first >= 0) return [f.start[first] as number, f.end[j] as number];
    }
  }
  return null;
}

/** First [start, end) of any spelling of `atom` in field `slot`, or null. */
function locate(scan: PaperScan, atom: number, slot: number): [number, number] | null {
  const f = scan.fields[slot];
  if (!f) return null;
  if (scan.ix.atomMask[atom] === FIELD_BIT.authors) return locateName(scan.ix.names, f, atom);
  const { w, a, pos, start, end } = f;
  const { atomSpellings, spellingStart, spellingKeys } = scan.ix;
  let best: [number, number] | null = null;
  for (let s = atomSpellings[atom] as number; s < (atomSpellings[atom + 1] as number); s++) {
    const from = spellingStart[s] as number;
    const len = (spellingStart[s + 1] as number) - from;
    outer: for (let i = 0; i + len <= w.length; i++) {
      if (best && (start[i] as number) >= best[0]) break;
      for (let k = 0; k < len; k++) {
        const key = spellingKeys[from + k] as number;
        if (w[i + k] !== key && a[i + k] !== key) continue outer;
        if (k > 0 && pos[i + k] !== (pos[i] as number) + k) continue outer;
      }
      best = [start[i] as number, end[i + len - 1] as number];
      break;
    }
  }
  return best;
}

/** Hits of a matched rule's positive terms: computed when first read, since most matches are never explained. */
export function explainHits(scan: PaperScan, positives: readonly Leaf[]): TermHit[] {
  const hits: TermHit[] = [];
  const p = scan.paper;
  for (const leaf of positives) {
    if (leaf.k === 'atom') {
      const mask = scan.ix.atomMask[leaf.atom] ?? 0;
      TEXT_FIELDS.forEach((field, slot) => {
        if ((mask & FIELD_BIT[field]) === 0) return;
        const at = locate(scan, leaf.atom, slot);
        const text = scan.fields[slot]?.text;
        if (!at || text === undefined) return;
        const hit: TermHit = { term: leaf.text, field, snippet: snippetAround(text, at[0], at[1]) };
        const found = text.slice(at[0], at[1]);
        if (isVariant(found, leaf.body)) hit.variant = oneLine(found);
        hits.push(hit);
      });
    } else if (leaf.k === 'cat') {
      const cat = categoryHit(p, leaf.value);
      if (cat) hits.push({ term: leaf.text, field: 'category', snippet: cat });
    } else if (p.upvotes !== null && p.upvotes >= leaf.min) {
      hits.push({ term: leaf.text, field: 'upvotes', snippet: `${p.upvotes} upvotes` });
    }
  }
  return hits;
}

/** One matched rule text in one paper, with every rule id holding that text: what `matchTexts` returns. */
export interface TextMatch {
  /** Ids of the rules (across channels) holding this text; shared, read-only. */
  readonly ruleIds: readonly string[];
  readonly score: number;
  readonly titleHit: boolean;
  /** Shared by every rule id above: treat as read-only. */
  readonly hits: readonly TermHit[];
}

/**
 * The match of one rule text in one paper, shared by every channel's copy of
 * that rule; its explanation is worked out on first read, then kept.
 */
export class BodyHits implements TextMatch {
  private cached: TermHit[] | null = null;
  constructor(
    private readonly scan: PaperScan,
    private readonly body: number,
    readonly ruleIds: readonly string[],
    readonly score: number,
    readonly titleHit: boolean,
  ) {}

  get hits(): TermHit[] {
    this.cached ??= explainHits(this.scan, this.scan.positives(this.body));
    return this.cached;
  }
}

/**
 * A RuleMatch whose `hits` come from its rule text's shared BodyHits, so
 * matching allocates one small object per (rule, paper): the rule id and a
 * pointer to what the rule text's copies share (score, title flag, hits).
 * Copies of one rule text share the hits array: treat it as read-only.
 */
// Hits someone assigned to one match: rare, so kept off the object (a field on each of millions of matches costs more).
const assigned = new WeakMap<LazyRuleMatch, TermHit[]>();

export class LazyRuleMatch implements RuleMatch {
  constructor(
    readonly ruleId: string,
    private readonly shared: BodyHits,
  ) {}

  get score(): number {
    return this.shared.score;
  }

  get titleHit(): boolean {
    return this.shared.titleHit;
  }

  get hits(): TermHit[] {
    return assigned.get(this) ?? this.shared.hits;
  }

  set hits(value: TermHit[]) {
    assigned.set(this, value);
  }

  toJSON(): RuleMatch {
    return { ruleId: this.ruleId, score: this.score, titleHit: this.titleHit, hits: this.hits };
  }
}
