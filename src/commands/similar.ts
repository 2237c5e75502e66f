import { DAY_MS } from '../util/days.js';
import type { Command } from './command.js';
import { SIMILAR_SHOWN, SIMILAR_WINDOW_DAYS } from './limits.js';
import { paperLine, titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, reply, withList } from './replies.js';

export default {
  name: 'similar',
  summary: 'papers of the last 30 days similar to this thread’s paper',
  usage: '/papers similar [paper id]',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('similar', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const target = found.paper;
    const now = deps.clock.now().getTime();
    const from = new Date(now - SIMILAR_WINDOW_DAYS * DAY_MS).toISOString();
    // `to` is a little ahead of now so a paper stored this very millisecond still counts.
    const corpus = (await deps.stores.papers.firstSeenBetween(from, new Date(now + 1).toISOString())).filter((p) => p.id !== target.id);
    const similar = deps.similar(target, corpus, SIMILAR_SHOWN).filter((s) => s.paper.id !== target.id);
    const head = [['Papers similar to ', titleLink(target), ` (${target.id})`, similar.length ? ':' : '']];
    if (!similar.length) return reply([...head, ['I have no stored papers similar to it.']]);
    return withList(
      head,
      similar.map((s) => [...paperLine(s.paper), ` — similarity ${s.score.toFixed(2)}`]),
    );
  },
} satisfies Command;
