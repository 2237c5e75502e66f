import type { Command } from './command.js';
import { SIMILAR_SHOWN } from './limits.js';
import { paperLine, titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, reply, withList } from './replies.js';

export default {
  name: 'similar',
  summary: 'stored papers similar to this thread’s paper',
  usage: '/papers similar [paper id]',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('similar', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const target = found.paper;
    // Every stored paper is a candidate: similar work is often older than this week.
    const corpus = (await deps.stores.papers.firstSeenBetween('0000', '9999')).filter((p) => p.id !== target.id);
    const similar = deps.similar(target, corpus, SIMILAR_SHOWN).filter((s) => s.paper.id !== target.id);
    const head = [['Papers similar to ', titleLink(target), ` (${target.id})`, similar.length ? ':' : '']];
    if (!similar.length) return reply([...head, ['I have no stored papers similar to it.']]);
    return withList(head, similar.map((s) => [...paperLine(s.paper), ` — similarity ${s.score.toFixed(2)}`]));
  },
} satisfies Command;
