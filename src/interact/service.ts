import { textReply, type Inline, type Line, type Reply } from '../chat/reply.js';
import type { CommandDeps } from '../commands/deps.js';
import { previewRule } from '../commands/rule-preview.js';
import { BusyError } from '../util/work-queue.js';
import { savedPapers } from '../commands/saved-list.js';
import type { CommandContext, CommandHandler } from '../commands/types.js';
import { createVoting, type VoteOutcome } from '../feedback/votes.js';
import { refuse, reply } from '../commands/replies.js';
import { titleLink } from '../commands/paper-lines.js';
import type { Channel, Rule } from '../store/types.js';
import { complete } from './complete.js';
import { ACTION_LABELS, type HomeModel, type Interactions } from './types.js';

/** The Home tab shows this many of the newest saved papers. */
export const HOME_SAVED = 20;

export interface InteractionDeps extends Pick<CommandDeps, 'stores' | 'engine' | 'clock' | 'logger' | 'recent' | 'work'> {
  commands: CommandHandler;
}

const NOT_OURS = textReply('That button is not on one of my paper posts in this channel, so nothing was done.', { ok: false });

/**
 * Buttons, autocomplete, forms and Home for every adapter. Buttons that say
 * the same as a command (Why?, Cite, Save) run that command, so both answer
 * alike; Relevant / Not for us are the channel's feedback, as 👍 / 👎 are.
 */
export function createInteractions(deps: InteractionDeps): Interactions {
  const { stores } = deps;
  const vote = createVoting(stores.feedback);

  return {
    async press(ctx, press) {
      // The platform hands back whatever the button carried: the post must be ours, in this channel, about this paper.
      const post = await stores.threads.paperFor(ctx.channel, press.messageId);
      const channel = await stores.channels.find(ctx.channel);
      if (!post || !channel || post.channelId !== channel.id || post.paperId !== press.paperId) {
        deps.logger?.warn({ channel: ctx.channel, press }, 'a button press named a post or paper that is not ours here');
        return NOT_OURS;
      }
      const asCommand: CommandContext = { ...ctx, threadId: null };
      if (press.action === 'why' || press.action === 'cite' || press.action === 'save') {
        return deps.commands.handle(asCommand, `${press.action} ${post.paperId}`);
      }
      const outcome = await vote({ channelId: channel.id, paperId: post.paperId, userId: ctx.userId, vote: press.action, at: deps.clock.now().toISOString() });
      const paper = await stores.papers.get(post.paperId);
      const title = paper ? titleLink(paper) : post.paperId;
      return reply([voteLine(outcome, ACTION_LABELS[press.action], title)]);
    },

    complete: (ctx, field, typed) => complete(deps, ctx, field, typed),

    // The form's live preview reads the same week from memory and waits its turn like /papers preview.
    async previewRule(text) {
      const run = () => previewRule(text, deps, 'a rule, e.g. pruning -survey');
      if (!deps.work) return run();
      try {
        return await deps.work.run(run);
      } catch (err) {
        if (err instanceof BusyError)
          return { ok: false, lines: [['Paperboy is busy with other searches right now; the preview will come back in a moment.']] };
        throw err;
      }
    },

    async home(workspace, userId): Promise<HomeModel> {
      const saved = await savedPapers(deps, workspace, userId, HOME_SAVED);
      const byChannel = new Map<number, { channel: Channel; rules: Rule[] }>();
      for (const { channel, rule } of await stores.rules.addedBy(workspace, userId)) {
        const entry = byChannel.get(channel.id) ?? { channel, rules: [] };
        entry.rules.push(rule);
        byChannel.set(channel.id, entry);
      }
      return { saved, channels: [...byChannel.values()] };
    },

    async removeOwnRule(ctx, ruleId): Promise<Reply> {
      const channel = await stores.channels.find(ctx.channel);
      const rule = channel ? (await stores.rules.list(channel.id)).find((r) => r.id === ruleId) : undefined;
      // The Home tab lists only the person's own rules; a forged value naming someone else's is refused.
      if (!rule || rule.addedBy !== ctx.userId) return refuse([['That rule is not one you added in that channel; nothing was removed.']]);
      return deps.commands.handle(ctx, `unsubscribe ${rule.id}`);
    },
  };
}

function voteLine(outcome: VoteOutcome, label: string, title: Inline): Line {
  if (outcome === 'withdrawn') return ['Took back your ', { bold: label }, ' on ', title, '.'];
  const verb = outcome === 'switched' ? 'Changed your vote to ' : 'Marked ';
  return [verb, { bold: label }, ' for this channel: ', title, '. It shapes what comes first here; press it again to take it back.'];
}
