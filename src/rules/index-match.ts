import { ACRONYM_ENTRIES, acronymInText, acronymKey } from './acronyms.js';
import type { TextField } from './ast.js';
import type { RuleMatch, TermHit } from './engine.js';
import { foldWord } from './fold.js';
import { FIELD_BIT, type CNode, type RuleIndex } from './index-build.js';
import { nameKey } from './phrase.js';
import { snippetAround } from './snippet.js';
import { joinSegments, tokenize, type Tokens } from './tokenize.js';
import type { Paper } from '../papers/paper.js';

const TEXT_FIELDS: readonly TextField[] = ['title', 'abstract', 'keywords', 'authors'];
const SLOT: Record<TextField, number> = { title: 0, abstract: 1, keywords: 2, authors: 3 };
/** Per-term score by field; ranking puts title hits first anyway (see rank.ts). */
const WEIGHT: Record<TextField | 'category' | 'upvotes', number> = { title: 4, keywords: 2, authors: 2, abstract: 1, category: 1, upvotes: 1 };
const CACHE_LIMIT = 200_000;

function fieldText(p: Paper, f: TextField): string {
  switch (f) {
    case 'title': return p.title;
    case 'abstract': return p.abstract;
    case 'keywords': return joinSegments(p.aiKeywords);
    case 'authors': return joinSegments(p.authors);
  }
}

/**
 * Matches papers against a built index in one pass per paper: a trie walk over
 * each field's words finds every text atom present, the rules anchored on those
 * atoms are the only ones evaluated. Scratch arrays are reused across papers and
 * reset by stamping, so matching allocates little beyond its results.
 */
export class IndexMatcher {
  private stamp = 0;
  private readonly atomStamp: Uint32Array;
  private readonly atomFound: Uint8Array;
  private readonly atomStart: Int32Array;
  private readonly atomEnd: Int32Array;
  private readonly ruleStamp: Uint32Array;
  private readonly wordIds = new Map<string, number>();
  private readonly nameIds = new Map<string, number>();
  private readonly acronymIds = new Map<string, number>();
  private fields: Tokens[] = [];
  private paper: Paper | null = null;
  private categories: string[] = [];

  constructor(private readonly ix: RuleIndex) {
    const n = ix.atomMask.length;
    this.atomStamp = new Uint32Array(n);
    this.atomFound = new Uint8Array(n);
    this.atomStart = new Int32Array(n * 4);
    this.atomEnd = new Int32Array(n * 4);
    this.ruleStamp = new Uint32Array(ix.rules.length);
    for (const e of ACRONYM_ENTRIES) {
      const id = ix.vocab.get(acronymKey(e.name));
      if (id !== undefined) this.acronymIds.set(e.name, id);
    }
  }

  match(paper: Paper): RuleMatch[] {
    this.stamp++;
    this.paper = paper;
    const candidates: number[] = [];
    this.fields = TEXT_FIELDS.map((f) => tokenize(fieldText(paper, f)));
    for (const f of TEXT_FIELDS) this.scanField(f, candidates);
    this.categories = paper.categories.map((c) => c.toLowerCase());
    for (const c of this.categories) {
      this.addRules(this.ix.categoryRules.get(c), candidates);
      const dot = c.indexOf('.');
      if (dot > 0) this.addRules(this.ix.categoryRules.get(c.slice(0, dot)), candidates);
    }
    if (paper.upvotes !== null) {
      for (const u of this.ix.upvoteRules) {
        if (u.min > paper.upvotes) break;
        if (this.ruleStamp[u.rule] !== this.stamp) {
          this.ruleStamp[u.rule] = this.stamp;
          candidates.push(u.rule);
        }
      }
    }
    const out: RuleMatch[] = [];
    for (const r of candidates) {
      const rule = this.ix.rules[r];
      if (!rule) continue;
      if (rule.simple || this.eval(rule.node)) out.push(this.explain(rule.id, rule.positives));
    }
    return out;
  }

  private addRules(list: readonly number[] | undefined, candidates: number[]): void {
    if (!list) return;
    for (const r of list) {
      if (this.ruleStamp[r] !== this.stamp) {
        this.ruleStamp[r] = this.stamp;
        candidates.push(r);
      }
    }
  }

  private keyIds(field: TextField, words: readonly string[]): { w: Int32Array; a: Int32Array } {
    const w = new Int32Array(words.length);
    const a = new Int32Array(words.length).fill(-1);
    const cache = field === 'authors' ? this.nameIds : this.wordIds;
    if (cache.size > CACHE_LIMIT) cache.clear();
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      let id = cache.get(word);
      if (id === undefined) {
        id = this.ix.vocab.get(field === 'authors' ? nameKey(word) : foldWord(word)) ?? -1;
        cache.set(word, id);
      }
      w[i] = id;
      if (field !== 'authors') {
        const acr = acronymInText(word);
        if (acr) a[i] = this.acronymIds.get(acr) ?? -1;
      }
    }
    return { w, a };
  }

  private scanField(field: TextField, candidates: number[]): void {
    const tokens = this.fields[SLOT[field]] as Tokens;
    const { w, a } = this.keyIds(field, tokens.words);
    const bit = FIELD_BIT[field];
    const slot = SLOT[field];
    const { pos, start, end } = tokens;
    const n = w.length;
    const visit = (node: RootNode, from: number, at: number): void => {
      if (node.atoms) {
        for (const atom of node.atoms) {
          if (((this.ix.atomMask[atom] as number) & bit) === 0) continue;
          if (this.atomStamp[atom] !== this.stamp) {
            this.atomStamp[atom] = this.stamp;
            this.atomFound[atom] = 0;
            this.addRules(this.ix.atomRules[atom], candidates);
          }
          if (((this.atomFound[atom] as number) & bit) === 0) {
            this.atomFound[atom] = (this.atomFound[atom] as number) | bit;
            this.atomStart[atom * 4 + slot] = start[from] as number;
            this.atomEnd[atom * 4 + slot] = end[at] as number;
          }
        }
      }
      const next = at + 1;
      if (!node.next || next >= n || pos[next] !== (pos[at] as number) + 1) return;
      const c1 = node.next.get(w[next] as number);
      if (c1) visit(c1, from, next);
      const ak = a[next] as number;
      if (ak >= 0) {
        const c2 = node.next.get(ak);
        if (c2) visit(c2, from, next);
      }
    };
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      if (wi >= 0) {
        const root = this.ix.roots[wi];
        if (root) visit(root, i, i);
      }
      const ai = a[i] as number;
      if (ai >= 0) {
        const root = this.ix.roots[ai];
        if (root) visit(root, i, i);
      }
    }
  }

  private eval(n: CNode): boolean {
    switch (n.k) {
      case 'atom': return this.atomStamp[n.atom] === this.stamp;
      case 'cat': return this.categories.some((c) => c === n.value || c.startsWith(`${n.value}.`));
      case 'up': return this.paper?.upvotes !== null && this.paper?.upvotes !== undefined && this.paper.upvotes >= n.min;
      case 'not': return !this.eval(n.child);
      case 'and': return n.children.every((c) => this.eval(c));
      case 'or': return n.children.some((c) => this.eval(c));
    }
  }

  private explain(ruleId: string, positives: RuleIndex['rules'][number]['positives']): RuleMatch {
    const hits: TermHit[] = [];
    let score = 0;
    const paper = this.paper as Paper;
    for (const leaf of positives) {
      if (!this.eval(leaf)) continue;
      if (leaf.k === 'atom') {
        const found = this.atomFound[leaf.atom] as number;
        for (const f of TEXT_FIELDS) {
          if ((found & FIELD_BIT[f]) === 0) continue;
          const slot = leaf.atom * 4 + SLOT[f];
          const text = (this.fields[SLOT[f]] as Tokens).text;
          hits.push({ term: leaf.text, field: f, snippet: snippetAround(text, this.atomStart[slot] as number, this.atomEnd[slot] as number) });
          score += WEIGHT[f];
        }
      } else if (leaf.k === 'cat') {
        const cat = paper.categories.find((c) => c.toLowerCase() === leaf.value || c.toLowerCase().startsWith(`${leaf.value}.`)) ?? leaf.value;
        hits.push({ term: leaf.text, field: 'category', snippet: cat });
        score += WEIGHT.category;
      } else {
        hits.push({ term: leaf.text, field: 'upvotes', snippet: `${paper.upvotes ?? 0} upvotes` });
        score += WEIGHT.upvotes;
      }
    }
    return { ruleId, score, titleHit: hits.some((h) => h.field === 'title'), hits };
  }
}

type RootNode = NonNullable<RuleIndex['roots'][number]>;
