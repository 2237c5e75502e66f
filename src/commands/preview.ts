import type { Command } from './command.js';
import { PREVIEW_DAYS, PREVIEW_SHOWN } from './limits.js';
import { paperLine } from './paper-lines.js';
import { plural, refuse, reply, withList } from './replies.js';
import { previewRule } from './rule-preview.js';

export default {
  name: 'preview',
  summary: 'what a rule would have matched in the last 7 days, before subscribing',
  usage: '/papers preview <rule>',
  manage: false,
  expensive: 'cpu',
  async run(_ctx, args, deps) {
    const preview = await previewRule(args.raw, deps, '/papers preview <rule>, e.g. /papers preview pruning -survey');
    if (!preview.ok) return refuse(preview.lines);
    if (!preview.seen) return reply([[`I have no papers from the last ${PREVIEW_DAYS} days yet, so there is nothing to preview against.`]]);
    const head = [
      [
        { code: preview.rule },
        ` would have matched ${plural(preview.matched, 'paper')} of the ${preview.seen} seen in the last ${PREVIEW_DAYS} days${preview.matched ? '' : '.'}`,
      ],
    ];
    if (!preview.matched) return reply(head);
    const ranked = preview.ranked.slice(0, PREVIEW_SHOWN);
    head[0]?.push(ranked.length < preview.matched ? `; the best ${ranked.length}:` : ':');
    return withList(
      head,
      ranked.map((m) => paperLine(m.paper, m.matches)),
    );
  },
} satisfies Command;
