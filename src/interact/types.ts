import type { Reply } from '../chat/reply.js';
import type { CommandContext } from '../commands/types.js';
import type { RulePreview } from '../commands/rule-preview.js';
import type { StoredPaper } from '../papers/paper.js';
import type { Channel, Rule, Workspace } from '../store/types.js';

/** The buttons on every paper post, in the order they show. */
export const PAPER_ACTIONS = ['relevant', 'not-for-us', 'why', 'cite', 'save'] as const;
export type PaperAction = (typeof PAPER_ACTIONS)[number];

export const ACTION_LABELS: Record<PaperAction, string> = {
  relevant: 'Relevant',
  'not-for-us': 'Not for us',
  why: 'Why?',
  cite: 'Cite',
  save: 'Save',
};

export function isPaperAction(s: string): s is PaperAction {
  return (PAPER_ACTIONS as readonly string[]).includes(s);
}

/** A button pressed on a post. `paperId` came back from the platform and is checked, never trusted. */
export interface PaperPress {
  action: PaperAction;
  paperId: string;
  /** The post the button is on (Slack ts, Discord message id). */
  messageId: string;
}

/** One autocomplete suggestion: `name` is shown, `value` is what the command gets. */
export interface Choice {
  name: string;
  value: string;
}

/** Options whose values are suggested as the person types. */
export type CompletionField = 'rule' | 'timezone' | 'paper';

/** What a person's Home shows: their reading list and the rules they added, by channel. */
export interface HomeModel {
  saved: { paper: StoredPaper; savedAt: string }[];
  channels: { channel: Channel; rules: Rule[] }[];
}

/** The platform-neutral side of buttons, autocomplete, forms and the Home tab. */
export interface Interactions {
  /** A button on a paper post; the answer is for the presser only. */
  press(ctx: CommandContext, press: PaperPress): Promise<Reply>;
  /** At most MAX_CHOICES suggestions for what is typed so far. */
  complete(ctx: CommandContext, field: CompletionField, typed: string): Promise<Choice[]>;
  /** The live preview of a rule typed into a subscribe form. */
  previewRule(text: string): Promise<RulePreview>;
  home(workspace: Workspace, userId: string): Promise<HomeModel>;
  /** A Home tab's remove button: only a rule this person added, in that channel, and only for a manager. */
  removeOwnRule(ctx: CommandContext, ruleId: number): Promise<Reply>;
}

/** Discord's limit on autocomplete choices; the Slack side shows fewer anyway. */
export const MAX_CHOICES = 25;
/** Discord's limit on a choice's name and value. */
export const CHOICE_CHARS = 100;
