import { isPaperAction, type PaperAction } from '../../src/interact/types.js';

/*
 * The action ids of everything Paperboy puts a button or input on. The paper
 * a post's button is about travels as the button's `value`; the core checks
 * it against the post the press came from.
 */

const PAPER_PREFIX = 'paperboy:paper:';

export const ACTION = {
  ruleInput: 'paperboy:rule',
  homeCite: 'paperboy:home:cite',
  homeRemove: 'paperboy:home:remove',
} as const;

export const SUBSCRIBE_CALLBACK = 'paperboy:subscribe';
/** The modal's input block: view_submission errors are keyed by it. */
export const RULE_BLOCK = 'rule';
export const PAPER_ACTIONS_BLOCK = 'paperboy:paper';

export const paperActionId = (action: PaperAction): string => `${PAPER_PREFIX}${action}`;

export const PAPER_ACTION_PATTERN = /^paperboy:paper:/;

export function paperActionOf(actionId: string): PaperAction | null {
  if (!actionId.startsWith(PAPER_PREFIX)) return null;
  const action = actionId.slice(PAPER_PREFIX.length);
  return isPaperAction(action) ? action : null;
}
