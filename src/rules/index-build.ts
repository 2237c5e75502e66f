import type { RuleNode } from './ast.js';
import type { RuleInput } from './engine.js';
import { FIELD_BIT } from './fields.js';
import { parseRule, type TermMemo } from './parser.js';
import { OP } from './program.js';
import { groupByText } from './rule-groups.js';


/** A positive term of a rule, its text term replaced by its shared atom: what explanations and scores read. */
export type Leaf =
  | { k: 'atom'; atom: number; text: string }
  | { k: 'cat'; value: string; text: string }
  | { k: 'up'; min: number; text: string };


export interface TrieNode {
  next: Map<number, TrieNode> | null;
  atoms: number[] | null;
}

export interface RuleIndex {
  vocab: Map<string, number>;
  /** Trie roots by first key id. */
  roots: (TrieNode | undefined)[];
  /** Field bits each text atom may be found in. */
  atomMask: number[];
  /** Each text atom's spellings as key ids. */
  atomAlts: Int32Array[][];
  /** Rules that are this atom alone: they match when it is found, no evaluation. */
  atomSimple: number[][];
  /** Other rule texts to evaluate when a text atom is found. */
  atomRules: number[][];
  /** Category values used by rules, by id. */
  categoryIds: Map<string, number>;
  categoryRules: number[][];
  /** Sorted by `min`: rules anchored on an upvotes threshold. */
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
  /** Positive terms for scoring, rule r's in [posStart[r], posStart[r + 1]): kind (OP.ATOM/CAT/UP) and value. */
  posKind: Int8Array;
  posVal: Int32Array;
  posStart: Int32Array;
  /** Each positive term as the rule wrote it, for explanations. */
  posText: string[];
  /** Category values by id (the reverse of categoryIds). */
  categoryValues: string[];
  invalid: { id: string; message: string; position: number }[];
}

type Anchor = { k: 'atom'; atom: number; cost: number } | { k: 'cat'; value: string; cost: number } | { k: 'up'; min: number; cost: number };


export type ParseCache = Map<string, ReturnType<typeof parseRule>>;


/** `cache` keeps parsed rule texts between compiles: each cycle then parses only new rules. */
export function buildIndex(rules: readonly RuleInput[], cache?: ParseCache): RuleIndex {
  const vocab = new Map<string, number>();
  const roots: (TrieNode | undefined)[] = [];
  const atomByKey = new Map<string, number>();
  const atomMask: number[] = [];
  const atomAlts: Int32Array[][] = [];
  const atomRules: number[][] = [];
  const atomSimple: number[][] = [];
  const atomMinLen: number[] = [];
  const categoryIds = new Map<string, number>();
  const categoryRules: number[][] = [];
  const categoryValues: string[] = [];
  const categoryId = (v: string): number => {
    let id = categoryIds.get(v);
    if (id === undefined) {
      categoryIds.set(v, (id = categoryRules.length));
      categoryRules.push([]);
      categoryValues.push(v);
    }
    return id;
  };
  const code: number[] = [];
  const codeStart: number[] = [];
  const posKind: number[] = [];
  const posVal: number[] = [];
  const posStart: number[] = [];
  const posText: string[] = [];
  const upvoteRules: { min: number; rule: number }[] = [];
  const invalid: RuleIndex['invalid'] = [];
  const parsed: ParseCache = cache ?? new Map();
  const terms: TermMemo = new Map();
  // Atoms by (spellings array, field mask): parsed terms share their spellings arrays, so most lookups need no string key.
  const atomBySpellings = new Map<string[][], Map<number, number>>();

  const keyId = (k: string): number => {
    let id = vocab.get(k);
    if (id === undefined) vocab.set(k, (id = vocab.size));
    return id;
  };
  const addAtom = (alts: string[][], mask: number): number => {
    let byMask = atomBySpellings.get(alts);
    if (!byMask) atomBySpellings.set(alts, (byMask = new Map()));
    const known = byMask.get(mask);
    if (known !== undefined) return known;
    const atom = addAtomByKey(alts, mask);
    byMask.set(mask, atom);
    return atom;
  };
  const addAtomByKey = (alts: string[][], mask: number): number => {
    const key = alts.length === 1 ? `${mask}|${(alts[0] as string[]).join(' ')}` : `${mask}|${alts.map((a) => a.join(' ')).sort().join('|')}`;
    let atom = atomByKey.get(key);
    if (atom !== undefined) return atom;
    atom = atomMask.length;
    atomByKey.set(key, atom);
    atomMask.push(mask);
    atomRules.push([]);
    atomSimple.push([]);
    atomMinLen.push(Math.min(...alts.map((a) => a.length)));
    const spellings: Int32Array[] = [];
    atomAlts.push(spellings);
    for (const alt of alts) {
      const ids = Int32Array.from(alt, keyId);
      spellings.push(ids);
      const first = ids[0] as number;
      let node = roots[first] ?? (roots[first] = { next: null, atoms: null });
      for (let i = 1; i < ids.length; i++) {
        const id = ids[i] as number;
        node.next ??= new Map();
        let child = node.next.get(id);
        if (!child) node.next.set(id, (child = { next: null, atoms: null }));
        node = child;
      }
      (node.atoms ??= []).push(atom);
    }
    return atom;
  };
  const addPositive = (kind: number, value: number, text: string): void => {
    posKind.push(kind);
    posVal.push(value);
    posText.push(text);
  };
  // Longer phrases are rarer, so they make better anchors.
  const atomCost = (atom: number): number => 1 / (atomMinLen[atom] ?? 1);
  /**
   * One walk over a parsed rule: emits its postfix program into `code`, its
   * positive terms (those not under an odd number of NOTs) into posKind,
   * posVal and posText (flat arrays, not an object per term: fewer objects
   * for the young-generation GC to copy), and
   * returns its anchors: the terms of which at least one must be present for
   * the rule to hold, as few and as rare as possible. An AND needs only one
   * child's anchors (the cheapest: longer phrases are rarer), an OR needs all
   * of its children's, a NOT gives none.
   */
  const compileNode = (n: RuleNode, neg: boolean): Anchor[] | null => {
    switch (n.kind) {
      case 'text': {
        const atom = addAtom(n.alts, n.fields.reduce((m, f) => m | FIELD_BIT[f], 0));
        code.push(OP.ATOM, atom);
        if (!neg) addPositive(OP.ATOM, atom, n.text);
        return [{ k: 'atom', atom, cost: atomCost(atom) }];
      }
      case 'category':
        code.push(OP.CAT, categoryId(n.value));
        if (!neg) addPositive(OP.CAT, categoryId(n.value), n.text);
        return [{ k: 'cat', value: n.value, cost: 3 }];
      case 'upvotes':
        code.push(OP.UP, n.min);
        if (!neg) addPositive(OP.UP, n.min, n.text);
        return [{ k: 'up', min: n.min, cost: 5 }];
      case 'not':
        compileNode(n.child, !neg);
        code.push(OP.NOT, 0);
        return null;
      case 'and': {
        let best: Anchor[] | null = null;
        let bestCost = Infinity;
        for (const c of n.children) {
          const a = compileNode(c, neg);
          if (!a) continue;
          let cost = 0;
          for (const x of a) cost += x.cost;
          if (cost < bestCost) [best, bestCost] = [a, cost];
        }
        code.push(OP.AND, n.children.length);
        return best;
      }
      case 'or': {
        let all: Anchor[] | null = [];
        for (const c of n.children) {
          const a = compileNode(c, neg);
          if (!a) all = null;
          else if (all) for (const x of a) all.push(x);
        }
        code.push(OP.OR, n.children.length);
        return all;
      }
    }
  };

  const groups = groupByText(rules);
  const invalidText = (b: number, message: string, position: number): void => {
    for (let k = groups.start[b] as number; k < (groups.start[b + 1] as number); k++) {
      invalid.push({ id: groups.ids[k] as string, message, position });
    }
  };
  // Body b is text b of the groups, so the grouped ids serve as they are; a text that does not compile stays as a body nothing reaches.
  let invalidCount = 0;
  for (let b = 0; b < groups.texts.length; b++) {
    const text = groups.texts[b] as string;
    const codeAt = code.length;
    const posAt = posKind.length;
    codeStart.push(codeAt);
    posStart.push(posAt);
    let result = parsed.get(text);
    if (!result) parsed.set(text, (result = parseRule(text, terms)));
    const found = result.ok ? compileNode(result.rule, false) : null;
    if (!found) {
      code.length = codeAt;
      posKind.length = posVal.length = posText.length = posAt;
      if (!result.ok) invalidText(b, result.message, result.position);
      else invalidText(b, 'rule has nothing to look for', 0);
      invalidCount += (groups.start[b + 1] as number) - (groups.start[b] as number);
      continue;
    }
    if (result.ok && result.rule.kind === 'text') {
      // A lone term needs no program: it matches when its atom is found.
      code.length = codeAt;
      (atomSimple[posVal[posAt] as number] as number[]).push(b);
      continue;
    }
    for (const a of found) {
      if (a.k === 'atom') (atomRules[a.atom] as number[]).push(b);
      else if (a.k === 'cat') (categoryRules[categoryId(a.value)] as number[]).push(b);
      else upvoteRules.push({ min: a.min, rule: b });
    }
  }
  codeStart.push(code.length);
  posStart.push(posKind.length);
  upvoteRules.sort((x, y) => x.min - y.min);
  return {
    vocab, roots, atomMask, atomAlts, atomSimple, atomRules, categoryIds, categoryRules, upvoteRules,
    bodyCount: groups.texts.length, bodyStart: groups.start, bodyRuleIds: groups.ids, ruleCount: rules.length - invalidCount,
    code: new Int32Array(code), codeStart: new Int32Array(codeStart),
    posKind: new Int8Array(posKind), posVal: new Int32Array(posVal), posStart: new Int32Array(posStart), posText, categoryValues, invalid,
  };
}

/** Body b's positive terms as Leafs, for explanations: rebuilt on demand from the flat arrays. */
export function positivesOf(ix: RuleIndex, b: number): Leaf[] {
  const out: Leaf[] = [];
  for (let i = ix.posStart[b] as number, end = ix.posStart[b + 1] as number; i < end; i++) {
    const kind = ix.posKind[i] as number;
    const v = ix.posVal[i] as number;
    const text = ix.posText[i] as string;
    if (kind === OP.ATOM) out.push({ k: 'atom', atom: v, text });
    else if (kind === OP.CAT) out.push({ k: 'cat', value: ix.categoryValues[v] as string, text });
    else out.push({ k: 'up', min: v, text });
  }
  return out;
}
