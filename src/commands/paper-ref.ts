import type { Line } from '../chat/reply.js';
import { splitArxivId, type StoredPaper } from '../papers/paper.js';
import type { CommandArgs } from './command.js';
import type { CommandDeps } from './deps.js';
import type { CommandContext } from './types.js';

export type PaperLookup = { ok: true; paper: StoredPaper } | { ok: false; lines: Line[] };

const URL_ID = /(?:abs|pdf|papers)\/([^?#\s]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

/** "2412.01234", "2412.01234v2", "arXiv:2412.01234" or an arXiv / Hugging Face URL → "2412.01234". */
export function paperIdFrom(text: string): string {
  const t = text.trim().replace(/^arxiv:/i, '');
  const fromUrl = t.includes('://') ? URL_ID.exec(t)?.[1] : undefined;
  return splitArxivId(fromUrl ?? t).id;
}

/**
 * The paper a thread subcommand is about: the id given after it, or else the
 * paper of the thread the command was typed in.
 */
export async function paperForCommand(name: string, ctx: CommandContext, args: CommandArgs, deps: CommandDeps): Promise<PaperLookup> {
  const given = args.words[0];
  let id: string;
  if (given) {
    id = paperIdFrom(given);
  } else if (ctx.threadId) {
    const thread = await deps.stores.threads.paperFor(ctx.channel, ctx.threadId);
    if (!thread) return { ok: false, lines: [['This thread is not one of my paper threads. Give a paper id: ', { code: `/papers ${name} 2412.01234` }]] };
    id = thread.paperId;
  } else {
    return { ok: false, lines: [['Use this inside a paper’s thread, or give a paper id: ', { code: `/papers ${name} 2412.01234` }]] };
  }
  const paper = id ? await deps.stores.papers.get(id) : null;
  if (!paper) return { ok: false, lines: [['I have no paper ', { code: id || given || '' }, ' stored; only papers fetched for digests can be looked up.']] };
  return { ok: true, paper };
}
