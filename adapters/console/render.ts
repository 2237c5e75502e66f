import { headerText, moreText } from '../../src/chat/format.js';
import type { OutboundMessage } from '../../src/chat/port.js';
import { lineText, paperPlainText } from '../../src/chat/reply.js';
import { safeHttpUrl } from '../../src/util/safe-url.js';

const RULE = '─'.repeat(60);

/** The terminal's rendering of a digest message: plain text, one paper per block. */
export function renderConsoleMessage(message: OutboundMessage): string {
  switch (message.kind) {
    case 'header':
      return `\n${RULE}\n📰 ${headerText(message)}\n${RULE}`;
    case 'paper':
      // Only http(s) links, like every platform: a terminal shows control characters too.
      return `\n${paperPlainText(message.paper)}\n  links: ${message.paper.links
        .flatMap((l) => {
          const url = safeHttpUrl(l.url);
          return url ? [`${l.label} ${url}`] : [];
        })
        .join(' · ')}`;
    case 'more':
      return `\n… ${moreText(message.remaining)}`;
    case 'notice': {
      const url = message.image ? safeHttpUrl(message.image.url) : null;
      return message.lines.map(lineText).join('\n') + (url ? `\n  figure: ${url}` : '');
    }
  }
}
