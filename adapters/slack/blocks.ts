/** The few Block Kit shapes Paperboy posts, and Slack's limits on them. */

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  /** Top-level `text` may be longer, but a notification only shows the start. */
  fallbackText: 3000,
} as const;

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: TextObject }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' };

/** What a post or a command reply is made of: blocks plus the notification text. */
export interface RenderedMessage {
  text: string;
  blocks: SlackBlock[];
}

export const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

export const context = (...texts: string[]): SlackBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((text) => ({ type: 'mrkdwn', text })),
});
