import type { CommandDeps } from '../commands/deps.js';
import type { CommandContext } from '../commands/types.js';
import { cutAtWord } from '../util/cut.js';
import { oneLine } from '../util/text.js';
import { CHOICE_CHARS, MAX_CHOICES, type Choice, type CompletionField } from './types.js';

/** Recent posts searched for the paper option: enough for a few weeks of digests. */
const RECENT_POSTS = 200;

let zones: string[] | null = null;
function timeZones(): string[] {
  // Intl lists canonical IANA zones; UTC is accepted by the commands but not always listed.
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return zones;
}

const fit = (s: string): string => cutAtWord(oneLine(s), CHOICE_CHARS);

/** Best first: what starts with the typed text, then what contains it; the first MAX_CHOICES. */
function rank<T>(items: readonly T[], typed: string, keys: (t: T) => string[]): T[] {
  const q = typed.trim().toLowerCase();
  if (!q) return items.slice(0, MAX_CHOICES);
  const starts: T[] = [];
  const contains: T[] = [];
  for (const item of items) {
    const ks = keys(item).map((k) => k.toLowerCase());
    if (ks.some((k) => k.startsWith(q) || k.split(/[\s/_-]+/).some((w) => w.startsWith(q)))) starts.push(item);
    else if (ks.some((k) => k.includes(q))) contains.push(item);
    if (starts.length >= MAX_CHOICES) break;
  }
  return [...starts, ...contains].slice(0, MAX_CHOICES);
}

/**
 * Suggestions for an option as it is typed: this channel's rules (value: the
 * rule's id, which unsubscribe takes), IANA time zones, or the papers recently
 * posted here, newest first (value: the paper id).
 */
export async function complete(deps: Pick<CommandDeps, 'stores'>, ctx: CommandContext, field: CompletionField, typed: string): Promise<Choice[]> {
  if (field === 'timezone') return rank(timeZones(), typed, (z) => [z]).map((z) => ({ name: z, value: z }));
  const channel = await deps.stores.channels.find(ctx.channel);
  if (!channel) return [];
  if (field === 'rule') {
    const rules = await deps.stores.rules.list(channel.id);
    return rank(rules, typed, (r) => [r.text, String(r.id)]).map((r) => ({ name: fit(`${r.text} (id ${r.id})`), value: String(r.id) }));
  }
  const posts = (await deps.stores.threads.postedIn(channel.id, { limit: RECENT_POSTS })).reverse();
  const papers = [];
  const seen = new Set<string>();
  for (const post of posts) {
    if (seen.has(post.paperId)) continue;
    seen.add(post.paperId);
    const paper = await deps.stores.papers.get(post.paperId);
    if (paper) papers.push(paper);
  }
  return rank(papers, typed, (p) => [p.title, p.id]).map((p) => ({ name: fit(`${p.title} (${p.id})`), value: p.id }));
}
