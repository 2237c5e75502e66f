import { headerText, moreLine } from '../../src/chat/format.js';
import type { NoticeImage, OutboundMessage } from '../../src/chat/port.js';
import { safeHttpUrl } from '../../src/util/safe-url.js';
import { lineText, type Line } from '../../src/chat/reply.js';
import { LIMITS, section, type RenderedMessage, type SlackBlock } from './blocks.js';
import { cutAtWord, cutRendered, fitEscaped } from './escape.js';
import { lineMrkdwn } from './inline.js';
import { paperActions, paperBlocks, paperFallback } from './render-paper.js';

/** One digest message (header, paper, "more" line, notice) as a Slack post. */
export function renderMessage(message: OutboundMessage): RenderedMessage {
  switch (message.kind) {
    case 'header': {
      const text = headerText(message);
      // plain_text is never parsed for mentions, so the rules show exactly as typed.
      return {
        text: fitEscaped(text, LIMITS.fallbackText),
        blocks: [{ type: 'header', text: { type: 'plain_text', text: cutAtWord(text, LIMITS.headerText) } }],
      };
    }
    case 'paper':
      return { text: paperFallback(message.paper), blocks: [...paperBlocks(message.paper), paperActions(message.paper)] };
    case 'more': {
      const text = lineMrkdwn(moreLine(message.remaining));
      return { text, blocks: [section(text)] };
    }
    case 'notice':
      return linesMessage(message.lines, message.image);
  }
}

/** Lines of neutral rich text as sections, split so none passes Slack's section limit. */
export function linesBlocks(lines: readonly Line[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = '';
  for (const line of lines) {
    const text = cutRendered(lineMrkdwn(line), LIMITS.sectionText);
    if (current && current.length + 1 + text.length > LIMITS.sectionText) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${text}` : text;
  }
  if (current.trim()) blocks.push(section(current));
  return blocks;
}

function linesMessage(lines: readonly Line[], image?: NoticeImage): RenderedMessage {
  const url = image ? safeHttpUrl(image.url) : null;
  const blocks = linesBlocks(lines).slice(0, LIMITS.blocks - (url ? 1 : 0));
  // alt_text is plain text, never parsed: the title as it is, for screen readers.
  if (image && url) blocks.push({ type: 'image', image_url: url, alt_text: cutAtWord(image.alt || 'figure', LIMITS.altText) });
  const plain = lines.map(lineText).join('\n');
  return { text: fitEscaped(plain, LIMITS.fallbackText) || ' ', blocks };
}
