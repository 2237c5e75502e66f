import { bibtexEntry } from '../cite/bibtex.js';
import type { Command } from './command.js';
import { titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse } from './replies.js';

export default {
  name: 'cite',
  summary: 'a BibTeX entry for a paper',
  usage: '/papers cite <paper id>',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('cite', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const p = found.paper;
    return {
      ok: true,
      ephemeral: true,
      blocks: [
        { kind: 'text', lines: [[titleLink(p), ` (${p.id}) in BibTeX:`]] },
        { kind: 'code', text: bibtexEntry(p) },
      ],
    };
  },
} satisfies Command;
