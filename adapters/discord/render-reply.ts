import { MessageFlags, type APIEmbed } from 'discord.js';
import type { Reply, ReplyBlock } from '../../src/chat/reply.js';
import { embedLength, LIMITS } from './limits.js';
import { NO_MENTIONS, type MessageBody } from './render-message.js';
import { paperEmbed } from './render-paper.js';
import { codeBlock, fit, renderLine } from './text.js';

export interface ReplyBody extends MessageBody {
  flags?: number;
}

function blockText(b: Exclude<ReplyBlock, { kind: 'paper' }>): string {
  if (b.kind === 'code') return codeBlock(b.text);
  return b.kind === 'text' ? b.lines.map(renderLine).join('\n') : b.items.map((i) => `• ${renderLine(i)}`).join('\n');
}

/**
 * A command's reply as one interaction message: text blocks become the
 * content, papers become embeds (at most 10 and 6000 characters in all; the
 * rest are counted in a closing line).
 */
export function renderReply(reply: Reply): ReplyBody {
  const texts: string[] = [];
  const embeds: APIEmbed[] = [];
  let total = 0;
  let left = 0;
  for (const b of reply.blocks) {
    if (b.kind !== 'paper') {
      texts.push(blockText(b));
      continue;
    }
    const e = paperEmbed(b.paper);
    const n = embedLength(e);
    if (embeds.length < LIMITS.embedsPerMessage && total + n <= LIMITS.embedTotal) {
      embeds.push(e);
      total += n;
    } else left += 1;
  }
  if (left > 0) texts.push(`…and ${left} more not shown.`);
  const content = fit(texts.join('\n\n').trim(), LIMITS.content);
  return {
    ...(content ? { content } : {}),
    ...(embeds.length ? { embeds } : {}),
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowed_mentions: NO_MENTIONS,
  };
}
