import type { Line } from '../chat/reply.js';
import { rankChannelMatches, type ChannelMatch } from '../rules/rank.js';
import { DAY_MS } from '../util/days.js';
import { slicer } from '../util/yield.js';
import type { CommandDeps } from './deps.js';
import { PREVIEW_DAYS } from './limits.js';
import { checkRuleText } from './rule-text.js';
import { paperLine } from './paper-lines.js';
import { plural } from '../util/plural.js';

/** Papers matched at a time; the event loop runs whenever a few of these have taken SLICE_MS. */
const MATCH_SLICE = 50;

export type RulePreview = { ok: true; rule: string; seen: number; matched: number; ranked: ChannelMatch[] } | { ok: false; lines: Line[] };

/**
 * What a rule would have matched among the papers first seen in the last
 * PREVIEW_DAYS days, best first: `/papers preview` and the subscribe forms'
 * live preview both show this.
 */
export async function previewRule(raw: string, deps: Pick<CommandDeps, 'engine' | 'recent' | 'clock'>, usage: string): Promise<RulePreview> {
  const checked = checkRuleText(raw, deps.engine, usage);
  if (!checked.ok) return checked;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  // From the recent papers in memory, not a week of rows from the store on every call.
  const papers = (await deps.recent.since(new Date(now.getTime() - PREVIEW_DAYS * DAY_MS).toISOString())).filter((p) => p.firstSeenAt < nowIso);
  const compiled = deps.engine.compile([{ id: 'preview', text: checked.text }]);
  const found: ChannelMatch[] = [];
  // A slice at a time, letting the event loop run in between: a week can be 14,000 papers.
  const pace = slicer(1);
  for (let start = 0; start < papers.length; start += MATCH_SLICE) {
    if (pace.due()) await pace.yield();
    const slice = papers.slice(start, start + MATCH_SLICE);
    for (const hit of compiled.matchByRule(slice)('preview')) {
      const paper = slice[hit.paper];
      if (paper) found.push({ paper, matches: [hit.match] });
    }
  }
  return { ok: true, rule: checked.text, seen: papers.length, matched: found.length, ranked: rankChannelMatches(found) };
}

/** A preview in a few lines: how many of the last days' papers matched, and the best `shown` titles. */
export function previewLines(preview: Extract<RulePreview, { ok: true }>, shown = 3): Line[] {
  if (!preview.seen) return [[`No papers from the last ${PREVIEW_DAYS} days are stored yet, so there is nothing to preview against.`]];
  const head: Line = [
    { code: preview.rule },
    ` would have matched ${plural(preview.matched, 'paper')} of the ${preview.seen} seen in the last ${PREVIEW_DAYS} days${preview.matched ? ':' : '.'}`,
  ];
  return [head, ...preview.ranked.slice(0, shown).map((m): Line => ['• ', ...paperLine(m.paper, m.matches)])];
}
