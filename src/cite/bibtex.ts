import type { Paper } from '../papers/paper.js';
import { arxivAbsUrl } from '../papers/paper.js';

/*
 * BibTeX for a paper, in the shape arXiv and Google Scholar use for preprints
 * (@misc with eprint and archivePrefix). Text keeps its Unicode (biber and
 * modern BibTeX read UTF-8); only the characters LaTeX gives a meaning are escaped.
 */

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** `& % $ # _ { } ~ ^ \` made literal, in one pass so an escape is never escaped again. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => SPECIAL[c] ?? c);
}

/**
 * Escaped title with every word that holds a capital in braces, so a style
 * that lower-cases titles keeps "BERT", "Transformers" or "GPT-4" as written.
 */
export function bibtexTitle(title: string): string {
  return title
    .trim()
    .split(/\s+/)
    .map((word) => {
      const escaped = escapeLatex(word);
      return /\p{Lu}/u.test(word) ? `{${escaped}}` : escaped;
    })
    .join(' ');
}

/** Ascii letters and digits only, lower case, accents folded: "Zoë" → "zoe". */
function keyPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// Words a citation key skips at the start of a title, as Google Scholar does.
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'with',
  'from',
  'by',
  'at',
  'is',
  'are',
  'do',
  'does',
  'how',
  'what',
  'why',
  'when',
]);

function firstAuthorKey(authors: readonly string[]): string {
  const first = authors[0]?.trim() ?? '';
  // "Last, First" when the source wrote it so; otherwise the last word is the family name.
  const family = first.includes(',') ? (first.split(',')[0] ?? '') : (first.split(/\s+/).at(-1) ?? '');
  return keyPart(family) || 'anon';
}

function firstWordKey(title: string): string {
  const words = title
    .split(/[\s\-–—:/]+/)
    .map(keyPart)
    .filter(Boolean);
  return words.find((w) => !STOPWORDS.has(w)) ?? words[0] ?? 'paper';
}

/** `<firstauthor><year><firstword>`, e.g. vaswani2017attention. */
export function citationKey(p: Pick<Paper, 'authors' | 'publishedAt' | 'title'>): string {
  return `${firstAuthorKey(p.authors)}${p.publishedAt.slice(0, 4)}${firstWordKey(p.title)}`;
}

/** An author as BibTeX reads it; a name holding " and " is braced so it stays one author. */
function author(name: string): string {
  const escaped = escapeLatex(name.trim());
  return /\sand\s/i.test(name) ? `{${escaped}}` : escaped;
}

export function bibtexEntry(p: Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'categories'>): string {
  const fields: [string, string][] = [
    ['title', bibtexTitle(p.title)],
    ['author', p.authors.map(author).join(' and ')],
    ['year', p.publishedAt.slice(0, 4)],
    ['eprint', p.id],
    ['archivePrefix', 'arXiv'],
  ];
  if (p.categories[0]) fields.push(['primaryClass', p.categories[0]]);
  fields.push(['url', arxivAbsUrl(p.id)]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@misc{${citationKey(p)},\n${body}\n}`;
}

/** Several entries as one .bib file; two papers with the same key get a, b, … suffixes. */
export function bibtexFile(papers: readonly Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'categories'>[]): string {
  const seen = new Map<string, number>();
  const entries = papers.map((p) => {
    const entry = bibtexEntry(p);
    const key = citationKey(p);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? entry : entry.replace(`@misc{${key},`, `@misc{${key}${String.fromCharCode(97 + ((n - 1) % 26))},`);
  });
  return `${entries.join('\n\n')}\n`;
}
