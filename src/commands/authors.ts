import type { Command } from './command.js';
import { titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, reply } from './replies.js';

export default {
  name: 'authors',
  summary: 'all authors of this thread’s paper',
  usage: '/papers authors [paper id]',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('authors', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const p = found.paper;
    const n = p.authors.length;
    return reply([[titleLink(p), ` (${p.id})`], [n ? `${n} author${n === 1 ? '' : 's'}: ${p.authors.join(', ')}` : 'No authors on record for this paper.']]);
  },
} satisfies Command;
