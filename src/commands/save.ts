import type { Command } from './command.js';
import { titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, reply } from './replies.js';
import { workspaceOf } from './saved-list.js';

export default {
  name: 'save',
  summary: 'add a paper to your reading list (only you see it)',
  usage: '/papers save <paper id>',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('save', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const p = found.paper;
    const added = await deps.stores.saved.save(workspaceOf(ctx), ctx.userId, p.id, deps.clock.now().toISOString());
    return reply([
      [titleLink(p), ` (${p.id}) ${added ? 'is on your reading list now' : 'was already on your reading list'}. `, { code: '/papers saved' }, ' shows it.'],
    ]);
  },
} satisfies Command;
