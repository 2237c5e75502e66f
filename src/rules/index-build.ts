import type { RuleNode } from './ast.js';
import type { RuleInput } from './engine.js';
import { FIELD_BIT } from './fields.js';
import { parseRule } from './parser.js';
import { emitProgram, OP } from './program.js';


/** A rule's tree with each text term replaced by its shared atom. */
export type Leaf =
  | { k: 'atom'; atom: number; text: string }
  | { k: 'cat'; value: string; text: string }
  | { k: 'up'; min: number; text: string };

export type CNode = Leaf | { k: 'and'; children: CNode[] } | { k: 'or'; children: CNode[] } | { k: 'not'; child: CNode };

export interface CompiledRule {
  id: string;
  node: CNode;
  /** A lone text term: true exactly when its anchor atom is found. */
  simple: boolean;
  positives: Leaf[];
}

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
  /** Other rules to evaluate when a text atom is found. */
  atomRules: number[][];
  /** Category values used by rules, by id. */
  categoryIds: Map<string, number>;
  categoryRules: number[][];
  /** Sorted by `min`: rules anchored on an upvotes threshold. */
  upvoteRules: { min: number; rule: number }[];
  rules: CompiledRule[];
  ruleIds: string[];
  /** Postfix programs of non-simple rules: rule r runs code[codeStart[r], codeStart[r + 1]). */
  code: Int32Array;
  codeStart: Int32Array;
  /** Positive terms for scoring, rule r's in [posStart[r], posStart[r + 1]): kind (OP.ATOM/CAT/UP) and value. */
  posKind: Int8Array;
  posVal: Int32Array;
  posStart: Int32Array;
  invalid: { id: string; message: string; position: number }[];
}

type Anchor = { k: 'atom'; atom: number; cost: number } | { k: 'cat'; value: string; cost: number } | { k: 'up'; min: number; cost: number };

/**
 * The terms of which at least one must be present for the rule to hold, as few
 * and as rare as possible: an AND needs only one child's anchors (the one with
 * the longest phrases), an OR needs all of its children's. NOT gives none.
 */
function anchors(n: CNode, atomCost: (atom: number) => number): Anchor[] | null {
  switch (n.k) {
    case 'atom': return [{ k: 'atom', atom: n.atom, cost: atomCost(n.atom) }];
    case 'cat': return [{ k: 'cat', value: n.value, cost: 3 }];
    case 'up': return [{ k: 'up', min: n.min, cost: 5 }];
    case 'not': return null;
    case 'or': {
      const all: Anchor[] = [];
      for (const c of n.children) {
        const a = anchors(c, atomCost);
        if (!a) return null;
        all.push(...a);
      }
      return all;
    }
    case 'and': {
      let best: Anchor[] | null = null;
      let bestCost = Infinity;
      for (const c of n.children) {
        const a = anchors(c, atomCost);
        const cost = a ? a.reduce((s, x) => s + x.cost, 0) : Infinity;
        if (a && cost < bestCost) [best, bestCost] = [a, cost];
      }
      return best;
    }
  }
}

export function buildIndex(rules: readonly RuleInput[]): RuleIndex {
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
  const categoryId = (v: string): number => {
    let id = categoryIds.get(v);
    if (id === undefined) {
      categoryIds.set(v, (id = categoryRules.length));
      categoryRules.push([]);
    }
    return id;
  };
  const ruleIds: string[] = [];
  const code: number[] = [];
  const codeStart: number[] = [];
  const posKind: number[] = [];
  const posVal: number[] = [];
  const posStart: number[] = [];
  const upvoteRules: { min: number; rule: number }[] = [];
  const compiled: CompiledRule[] = [];
  const invalid: RuleIndex['invalid'] = [];
  const parsed = new Map<string, ReturnType<typeof parseRule>>();

  const keyId = (k: string): number => {
    let id = vocab.get(k);
    if (id === undefined) vocab.set(k, (id = vocab.size));
    return id;
  };
  const addAtom = (alts: string[][], mask: number): number => {
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
  const toC = (n: RuleNode): CNode => {
    switch (n.kind) {
      case 'and': return { k: 'and', children: n.children.map(toC) };
      case 'or': return { k: 'or', children: n.children.map(toC) };
      case 'not': return { k: 'not', child: toC(n.child) };
      case 'category': return { k: 'cat', value: n.value, text: n.text };
      case 'upvotes': return { k: 'up', min: n.min, text: n.text };
      case 'text': return { k: 'atom', atom: addAtom(n.alts, n.fields.reduce((m, f) => m | FIELD_BIT[f], 0)), text: n.text };
    }
  };
  const positives = (n: CNode, out: Leaf[], neg: boolean): Leaf[] => {
    if (n.k === 'and' || n.k === 'or') for (const c of n.children) positives(c, out, neg);
    else if (n.k === 'not') positives(n.child, out, !neg);
    else if (!neg) out.push(n);
    return out;
  };
  // Longer phrases are rarer, so they make better anchors.
  const atomCost = (atom: number): number => 1 / (atomMinLen[atom] ?? 1);

  for (const input of rules) {
    let result = parsed.get(input.text);
    if (!result) parsed.set(input.text, (result = parseRule(input.text)));
    if (!result.ok) {
      invalid.push({ id: input.id, message: result.message, position: result.position });
      continue;
    }
    const node = toC(result.rule);
    const found = anchors(node, atomCost);
    if (!found) {
      invalid.push({ id: input.id, message: 'rule has nothing to look for', position: 0 });
      continue;
    }
    const r = compiled.length;
    const simple = node.k === 'atom';
    const pos = positives(node, [], false);
    compiled.push({ id: input.id, node, simple, positives: pos });
    ruleIds.push(input.id);
    codeStart.push(code.length);
    posStart.push(posKind.length);
    for (const leaf of pos) {
      posKind.push(leaf.k === 'atom' ? OP.ATOM : leaf.k === 'cat' ? OP.CAT : OP.UP);
      posVal.push(leaf.k === 'atom' ? leaf.atom : leaf.k === 'cat' ? categoryId(leaf.value) : leaf.min);
    }
    if (simple) {
      (atomSimple[node.atom] as number[]).push(r);
      continue;
    }
    emitProgram(node, code, categoryId);
    for (const a of found) {
      if (a.k === 'atom') (atomRules[a.atom] as number[]).push(r);
      else if (a.k === 'cat') (categoryRules[categoryId(a.value)] as number[]).push(r);
      else upvoteRules.push({ min: a.min, rule: r });
    }
  }
  codeStart.push(code.length);
  posStart.push(posKind.length);
  upvoteRules.sort((x, y) => x.min - y.min);
  return {
    vocab, roots, atomMask, atomAlts, atomSimple, atomRules, categoryIds, categoryRules, upvoteRules, rules: compiled, ruleIds,
    code: Int32Array.from(code), codeStart: Int32Array.from(codeStart),
    posKind: Int8Array.from(posKind), posVal: Int32Array.from(posVal), posStart: Int32Array.from(posStart), invalid,
  };
}
