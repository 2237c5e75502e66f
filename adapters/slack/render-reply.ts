import { replyPlainText, type Reply } from '../../src/chat/reply.js';
import { LIMITS, context, section, type RenderedMessage, type SlackBlock } from './blocks.js';
import { codeBlock, fitEscaped } from './escape.js';
import { inlineMrkdwn } from './inline.js';
import { linesBlocks } from './render-message.js';
import { paperBlocks } from './render-paper.js';

/** A command's neutral Reply as Block Kit, kept within the 50-block limit. */
export function renderReply(reply: Pick<Reply, 'blocks'>): RenderedMessage {
  const blocks: SlackBlock[] = [];
  for (const b of reply.blocks) {
    if (b.kind === 'text') blocks.push(...linesBlocks(b.lines));
    else if (b.kind === 'list') blocks.push(...linesBlocks(b.items.map((item) => ['• ', ...item])));
    else if (b.kind === 'code') blocks.push(section(codeBlock(b.text)));
    else blocks.push(...paperBlocks(b.paper));
  }
  const fits =
    blocks.length <= LIMITS.blocks ? blocks : [...blocks.slice(0, LIMITS.blocks - 1), context(inlineMrkdwn('… (more than Slack shows in one reply)'))];
  return { text: fitEscaped(replyPlainText(reply), LIMITS.fallbackText) || ' ', blocks: fits };
}
