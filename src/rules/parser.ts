import { DEFAULT_FIELDS, evaluateNode, type RuleNode, type TextField } from './ast.js';
import { lex, RuleSyntaxError, type FieldName, type Lexeme } from './lexer.js';
import { COMPOUNDS, type CompoundLexicon } from './compounds.js';
import { nameAlternatives, phraseAlternatives } from './phrase.js';
import { tokenize } from './tokenize.js';

export const MAX_RULE_LENGTH = 2000;
const MAX_DEPTH = 40;

export type ParseResult = { ok: true; rule: RuleNode } | { ok: false; message: string; position: number };

type Context = FieldName | 'default';

// One fields list per context, shared by every term parsed in it: parsed rules are plain data nobody mutates.
const FIELDS_OF: Record<Exclude<Context, 'category'>, TextField[]> = {
  default: [...DEFAULT_FIELDS],
  title: ['title'],
  abstract: ['abstract'],
  keywords: ['keywords'],
  author: ['authors'],
};

function describe(l: Lexeme | undefined): string {
  if (!l) return 'the end';
  switch (l.t) {
    case 'word':
      return `"${l.value}"`;
    case 'quoted':
      return 'a quote';
    case 'field':
      return `"${l.name}:"`;
    case 'upvotes':
      return '"upvotes>="';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'minus':
      return '"-"';
    default:
      return `"${l.t.toUpperCase()}"`;
  }
}

/**
 * Spellings of a term body already worked out, keyed by body (author bodies
 * apart): rule texts differ far more than their terms do ("diffusion",
 * "diffusion -survey", "diffusion AND video"), so a compile works out each
 * term once. Parsed rules then share `alts` arrays: they are read-only.
 */
export type TermMemo = Map<string, string[][]>;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly lexemes: Lexeme[],
    private readonly memo: TermMemo | undefined,
    private readonly compounds: CompoundLexicon,
  ) {}

  parse(): RuleNode {
    if (this.lexemes.length === 0) throw new RuleSyntaxError('expected a term: the rule is empty', 0);
    const node = this.parseOr('default');
    const rest = this.peek();
    if (rest) {
      if (rest.t === 'rparen') throw new RuleSyntaxError(`unexpected ")" at ${rest.pos}: no "(" to close`, rest.pos);
      throw new RuleSyntaxError(`unexpected ${describe(rest)} at ${rest.pos}`, rest.pos);
    }
    return node;
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.i];
  }

  private here(): number {
    return this.peek()?.pos ?? this.text.length;
  }

  private enter(at: number): void {
    if (++this.depth > MAX_DEPTH) throw new RuleSyntaxError(`rule nested too deeply at ${at} (at most ${MAX_DEPTH} levels)`, at);
  }

  private parseOr(ctx: Context): RuleNode {
    const children = [this.parseAnd(ctx)];
    while (this.peek()?.t === 'or') {
      this.i++;
      children.push(this.parseAnd(ctx));
    }
    return children.length === 1 ? (children[0] as RuleNode) : { kind: 'or', children };
  }

  private parseAnd(ctx: Context): RuleNode {
    const children = [this.parseUnary(ctx)];
    for (;;) {
      const l = this.peek();
      if (!l || l.t === 'or' || l.t === 'rparen') break;
      if (l.t === 'and') this.i++;
      children.push(this.parseUnary(ctx));
    }
    return children.length === 1 ? (children[0] as RuleNode) : { kind: 'and', children };
  }

  private parseUnary(ctx: Context): RuleNode {
    const l = this.peek();
    if (l && (l.t === 'not' || l.t === 'minus')) {
      this.i++;
      this.enter(l.pos);
      const child = this.parseUnary(ctx);
      this.depth--;
      return { kind: 'not', child };
    }
    return this.parsePrimary(ctx);
  }

  private parsePrimary(ctx: Context): RuleNode {
    const l = this.peek();
    if (!l) {
      const prev = this.lexemes[this.i - 1];
      throw new RuleSyntaxError(`expected a term after ${describe(prev)} at ${this.text.length}`, this.text.length);
    }
    switch (l.t) {
      case 'field': {
        this.i++;
        const next = this.peek();
        if (!next || !(next.t === 'word' || next.t === 'quoted' || next.t === 'lparen')) {
          throw new RuleSyntaxError(`expected a word, a quoted phrase or "(" after "${l.name}:" at ${this.here()}`, this.here());
        }
        return this.parsePrimary(l.name);
      }
      case 'lparen': {
        this.i++;
        this.enter(l.pos);
        if (this.peek()?.t === 'rparen') throw new RuleSyntaxError(`expected a term inside "(" at ${this.here()}`, this.here());
        const inner = this.parseOr(ctx);
        const close = this.peek();
        if (close?.t !== 'rparen') throw new RuleSyntaxError(`expected ")" to close "(" at ${l.pos}`, this.here());
        this.i++;
        this.depth--;
        return inner;
      }
      case 'quoted':
        this.i++;
        return this.term(ctx, l.value, `"${l.value}"`, l.pos + 1, l.pos);
      case 'word': {
        let end = l.end;
        this.i++;
        for (let w = this.peek(); w?.t === 'word'; w = this.peek()) {
          end = w.end;
          this.i++;
        }
        const raw = this.text.slice(l.pos, end);
        return this.term(ctx, raw, raw, l.pos, l.pos);
      }
      case 'upvotes':
        this.i++;
        return { kind: 'upvotes', min: l.min, text: `upvotes>=${l.min}`, position: l.pos };
      case 'rparen':
        throw new RuleSyntaxError(`expected a term before ")" at ${l.pos}`, l.pos);
      default:
        throw new RuleSyntaxError(`expected a term before ${describe(l)} at ${l.pos}`, l.pos);
    }
  }

  private term(ctx: Context, body: string, shown: string, bodyPos: number, pos: number): RuleNode {
    if (ctx === 'category') {
      const value = body.trim().toLowerCase();
      if (!/^[a-z][a-z-]*(\.[a-z][a-z-]*)?$/i.test(value)) throw new RuleSyntaxError(`expected one arXiv category like cs.LG at ${bodyPos}`, bodyPos);
      return { kind: 'category', value, text: `category:${body.trim()}`, position: pos };
    }
    const fields = FIELDS_OF[ctx];
    const key = ctx === 'author' ? `\u0001${body}` : body;
    let alts = this.memo?.get(key);
    if (!alts) {
      const words = tokenize(body).words;
      if (words.length === 0) throw new RuleSyntaxError(`expected a word with letters or digits at ${bodyPos}`, bodyPos);
      alts = ctx === 'author' ? nameAlternatives(words) : phraseAlternatives(words, this.compounds);
      this.memo?.set(key, alts);
    }
    const prefix = ctx === 'default' ? '' : `${ctx}:`;
    return { kind: 'text', text: `${prefix}${shown}`, body, fields, alts, position: pos };
  }
}

/**
 * Parses one rule (`memo`: term spellings shared across a batch of rules, all
 * parsed with the same `compounds`). Never throws: anything wrong comes back
 * as a message and a 0-based position.
 */
export function parseRule(text: string, memo?: TermMemo, compounds: CompoundLexicon = COMPOUNDS): ParseResult {
  if (text.length > MAX_RULE_LENGTH) {
    return { ok: false, message: `a rule is at most ${MAX_RULE_LENGTH} characters (this one has ${text.length})`, position: MAX_RULE_LENGTH };
  }
  try {
    const rule = new Parser(text, lex(text), memo, compounds).parse();
    // A rule true with no term present would send nearly every paper: "-survey" alone.
    if (evaluateNode(rule, () => false)) {
      return {
        ok: false,
        message: 'expected something to look for: a rule made only of exclusions (like "-survey") would match almost every paper',
        position: 0,
      };
    }
    return { ok: true, rule };
  } catch (err) {
    if (err instanceof RuleSyntaxError) return { ok: false, message: err.message, position: err.position };
    return { ok: false, message: `could not read the rule: ${(err as Error).message}`, position: 0 };
  }
}
