import { positiveTerms, type RuleNode } from './ast.js';
import { COMPOUNDS, type CompoundLexicon } from './compounds.js';
import type { RuleInput } from './engine.js';
import { FIELD_BIT } from './fields.js';
import { IdListsBuilder, IntBuffer, type IdLists } from './id-lists.js';
import { NamePatternsBuilder, type NamePatterns } from './names.js';
import { parseRule, type TermMemo } from './parser.js';
import { PhraseTrie } from './phrase-trie.js';
import { isInitialKey } from './phrase.js';
import { OP } from './program.js';
import { groupByText } from './rule-groups.js';

/** A positive term of a rule, its text term replaced by its shared atom: what explanations and scores read. */
export type Leaf = { k: 'atom'; atom: number; text: string; body: string } | { k: 'cat'; value: string; text: string } | { k: 'up'; min: number; text: string };

export interface RuleIndex {
  vocab: Map<string, number>;
  /** Every spelling of every text atom but author names, by key ids. */
  trie: PhraseTrie;
  /** Spellings of author-name atoms, matched as names (see names.ts) rather than as phrases. */
  names: NamePatterns;
  /** Field bits each text atom may be found in. */
  atomMask: number[];
  /** Atom a's spellings are s in [atomSpellings[a], atomSpellings[a + 1]); spelling s is spellingKeys[spellingStart[s], spellingStart[s + 1]). */
  atomSpellings: Int32Array;
  spellingStart: Int32Array;
  spellingKeys: Int32Array;
  /** Bodies that are an atom alone: they match when it is found, no evaluation. */
  atomSimple: IdLists;
  /** Other bodies to evaluate when an atom, a category is found. */
  atomRules: IdLists;
  categoryRules: IdLists;
  /** Category values used by rules, by id, and back. */
  categoryIds: Map<string, number>;
  categoryValues: string[];
  /** Sorted by `min`: bodies anchored on an upvotes threshold. */
  upvoteRules: { min: number; rule: number }[];
  /**
   * Distinct rule texts ("bodies"): the index, programs and scores work on
   * these; body b stands for the rule ids bodyRuleIds[bodyStart[b], bodyStart[b + 1]).
   */
  bodyCount: number;
  bodyStart: Int32Array;
  bodyRuleIds: string[];
  /** Valid rules (ids), counting every channel's copy. */
  ruleCount: number;
  /** Postfix programs of non-simple bodies: body b runs code[codeStart[b], codeStart[b + 1]). */
  code: Int32Array;
  codeStart: Int32Array;
  /** Positive terms for scoring, body b's in [posStart[b], posStart[b + 1]): kind (OP.ATOM/CAT/UP) and value. */
  posKind: Int8Array;
  posVal: Int32Array;
  posStart: Int32Array;
  /** Body b's rule text, read again for explanations. */
  bodyTexts: string[];
  /** The compounds the bodies were parsed with: an explanation parses them again with the same. */
  compounds: CompoundLexicon;
  invalid: { id: string; message: string; position: number }[];
}

/** Anchor costs: longer phrases are rarer than single words, and any word rarer than a category or an upvotes threshold. */
const CATEGORY_COST = 3;
const UPVOTES_COST = 5;

/**
 * Builds the index of all rules in one pass over their distinct texts. What
 * the index keeps is a few flat arrays rather than an object per term, list
 * or trie node, and parsed rules are not kept at all (explanations parse their
 * text again): with 19,000 distinct texts, a build was a third garbage
 * collection, mostly copying objects that outlived one young generation.
 */
export function buildIndex(rules: readonly RuleInput[], compounds: CompoundLexicon = COMPOUNDS): RuleIndex {
  const b = new IndexBuilder();
  const groups = groupByText(rules);
  const terms: TermMemo = new Map();
  const invalid: RuleIndex['invalid'] = [];
  let invalidCount = 0;
  // Body i is text i of the groups, so the grouped ids serve as they are; a text that does not compile stays a body nothing reaches.
  for (let i = 0; i < groups.texts.length; i++) {
    const text = groups.texts[i] as string;
    const result = parseRule(text, terms, compounds);
    const problem = b.addBody(i, result.ok ? result.rule : null) ?? (result.ok ? null : result);
    if (problem) {
      for (let k = groups.start[i] as number; k < (groups.start[i + 1] as number); k++) {
        invalid.push({ id: groups.ids[k] as string, message: problem.message, position: problem.position });
      }
      invalidCount += (groups.start[i + 1] as number) - (groups.start[i] as number);
    }
  }
  return b.finish(groups, rules.length - invalidCount, invalid, compounds);
}

class IndexBuilder {
  readonly vocab = new Map<string, number>();
  readonly trie = new PhraseTrie();
  private readonly names = new NamePatternsBuilder();
  private readonly atomByKey = new Map<string, number>();
  /** Atoms by (spellings array, field mask): parsed terms share their spellings arrays, so most lookups need no string key. */
  private readonly atomBySpellings = new Map<string[][], Map<number, number>>();
  private readonly atomMask: number[] = [];
  private readonly atomMinLen: number[] = [];
  private readonly atomSpellings = new IntBuffer();
  private readonly spellingStart = new IntBuffer();
  private readonly spellingKeys = new IntBuffer();
  private readonly atomSimple = new IdListsBuilder();
  private readonly atomRules = new IdListsBuilder();
  private readonly categoryRules = new IdListsBuilder();
  private readonly categoryIds = new Map<string, number>();
  private readonly categoryValues: string[] = [];
  private readonly upvoteRules: { min: number; rule: number }[] = [];
  private readonly code = new IntBuffer(1 << 16);
  private readonly codeStart = new IntBuffer();
  private readonly posKind = new IntBuffer();
  private readonly posVal = new IntBuffer();
  private readonly posStart = new IntBuffer();
  /** Anchors being chosen, as (kind, value) pairs. */
  private readonly anchors = new IntBuffer(256);

  /** Compiles body b (null: a text that did not parse, which keeps an empty body); a problem comes back when it has nothing to look for. */
  addBody(b: number, rule: RuleNode | null): { message: string; position: number } | null {
    const codeAt = this.code.length;
    const posAt = this.posKind.length;
    this.codeStart.push(codeAt);
    this.posStart.push(posAt);
    this.anchors.length = 0;
    if (rule === null) return null;
    if (this.compile(rule, false) < 0) {
      this.code.length = codeAt;
      this.posKind.length = this.posVal.length = posAt;
      return { message: 'rule has nothing to look for', position: 0 };
    }
    if (rule.kind === 'text') {
      // A lone term needs no program: it matches when its atom is found.
      this.code.length = codeAt;
      this.atomSimple.add(this.posVal.data[posAt] as number, b);
      return null;
    }
    const a = this.anchors.data;
    for (let i = 0; i < this.anchors.length; i += 2) {
      const kind = a[i] as number;
      const v = a[i + 1] as number;
      if (kind === OP.ATOM) this.atomRules.add(v, b);
      else if (kind === OP.CAT) this.categoryRules.add(v, b);
      else this.upvoteRules.push({ min: v, rule: b });
    }
    return null;
  }

  finish(groups: ReturnType<typeof groupByText>, ruleCount: number, invalid: RuleIndex['invalid'], compounds: CompoundLexicon): RuleIndex {
    this.codeStart.push(this.code.length);
    this.posStart.push(this.posKind.length);
    this.atomSpellings.push(this.spellingStart.length);
    this.spellingStart.push(this.spellingKeys.length);
    this.upvoteRules.sort((x, y) => x.min - y.min);
    const atoms = this.atomMask.length;
    return {
      vocab: this.vocab,
      trie: this.trie.finish(),
      names: this.names.build(this.vocab.size),
      atomMask: this.atomMask,
      atomSpellings: this.atomSpellings.toArray(),
      spellingStart: this.spellingStart.toArray(),
      spellingKeys: this.spellingKeys.toArray(),
      atomSimple: this.atomSimple.build(atoms),
      atomRules: this.atomRules.build(atoms),
      categoryRules: this.categoryRules.build(this.categoryValues.length),
      categoryIds: this.categoryIds,
      categoryValues: this.categoryValues,
      upvoteRules: this.upvoteRules,
      bodyCount: groups.texts.length,
      bodyStart: groups.start,
      bodyRuleIds: groups.ids,
      ruleCount,
      code: this.code.toArray(),
      codeStart: this.codeStart.toArray(),
      posKind: Int8Array.from(this.posKind.data.subarray(0, this.posKind.length)),
      posVal: this.posVal.toArray(),
      posStart: this.posStart.toArray(),
      bodyTexts: groups.texts,
      compounds,
      invalid,
    };
  }

  /**
   * One walk over a parsed rule: emits its postfix program, its positive
   * terms (those not under an odd number of NOTs), and leaves in `anchors`
   * the terms of which at least one must be present for the rule to hold, as
   * few and as rare as possible; returns their cost, or -1 when there are none
   * (under a NOT). An AND needs only one child's anchors (the cheapest), an OR
   * needs all of its children's.
   */
  private compile(n: RuleNode, neg: boolean): number {
    switch (n.kind) {
      case 'text': {
        const atom = this.atom(
          n.alts,
          n.fields.reduce((m, f) => m | FIELD_BIT[f], 0),
        );
        return this.term(OP.ATOM, atom, neg, 1 / (this.atomMinLen[atom] as number));
      }
      case 'category':
        return this.term(OP.CAT, this.categoryId(n.value), neg, CATEGORY_COST);
      case 'upvotes':
        return this.term(OP.UP, n.min, neg, UPVOTES_COST);
      case 'not': {
        const at = this.anchors.length;
        this.compile(n.child, !neg);
        this.anchors.length = at;
        this.emit(OP.NOT, 0);
        return -1;
      }
      case 'and': {
        const from = this.anchors.length;
        let best = -1;
        for (const c of n.children) {
          const at = this.anchors.length;
          const cost = this.compile(c, neg);
          if (cost >= 0 && (best < 0 || cost < best)) {
            // This child's anchors replace the best so far.
            this.anchors.data.copyWithin(from, at, this.anchors.length);
            this.anchors.length = from + (this.anchors.length - at);
            best = cost;
          } else this.anchors.length = at;
        }
        this.emit(OP.AND, n.children.length);
        return best;
      }
      case 'or': {
        const from = this.anchors.length;
        let total = 0;
        for (const c of n.children) {
          const cost = this.compile(c, neg);
          total = cost < 0 || total < 0 ? -1 : total + cost;
        }
        if (total < 0) this.anchors.length = from;
        this.emit(OP.OR, n.children.length);
        return total;
      }
    }
  }

  /** A term's instruction; a positive term (the order is positiveTerms' order) is also kept for scoring. */
  private term(op: number, value: number, neg: boolean, cost: number): number {
    this.emit(op, value);
    if (!neg) {
      this.posKind.push(op);
      this.posVal.push(value);
    }
    this.anchors.push(op);
    this.anchors.push(value);
    return cost;
  }

  private emit(op: number, arg: number): void {
    this.code.push(op);
    this.code.push(arg);
  }

  private keyId(k: string): number {
    let id = this.vocab.get(k);
    if (id === undefined) {
      id = this.vocab.size;
      this.vocab.set(k, id);
    }
    return id;
  }

  private categoryId(v: string): number {
    let id = this.categoryIds.get(v);
    if (id === undefined) {
      id = this.categoryValues.length;
      this.categoryIds.set(v, id);
      this.categoryValues.push(v);
    }
    return id;
  }

  private atom(alts: string[][], mask: number): number {
    let byMask = this.atomBySpellings.get(alts);
    if (!byMask) {
      byMask = new Map();
      this.atomBySpellings.set(alts, byMask);
    }
    let atom = byMask.get(mask);
    if (atom === undefined) {
      atom = this.newAtom(alts, mask);
      byMask.set(mask, atom);
    }
    return atom;
  }

  /** The atom of these spellings in these fields, made on first sight (different spellings arrays can hold the same words). */
  private newAtom(alts: string[][], mask: number): number {
    const key =
      alts.length === 1
        ? `${mask}|${(alts[0] as string[]).join(' ')}`
        : `${mask}|${alts
            .map((a) => a.join(' '))
            .sort()
            .join('|')}`;
    let atom = this.atomByKey.get(key);
    if (atom !== undefined) return atom;
    atom = this.atomMask.length;
    this.atomByKey.set(key, atom);
    this.atomMask.push(mask);
    this.atomSpellings.push(this.spellingStart.length);
    let minLen = Infinity;
    for (const alt of alts) {
      minLen = Math.min(minLen, alt.length);
      this.spellingStart.push(this.spellingKeys.length);
      const from = this.spellingKeys.length;
      for (const w of alt) this.spellingKeys.push(this.keyId(w));
      const keys = this.spellingKeys.data.subarray(from, this.spellingKeys.length);
      if (mask === FIELD_BIT.authors) {
        this.names.add(atom, keys, alt.map(isInitialKey));
      } else this.trie.add(keys, atom);
    }
    this.atomMinLen.push(minLen);
    return atom;
  }
}

/**
 * Body b's positive terms as Leafs, for explanations: the flat arrays give
 * each term's atom, category or threshold; its text as written comes from
 * parsing the rule text again (positiveTerms walks the rule in the order the
 * build emitted them). Only posted matches are explained.
 */
export function positivesOf(ix: RuleIndex, b: number): Leaf[] {
  const parsed = parseRule(ix.bodyTexts[b] ?? '', undefined, ix.compounds);
  const terms = parsed.ok ? positiveTerms(parsed.rule) : [];
  const out: Leaf[] = [];
  const from = ix.posStart[b] as number;
  for (let i = from, end = ix.posStart[b + 1] as number; i < end; i++) {
    const kind = ix.posKind[i] as number;
    const v = ix.posVal[i] as number;
    const term = terms[i - from];
    const text = term?.text ?? '';
    if (kind === OP.ATOM) out.push({ k: 'atom', atom: v, text, body: term?.kind === 'text' ? term.body : text });
    else if (kind === OP.CAT) out.push({ k: 'cat', value: ix.categoryValues[v] as string, text });
    else out.push({ k: 'up', min: v, text });
  }
  return out;
}
