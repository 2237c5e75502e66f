import { lineText } from '../../src/chat/reply.js';
import type { RulePreview } from '../../src/commands/rule-preview.js';
import { PREVIEW_DAYS } from '../../src/commands/limits.js';
import type { HomeModel } from '../../src/interact/types.js';
import { paperLinks } from '../../src/papers/paper.js';
import { plural } from '../../src/util/plural.js';
import { ACTION, RULE_BLOCK, SUBSCRIBE_CALLBACK } from './actions.js';
import { LIMITS, button, context, plain, section, type SlackBlock } from './blocks.js';
import { escapeMrkdwn, fitEscaped, mrkdwnLink } from './escape.js';

/** Where a subscribe form was opened: the channel it subscribes. Slack keeps it with the view. */
export interface ModalChannel {
  teamId: string;
  channelId: string;
}

export interface ModalView {
  type: 'modal';
  callback_id: string;
  title: { type: 'plain_text'; text: string };
  submit: { type: 'plain_text'; text: string };
  close: { type: 'plain_text'; text: string };
  private_metadata: string;
  blocks: SlackBlock[];
}

export interface HomeView {
  type: 'home';
  blocks: SlackBlock[];
}

const PREVIEW_TITLES = 3;
const PREVIEW_BLOCK = 'preview';

/** The live preview under the rule: matches in the last 7 days and the top three, or the parse error. */
export function previewText(preview: RulePreview | null): string {
  if (!preview) return `As you type, this shows what the rule would have matched in the last ${PREVIEW_DAYS} days.`;
  if (!preview.ok) return preview.lines.map((l) => escapeMrkdwn(lineText(l))).join('\n');
  if (!preview.seen) return `No papers from the last ${PREVIEW_DAYS} days are stored yet, so there is nothing to preview against.`;
  const head = `*${plural(preview.matched, 'paper')}* of the ${preview.seen} seen in the last ${PREVIEW_DAYS} days would have matched${preview.matched ? ':' : '.'}`;
  const top = preview.ranked.slice(0, PREVIEW_TITLES).map((m) => `• ${fitEscaped(m.paper.title, 300)} (${escapeMrkdwn(m.paper.id)})`);
  return [head, ...top].join('\n');
}

/**
 * The subscribe form: one rule input that reports every keystroke
 * (dispatch_action), and a preview block updated with views.update.
 */
export function subscribeModal(where: ModalChannel, preview: RulePreview | null = null): ModalView {
  return {
    type: 'modal',
    callback_id: SUBSCRIBE_CALLBACK,
    title: plain('Subscribe this channel'),
    submit: plain('Subscribe'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ t: where.teamId, c: where.channelId }),
    blocks: [
      {
        type: 'input',
        block_id: RULE_BLOCK,
        dispatch_action: true,
        label: plain('Rule'),
        element: {
          type: 'plain_text_input',
          action_id: ACTION.ruleInput,
          max_length: 200,
          placeholder: plain('e.g. pruning -survey, or "graph neural network"'),
          dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
        },
        hint: plain('Words, "phrases", AND / OR / -not, title:, author:, category:. /papers help rules has it all.'),
      },
      { type: 'section', block_id: PREVIEW_BLOCK, text: { type: 'mrkdwn', text: fitEscapedMrkdwn(previewText(preview)) } },
    ],
  };
}

function fitEscapedMrkdwn(text: string): string {
  return text.length <= LIMITS.sectionText ? text : `${text.slice(0, LIMITS.sectionText - 1)}…`;
}

/** Rule and saved-paper rows on Home stop where Slack's 100 blocks would. */
const HOME_BUDGET = LIMITS.viewBlocks - 8;

/**
 * The Home tab: the person's reading list (newest 20, each with its links and
 * a Cite button) and, per channel, the rules they added, each with a Remove
 * button when they may manage that channel.
 */
export function homeView(model: HomeModel, canManage: boolean): HomeView {
  const blocks: SlackBlock[] = [{ type: 'header', text: plain('Your reading list') }];
  let budget = HOME_BUDGET;
  if (!model.saved.length) blocks.push(section('Nothing saved yet. Press *Save* on a paper post, or use `/papers save <paper id>`.'));
  for (const { paper, savedAt } of model.saved) {
    if (budget-- <= 0) break;
    const l = paperLinks(paper);
    const links = [mrkdwnLink(l.abs, 'arXiv'), mrkdwnLink(l.pdf, 'PDF'), ...(l.hf ? [mrkdwnLink(l.hf, 'Hugging Face')] : [])].join(' · ');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${fitEscaped(paper.title, 500)}* (${escapeMrkdwn(paper.id)}, saved ${savedAt.slice(0, 10)})\n${links}` },
      accessory: button(ACTION.homeCite, 'Cite', paper.id),
    });
  }
  blocks.push(context('`/papers saved bibtex` sends the whole list as a .bib file; `/papers unsave <id>` takes one off.'));
  blocks.push({ type: 'divider' }, { type: 'header', text: plain('Your rules') });
  if (!model.channels.length) blocks.push(section('You have not added rules anywhere yet. In a channel: `/papers subscribe <rule>`.'));
  for (const { channel, rules } of model.channels) {
    if (budget-- <= 0) break;
    blocks.push(section(`<#${escapeMrkdwn(channel.channelId)}>${channel.paused ? ' (paused)' : ''}`));
    for (const rule of rules) {
      if (budget-- <= 0) break;
      const text = `\`${escapeMrkdwn(rule.text.replace(/`/g, "'"))}\` (id ${rule.id})`;
      blocks.push(
        canManage
          ? {
              type: 'section',
              text: { type: 'mrkdwn', text },
              accessory: button(ACTION.homeRemove, 'Remove', JSON.stringify({ c: channel.channelId, r: rule.id }), 'danger'),
            }
          : section(text),
      );
    }
  }
  if (budget <= 0) blocks.push(context('More than fits here: `/papers saved` and `/papers list` in a channel show everything.'));
  return { type: 'home', blocks };
}
