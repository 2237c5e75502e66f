import type { Line } from '../chat/reply.js';
import { bibtexFile } from '../cite/bibtex.js';
import type { Command } from './command.js';
import { paperLine } from './paper-lines.js';
import { day, plural, refuse, reply, withList } from './replies.js';
import { savedPapers, workspaceOf } from './saved-list.js';

/** More than this and the list points at the .bib file, which has them all. */
const SHOWN = 50;
export const SAVED_BIB_NAME = 'paperboy-saved.bib';

export default {
  name: 'saved',
  summary: 'your reading list here, newest first; saved bibtex sends it as a .bib file',
  usage: '/papers saved [bibtex]',
  manage: false,
  async run(ctx, args, deps) {
    const mode = (args.words[0] ?? '').toLowerCase();
    if (mode && mode !== 'bibtex') return refuse([['Use ', { code: '/papers saved' }, ' or ', { code: '/papers saved bibtex' }, '.']]);
    const all = await savedPapers(deps, workspaceOf(ctx), ctx.userId);
    if (!all.length) {
      return reply([['Your reading list is empty. Press ', { bold: 'Save' }, ' on a paper, or use ', { code: '/papers save <paper id>' }, '.']]);
    }
    if (mode === 'bibtex') {
      return {
        ...reply([[`Your ${plural(all.length, 'saved paper')} in BibTeX: ${SAVED_BIB_NAME}.`]]),
        attachment: { filename: SAVED_BIB_NAME, content: bibtexFile(all.map((s) => s.paper)) },
      };
    }
    const items: Line[] = all.slice(0, SHOWN).map((s) => [...paperLine(s.paper), ` — saved ${day(s.savedAt)}`]);
    const tail: Line[] = [['Remove one with ', { code: '/papers unsave <paper id>' }, '; ', { code: '/papers saved bibtex' }, ' sends them all as BibTeX.']];
    if (all.length > SHOWN) tail.unshift([`…and ${all.length - SHOWN} more.`]);
    return withList([[`Your reading list (${plural(all.length, 'paper')}, newest first):`]], items, tail);
  },
} satisfies Command;
