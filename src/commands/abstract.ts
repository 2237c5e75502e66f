import { oneLine } from '../util/text.js';
import type { Command } from './command.js';
import { titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, reply } from './replies.js';

export default {
  name: 'abstract',
  summary: 'the full abstract of this thread’s paper',
  usage: '/papers abstract [paper id]',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('abstract', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const p = found.paper;
    const abstract = oneLine(p.abstract);
    return reply([[titleLink(p), ` (${p.id})`], [abstract || 'This paper has no abstract on record.']]);
  },
} satisfies Command;
