import { describe, expect, it } from 'vitest';
import { bibtexEntry, bibtexFile, citationKey, escapeLatex } from '../../src/cite/bibtex.js';
import { makePaper } from '../support/papers.js';

/*
 * Each expected entry below was written by hand from the paper's arXiv page,
 * not produced by the code under test.
 */
describe('BibTeX entries', () => {
  it('a many-author paper: every author, arXiv fields, capitals protected', () => {
    const p = makePaper({
      id: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Łukasz Kaiser', 'Illia Polosukhin'],
      publishedAt: '2017-06-12T17:57:34.000Z',
      categories: ['cs.CL', 'cs.LG'],
    });
    expect(bibtexEntry(p)).toBe(`@misc{vaswani2017attention,
  title = {{Attention} {Is} {All} {You} {Need}},
  author = {Ashish Vaswani and Noam Shazeer and Niki Parmar and Jakob Uszkoreit and Llion Jones and Aidan N. Gomez and Łukasz Kaiser and Illia Polosukhin},
  year = {2017},
  eprint = {1706.03762},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
  url = {https://arxiv.org/abs/1706.03762}
}`);
  });

  it('accented names and titles: kept in the fields, folded to ASCII in the key', () => {
    const p = makePaper({
      id: '2401.01234',
      title: 'Élan: Sparse Attention for Ünseen Domains',
      authors: ['Jérôme Lévêque', 'Søren Ørsted', 'Zoë Müller'],
      publishedAt: '2024-01-05T10:00:00.000Z',
      categories: ['cs.LG'],
    });
    expect(bibtexEntry(p)).toBe(`@misc{leveque2024elan,
  title = {{Élan:} {Sparse} {Attention} for {Ünseen} {Domains}},
  author = {Jérôme Lévêque and Søren Ørsted and Zoë Müller},
  year = {2024},
  eprint = {2401.01234},
  archivePrefix = {arXiv},
  primaryClass = {cs.LG},
  url = {https://arxiv.org/abs/2401.01234}
}`);
  });

  it('LaTeX specials are escaped; a paper known only from Hugging Face has no primaryClass; " and " in a name stays one author', () => {
    const p = makePaper({
      id: '2512.00007',
      title: 'The Costs of 50% Pruning: C# & F_1 ~ x^2 in {Braces} \\ Back',
      authors: ['Research and Development Team', 'Ada Fixture'],
      publishedAt: '2025-12-01T00:00:00.000Z',
      categories: [],
      sources: ['hf'],
    });
    expect(bibtexEntry(p)).toBe(`@misc{team2025costs,
  title = {{The} {Costs} of 50\\% {Pruning:} {C\\#} \\& {F\\_1} \\textasciitilde{} x\\textasciicircum{}2 in {\\{Braces\\}} \\textbackslash{} {Back}},
  author = {{Research and Development Team} and Ada Fixture},
  year = {2025},
  eprint = {2512.00007},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2512.00007}
}`);
  });

  it('escapes each special once, never an escape again', () => {
    expect(escapeLatex('\\{}&%$#_~^')).toBe('\\textbackslash{}\\{\\}\\&\\%\\$\\#\\_\\textasciitilde{}\\textasciicircum{}');
  });

  it('keys: family name (also "Last, First"), year, first word that is not a stop word', () => {
    expect(
      citationKey({ authors: ['LeCun, Yann'], publishedAt: '1998-11-01T00:00:00Z', title: 'Gradient-Based Learning Applied to Document Recognition' }),
    ).toBe('lecun1998gradient');
    expect(citationKey({ authors: [], publishedAt: '2020-01-01T00:00:00Z', title: 'On the Measure of Intelligence' })).toBe('anon2020measure');
  });

  it('a .bib file of several entries keeps keys unique', () => {
    const a = makePaper({ id: '2501.00001', title: 'Pruning Works', authors: ['Ada Fixture'], publishedAt: '2025-01-01T00:00:00Z' });
    const b = makePaper({ id: '2501.00002', title: 'Pruning Again', authors: ['Ada Fixture'], publishedAt: '2025-01-02T00:00:00Z' });
    const file = bibtexFile([a, b]);
    expect([...file.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1])).toEqual(['fixture2025pruning', 'fixture2025pruninga']);
    expect(file.endsWith('}\n')).toBe(true);
  });
});
