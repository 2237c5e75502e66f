import { oneLine } from '../../src/util/text.js';
import type { APIActionRowComponent, APIAllowedMentions, APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';
import { headerText, moreText } from '../../src/chat/format.js';
import type { OutboundMessage } from '../../src/chat/port.js';
import { lineText } from '../../src/chat/reply.js';
import { safeHttpUrl } from '../../src/util/safe-url.js';
import { LIMITS } from './limits.js';
import { paperButtons } from './components.js';
import { paperEmbed } from './render-paper.js';
import { escapeMarkdown, fit, renderLine } from './text.js';

/** Nobody is ever pinged by a post, whatever a paper's title says. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: APIAllowedMentions;
}

/** A digest message as Discord message JSON (without nonce: the port adds it). */
export function renderMessage(m: OutboundMessage): MessageBody {
  switch (m.kind) {
    case 'header':
      return { content: fit(`**${escapeMarkdown(headerText(m))}**`, LIMITS.content), allowed_mentions: NO_MENTIONS };
    case 'paper':
      return { embeds: [paperEmbed(m.paper)], components: paperButtons(m.paper), allowed_mentions: NO_MENTIONS };
    case 'more':
      return { content: escapeMarkdown(moreText(m.remaining)), allowed_mentions: NO_MENTIONS };
    case 'notice': {
      const content = fit(m.lines.map(renderLine).join('\n'), LIMITS.content);
      const url = m.image ? safeHttpUrl(m.image.url) : null;
      // The recap's figure shows large under the text, as on a paper post.
      return { content, ...(url ? { embeds: [{ image: { url } }] } : {}), allowed_mentions: NO_MENTIONS };
    }
  }
}

/** A forum post needs a name: the paper's title, or the message's first words. */
export function postName(m: OutboundMessage): string {
  const raw =
    m.kind === 'paper'
      ? m.paper.title || m.paper.id
      : m.kind === 'more'
        ? moreText(m.remaining)
        : m.kind === 'header'
          ? headerText(m)
          : m.lines.map(lineText).join(' ');
  return fit(oneLine(raw) || 'Paperboy', LIMITS.threadName);
}
