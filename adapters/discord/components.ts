import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import type { PaperView } from '../../src/chat/reply.js';
import { ACTION_LABELS, PAPER_ACTIONS, isPaperAction, type PaperAction } from '../../src/interact/types.js';

/** Discord's component limits (custom_id and label lengths, rows, buttons per row). */
export const COMPONENT_LIMITS = { rows: 5, buttonsPerRow: 5, customId: 100, label: 80 } as const;

/*
 * A paper button's custom_id is "pb:<action>:<paper id>". The paper id comes
 * back with every press and is checked by the core against the message the
 * press came from; it is never trusted on its own.
 */
const PREFIX = 'pb:';

const STYLE: Record<PaperAction, APIButtonComponentWithCustomId['style']> = {
  relevant: ButtonStyle.Success,
  'not-for-us': ButtonStyle.Danger,
  why: ButtonStyle.Secondary,
  cite: ButtonStyle.Secondary,
  save: ButtonStyle.Primary,
};

export function paperCustomId(action: PaperAction, paperId: string): string {
  return `${PREFIX}${action}:${paperId}`.slice(0, COMPONENT_LIMITS.customId);
}

export function parsePaperCustomId(customId: string): { action: PaperAction; paperId: string } | null {
  if (!customId.startsWith(PREFIX)) return null;
  const rest = customId.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const action = rest.slice(0, colon);
  if (colon < 0 || !isPaperAction(action)) return null;
  return { action, paperId: rest.slice(colon + 1) };
}

/** One row of five buttons under a paper's embed. */
export function paperButtons(p: PaperView): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: PAPER_ACTIONS.map((a) => ({ type: ComponentType.Button, style: STYLE[a], label: ACTION_LABELS[a], custom_id: paperCustomId(a, p.id) })),
    },
  ];
}

/** The subscribe form (`/papers subscribe` with no rule): one text input. */
export const SUBSCRIBE_MODAL_ID = 'pb-subscribe';
export const RULE_INPUT_ID = 'rule';
