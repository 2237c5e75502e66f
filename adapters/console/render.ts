import { headerText, moreText } from '../../src/chat/format.js';
import type { OutboundMessage } from '../../src/chat/port.js';
import { lineText, paperPlainText } from '../../src/chat/reply.js';

const RULE = '─'.repeat(60);

/** The terminal's rendering of a digest message: plain text, one paper per block. */
export function renderConsoleMessage(message: OutboundMessage): string {
  switch (message.kind) {
    case 'header':
      return `\n${RULE}\n📰 ${headerText(message)}\n${RULE}`;
    case 'paper':
      return `\n${paperPlainText(message.paper)}\n  links: ${message.paper.links.map((l) => `${l.label} ${l.url}`).join(' · ')}`;
    case 'more':
      return `\n… ${moreText(message.remaining)}`;
    case 'notice':
      return message.lines.map(lineText).join('\n');
  }
}
