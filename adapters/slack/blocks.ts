/** The few Block Kit shapes Paperboy posts, and Slack's limits on them. */

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  /** Top-level `text` may be longer, but a notification only shows the start. */
  fallbackText: 3000,
  /** Modals and the Home tab. */
  viewBlocks: 100,
  modalTitle: 24,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  altText: 2000,
  privateMetadata: 3000,
} as const;

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
}

export interface ImageElement {
  type: 'image';
  image_url: string;
  alt_text: string;
}

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: { type: 'plain_text'; text: string };
  value?: string;
  style?: 'primary' | 'danger';
}

export interface PlainTextInput {
  type: 'plain_text_input';
  action_id: string;
  max_length?: number;
  placeholder?: { type: 'plain_text'; text: string };
  initial_value?: string;
  dispatch_action_config?: { trigger_actions_on: ('on_enter_pressed' | 'on_character_entered')[] };
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: TextObject; block_id?: string; accessory?: ImageElement | ButtonElement }
  | { type: 'context'; elements: (TextObject | ImageElement)[]; block_id?: string }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] }
  | { type: 'image'; image_url: string; alt_text: string; title?: { type: 'plain_text'; text: string } }
  | {
      type: 'input';
      block_id: string;
      label: { type: 'plain_text'; text: string };
      element: PlainTextInput;
      dispatch_action?: boolean;
      hint?: { type: 'plain_text'; text: string };
    }
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

export const plain = (text: string): { type: 'plain_text'; text: string } => ({ type: 'plain_text', text });

export const button = (action_id: string, text: string, value?: string, style?: 'primary' | 'danger'): ButtonElement => ({
  type: 'button',
  action_id,
  text: plain(text),
  ...(value !== undefined ? { value } : {}),
  ...(style ? { style } : {}),
});
