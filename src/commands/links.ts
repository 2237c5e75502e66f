import type { Line } from '../chat/reply.js';
import { paperLinks } from '../papers/paper.js';
import type { Command } from './command.js';
import { titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, withList } from './replies.js';

export default {
  name: 'links',
  summary: 'arXiv, PDF, Hugging Face and code links of this thread’s paper',
  usage: '/papers links [paper id]',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('links', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const p = found.paper;
    const l = paperLinks(p);
    const items: Line[] = [
      ['arXiv: ', { link: { url: l.abs, text: l.abs } }],
      ['PDF: ', { link: { url: l.pdf, text: l.pdf } }],
    ];
    if (l.hf) items.push(['Hugging Face: ', { link: { url: l.hf, text: l.hf } }]);
    if (l.code) items.push(['Code: ', { link: { url: l.code, text: l.code } }]);
    if (l.project) items.push(['Project: ', { link: { url: l.project, text: l.project } }]);
    return withList([[titleLink(p), ` (${p.id})`]], items);
  },
} satisfies Command;
