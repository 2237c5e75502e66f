import type { Command } from './command.js';
import { SIMILAR_SHOWN } from './limits.js';
import { paperLine, titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, reply, withList } from './replies.js';

export default {
  name: 'similar',
  summary: 'papers of the last 30 days similar to this thread’s paper',
  usage: '/papers similar [paper id]',
  manage: false,
  expensive: 'cpu',
  async run(ctx, args, deps) {
    const found = await paperForCommand('similar', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const target = found.paper;
    // The index holds the last 30 days and is kept up to date as papers arrive: nothing is re-read or re-tokenised here.
    const similar = (await deps.similar.similarTo(target, SIMILAR_SHOWN)).filter((s) => s.paper.id !== target.id);
    const head = [['Papers similar to ', titleLink(target), ` (${target.id})`, similar.length ? ':' : '']];
    if (!similar.length) return reply([...head, ['I have no stored papers similar to it.']]);
    return withList(
      head,
      similar.map((s) => [...paperLine(s.paper), ` — similarity ${s.score.toFixed(2)}`]),
    );
  },
} satisfies Command;
