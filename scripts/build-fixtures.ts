/**
 * Builds the bundled sample papers and the source test fixtures from the seed
 * page (57 real Daily Papers entries as text). Deterministic: run it again and
 * git shows no change. Ids and author names are plainly fake.
 *
 *   npx tsx scripts/build-fixtures.ts [seed.txt]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = process.argv[2] ?? '/work/shared/seed/daily-papers-page.txt';
/** The seed page shows "Dec 9" and yearless dates for the current year. */
const PAGE_YEAR = 2025;
const PAGE_DAY = '2025-12-09';

interface SeedPaper {
  title: string;
  abstract: string;
  /** null: the seed entry shows no author line. */
  authorCount: number | null;
  /** arXiv date, YYYY-MM-DD; null when the seed shows none. */
  date: string | null;
  /** The count some entries show after the date, read as comments. */
  extraCount: number | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parseSeed(text: string): SeedPaper[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const start = lines.indexOf('byAK and the research community') + 2; // then the page's own date
  const out: SeedPaper[] = [];
  for (let i = start; i < lines.length; ) {
    const title = lines[i] ?? '';
    const abstract = lines[i + 1] ?? '';
    const authors = /^• (\d+) authors?$/.exec(lines[i + 2] ?? '');
    if (!authors) {
      out.push({ title, abstract, authorCount: null, date: null, extraCount: null });
      i += 2;
      continue;
    }
    const d = /^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$/.exec(lines[i + 4] ?? '');
    if (lines[i + 3] !== '·' || !d) throw new Error(`unexpected seed layout near line: ${title}`);
    const month = MONTHS.indexOf(d[1] ?? '') + 1;
    const date = `${d[3] ?? PAGE_YEAR}-${String(month).padStart(2, '0')}-${(d[2] ?? '').padStart(2, '0')}`;
    out.push({ title, abstract, authorCount: Number(authors[1]), date, extraCount: d[4] ? Number(d[4]) : null });
    i += 5;
  }
  return out;
}

/** FNV-1a: stable pseudo-random numbers from a paper's title. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

const FIRST = [
  'Ada',
  'Bob',
  'Cleo',
  'Dev',
  'Eve',
  'Finn',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lea',
  'Milo',
  'Nia',
  'Omar',
  'Pia',
  'Quin',
  'Rosa',
  'Sol',
  'Tess',
  'Uma',
  'Vik',
  'Wren',
  'Yara',
  'Zed',
];
const LAST = ['Fixture', 'Placeholder', 'Stub', 'Mockwell', 'Sample', 'Dummy', 'Testcase', 'Seedling'];

function authorName(paper: number, i: number): string {
  return `${FIRST[(paper * 7 + i) % FIRST.length]} ${LAST[(paper + i * 3) % LAST.length]}`;
}

const STOP = new Set([
  'about',
  'across',
  'after',
  'against',
  'based',
  'between',
  'beyond',
  'from',
  'their',
  'these',
  'through',
  'towards',
  'under',
  'using',
  'via',
  'what',
  'when',
  'where',
  'which',
  'while',
  'with',
  'without',
]);

function keywords(title: string): string[] {
  const words = title
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length >= 5 && !STOP.has(w));
  return [...new Set(words)].slice(0, 5);
}

function urls(abstract: string): string[] {
  return [...abstract.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0].replace(/[.,;]+$/, ''));
}

const firstSentence = (s: string): string => (/^.*?[.!?](?=\s|$)/.exec(s)?.[0] ?? s).trim();

export const fixtureId = (n: number): string => `2599.${String(n).padStart(5, '0')}`;

/** One element of GET /api/daily_papers, in the shape the platform notes give. */
function hfItem(p: SeedPaper, n: number, listedOn: string): Record<string, unknown> {
  const id = fixtureId(n);
  const h = hash(p.title);
  const links = urls(p.abstract);
  const enriched = n % 3 !== 0; // HF's AI fields are missing on some papers
  const paper: Record<string, unknown> = {
    id,
    authors: Array.from({ length: p.authorCount ?? 0 }, (_, i) => ({ _id: `fixture-author-${n}-${i + 1}`, name: authorName(n, i), hidden: i === 2 })),
    publishedAt: `${p.date ?? PAGE_DAY}T${String(h % 24).padStart(2, '0')}:${String(h % 60).padStart(2, '0')}:00.000Z`,
    submittedOnDailyAt: `${listedOn}T06:${String(n % 60).padStart(2, '0')}:00.000Z`,
    title: p.title,
    summary: p.abstract,
    upvotes: (h % 90) + (n <= 10 ? 30 : 0),
    discussionId: `fixture-discussion-${n}`,
  };
  if (enriched) {
    paper.ai_summary = firstSentence(p.abstract);
    paper.ai_keywords = keywords(p.title);
  }
  const code = links.find((u) => u.startsWith('https://github.com/'));
  const project = links.find((u) => !u.startsWith('https://github.com/'));
  if (code) Object.assign(paper, { githubRepo: code, githubStars: h % 500 });
  if (project) paper.projectPage = project;
  return {
    paper,
    publishedAt: `${listedOn}T06:${String(n % 60).padStart(2, '0')}:00.000Z`,
    title: p.title,
    summary: p.abstract,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
    numComments: p.extraCount ?? h % 4,
    submittedBy: { _id: 'fixture-submitter', fullname: 'Sam Fixture', name: 'sam-fixture' },
    isAuthorParticipating: false,
  };
}

// ---- arXiv Atom ----

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Wrap like arXiv does: hard line breaks and indentation inside title and summary. */
const wrap = (s: string, indent: string): string => s.replace(/(.{1,72})(\s+|$)/g, `$1\n${indent}`).trimEnd();

interface AtomEntry {
  ref: string;
  title: string | null;
  summary: string;
  published: string;
  authors: string[];
  categories: string[];
}

function atomEntry(e: AtomEntry, atom: string, arxiv: string): string {
  const a = atom ? `${atom}:` : '';
  const cats = e.categories.map((c) => `    <${a}category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n');
  return [
    `  <${a}entry>`,
    `    <${a}id>http://arxiv.org/abs/${e.ref}</${a}id>`,
    `    <${a}updated>${e.published}</${a}updated>`,
    `    <${a}published>${e.published}</${a}published>`,
    e.title === null ? '' : `    <${a}title>${esc(wrap(e.title, '  '))}</${a}title>`,
    `    <${a}summary>  ${esc(wrap(e.summary, '  '))}\n</${a}summary>`,
    ...e.authors.map((n) => `    <${a}author>\n      <${a}name>${esc(n)}</${a}name>\n    </${a}author>`),
    `    <${a}link href="http://arxiv.org/abs/${e.ref}" rel="alternate" type="text/html"/>`,
    `    <${a}link title="pdf" href="http://arxiv.org/pdf/${e.ref}" rel="related" type="application/pdf"/>`,
    `    <${arxiv}:primary_category xmlns:${arxiv}="http://arxiv.org/schemas/atom" term="${e.categories[0]}" scheme="http://arxiv.org/schemas/atom"/>`,
    cats,
    `  </${a}entry>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** A feed page. `atom`/`arxiv`/`os` are the prefixes to spell the namespaces with ('' = default namespace). */
function atomFeed(
  day: string,
  total: number,
  start: number,
  perPage: number,
  entries: AtomEntry[],
  prefixes = { atom: '', arxiv: 'arxiv', os: 'opensearch' },
): string {
  const a = prefixes.atom ? `${prefixes.atom}:` : '';
  const atomNs = prefixes.atom ? `xmlns:${prefixes.atom}` : 'xmlns';
  const compact = day.replaceAll('-', '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<${a}feed ${atomNs}="http://www.w3.org/2005/Atom" xmlns:${prefixes.os}="http://a9.com/-/spec/opensearch/1.1/">
  <${a}link href="http://arxiv.org/api/query?search_query%3D%28cat%3Acs.LG%20OR%20cat%3Acs.CV%29%20AND%20submittedDate%3A%5B${compact}0000%20TO%20${compact}2359%5D%26id_list%3D%26start%3D${start}%26max_results%3D${perPage}" rel="self" type="application/atom+xml"/>
  <${a}title type="html">ArXiv Query: search_query=(cat:cs.LG OR cat:cs.CV) AND submittedDate:[${compact}0000 TO ${compact}2359]&amp;id_list=&amp;start=${start}&amp;max_results=${perPage}</${a}title>
  <${a}id>http://arxiv.org/api/fixture-${compact}-${start}</${a}id>
  <${a}updated>${day}T00:00:00-05:00</${a}updated>
  <${prefixes.os}:totalResults>${total}</${prefixes.os}:totalResults>
  <${prefixes.os}:startIndex>${start}</${prefixes.os}:startIndex>
  <${prefixes.os}:itemsPerPage>${perPage}</${prefixes.os}:itemsPerPage>
${entries.map((e) => atomEntry(e, prefixes.atom, prefixes.arxiv)).join('\n')}
</${a}feed>
`;
}

// ---- output ----

function write(rel: string, content: string): void {
  const path = join(ROOT, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${rel}`);
}
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

const seed = parseSeed(readFileSync(SEED, 'utf8'));
if (seed.length !== 57) throw new Error(`expected 57 seed papers, parsed ${seed.length}`);
const at = (n: number): SeedPaper =>
  seed[n - 1] ??
  (() => {
    throw new Error(`no seed paper ${n}`);
  })();
const item = (n: number, day: string): Record<string, unknown> => hfItem(at(n), n, day);

write('data/sample/papers.json', json(seed.map((p, i) => hfItem(p, i + 1, PAGE_DAY))));

// HF: a full day; a day with malformed items among good ones; a weekend.
write('test/fixtures/hf/2026-03-09.json', json([1, 2, 3, 5, 6].map((n) => item(n, '2026-03-09'))));
/** A seed paper's item under an id of its own (90+), then broken by `edit`. */
const malformed = (seedN: number, n: number, edit: (paper: Record<string, unknown>) => void): Record<string, unknown> => {
  const it = hfItem(at(seedN), n, '2026-03-10');
  edit(it.paper as Record<string, unknown>);
  return it;
};
write(
  'test/fixtures/hf/2026-03-10.json',
  json([
    item(4, '2026-03-10'),
    malformed(13, 90, (p) => delete p.title), // missing title
    item(7, '2026-03-10'),
    malformed(14, 91, (p) => (p.id = 'not-an-arxiv-id')), // bad id
    malformed(15, 92, (p) => Object.assign(p, { upvotes: 'lots', authors: 'Ada Fixture' })), // wrong types
    item(8, '2026-03-10'),
  ]),
);
write('test/fixtures/hf/2026-03-14.json', json([]));

// arXiv: two pages for 03-09 (3 is on HF too, 4 is v1), 03-10 with 4's v2 and malformed entries, an empty weekend.
const arxivAuthors = (n: number): string[] => Array.from({ length: at(n).authorCount ?? 1 }, (_, i) => authorName(n, i));
const entry = (n: number, ref: string, published: string, categories: string[], over: Partial<AtomEntry> = {}): AtomEntry => ({
  ref,
  title: at(n).title,
  summary: at(n).abstract,
  published,
  authors: arxivAuthors(n),
  categories,
  ...over,
});
/** An entry with a seed paper's text and authors under another id. */
const entryAs = (seedN: number, ref: string, published: string, over: Partial<AtomEntry>): AtomEntry => entry(seedN, ref, published, ['cs.LG'], over);
const v1Title = `${at(4).title.split(':')[0] ?? ''}: Coordination in Multi-Agent LLMs`;
const v1Summary = `${at(4).abstract.split('. ').slice(0, 3).join('. ')}.`;
write(
  'test/fixtures/arxiv/2026-03-09-p1.xml',
  atomFeed('2026-03-09', 4, 0, 2, [
    entry(3, `${fixtureId(3)}v1`, '2026-03-09T09:12:00Z', ['cs.LG', 'cs.AI', 'stat.ML']),
    entry(10, `${fixtureId(10)}v1`, '2026-03-09T11:40:05Z', ['cs.CV', 'cs.LG']),
  ]),
);
write(
  'test/fixtures/arxiv/2026-03-09-p2.xml',
  atomFeed('2026-03-09', 4, 2, 2, [
    entry(4, `${fixtureId(4)}v1`, '2026-03-09T15:02:44Z', ['cs.MA', 'cs.LG'], { title: v1Title, summary: v1Summary }),
    entry(11, 'hep-th/9901001v1', '2026-03-09T17:30:00Z', ['hep-th', 'cs.LG']),
  ]),
);
// Same document model, other prefixes: the atom namespace is prefixed, opensearch is "os", arxiv is "ax".
write(
  'test/fixtures/arxiv/2026-03-10.xml',
  atomFeed(
    '2026-03-10',
    4,
    0,
    50,
    [
      entry(4, `${fixtureId(4)}v2`, '2026-03-09T15:02:44Z', ['cs.MA', 'cs.LG', 'cs.AI']),
      entryAs(16, `${fixtureId(93)}v1`, '2026-03-10T08:00:00Z', { title: null }), // missing title
      entry(12, `${fixtureId(12)}v1`, '2026-03-10T10:20:00Z', ['cs.CV']),
      entryAs(17, 'not-an-id', 'yesterday', {}), // bad id, bad date
    ],
    { atom: 'atom', arxiv: 'ax', os: 'os' },
  ),
);
write('test/fixtures/arxiv/2026-03-14.xml', atomFeed('2026-03-14', 0, 0, 50, []));
write(
  'test/fixtures/arxiv/error.xml',
  `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <title type="html">ArXiv Query: search_query=&amp;id_list=1234.12345&amp;start=0&amp;max_results=10</title>
  <id>http://arxiv.org/api/fixture-error</id>
  <updated>2026-03-10T00:00:00-05:00</updated>
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.12345</summary>
    <updated>2026-03-10T00:00:00-05:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`,
);
