import { rankChannelMatches, type ChannelMatch } from '../rules/rank.js';
import { DAY_MS } from '../util/days.js';
import type { Command } from './command.js';
import { PREVIEW_DAYS, PREVIEW_SHOWN } from './limits.js';
import { paperLine } from './paper-lines.js';
import { plural, refuse, reply, withList } from './replies.js';
import { checkRuleText } from './rule-text.js';

export default {
  name: 'preview',
  summary: 'what a rule would have matched in the last 7 days, before subscribing',
  usage: '/papers preview <rule>',
  manage: false,
  async run(_ctx, args, deps) {
    const checked = checkRuleText(args.raw, deps.engine, '/papers preview <rule>, e.g. /papers preview pruning -survey');
    if (!checked.ok) return refuse(checked.lines);
    const now = deps.clock.now();
    const papers = await deps.stores.papers.firstSeenBetween(new Date(now.getTime() - PREVIEW_DAYS * DAY_MS).toISOString(), now.toISOString());
    if (!papers.length) return reply([[`I have no papers from the last ${PREVIEW_DAYS} days yet, so there is nothing to preview against.`]]);
    const compiled = deps.engine.compile([{ id: 'preview', text: checked.text }]);
    const found: ChannelMatch[] = [];
    for (const paper of papers) {
      const matches = compiled.match(paper).filter((m) => m.ruleId === 'preview');
      if (matches.length) found.push({ paper, matches });
    }
    const head = [
      [
        { code: checked.text },
        ` would have matched ${plural(found.length, 'paper')} of the ${papers.length} seen in the last ${PREVIEW_DAYS} days${found.length ? '' : '.'}`,
      ],
    ];
    if (!found.length) return reply(head);
    const ranked = rankChannelMatches(found).slice(0, PREVIEW_SHOWN);
    head[0]?.push(ranked.length < found.length ? `; the best ${ranked.length}:` : ':');
    return withList(
      head,
      ranked.map((m) => paperLine(m.paper, m.matches)),
    );
  },
} satisfies Command;
