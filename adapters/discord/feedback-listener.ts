import { GatewayDispatchEvents, type Client } from 'discord.js';
import type { Logger } from 'pino';
import type { FeedbackInput, FeedbackSink } from '../../src/chat/adapter.js';
import { clearedReactions, deletedMessages, reactionInput, replyInput, type DispatchDeps } from './feedback-gateway.js';
import { LiveFeedback } from './feedback-memory.js';
import type { ThreadParents } from './thread-parents.js';

export interface FeedbackListenerDeps extends DispatchDeps {
  sink: FeedbackSink;
  logger: Logger;
  parents: Pick<ThreadParents, 'parentOf'>;
  memory?: LiveFeedback;
}

/**
 * Report reactions added and removed and human messages in threads to the
 * sink; the sink decides which are about a paper post. The channel reported
 * is the one the paper was posted to: a thread's parent (a reply, or a
 * reaction on a forum post's starter message, which lives in the post's
 * thread). Events that name no user (reactions cleared by a moderator, a
 * deleted reply) undo what this process reported before them.
 *
 * Events are handled one after another in arrival order, so a removal never
 * overtakes the reaction it removes while that waits on a channel lookup.
 */
export function listenForFeedback(client: Client, deps: FeedbackListenerDeps): void {
  const memory = deps.memory ?? new LiveFeedback();
  let queue: Promise<void> = Promise.resolve();

  const report = (work: () => Promise<FeedbackInput[]>) => {
    queue = queue
      .then(async () => {
        for (const input of await work()) {
          memory.remember(input);
          await deps.sink.record(input);
        }
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'could not record discord feedback'));
  };
  const underParent = (input: FeedbackInput, parent: string | null): FeedbackInput =>
    parent ? { ...input, channel: { ...input.channel, channelId: parent } } : input;
  const undone = (inputs: FeedbackInput[]): FeedbackInput[] => inputs.map((i) => ({ ...i, removed: true, at: deps.clock.now().toISOString() }));

  const onReaction = (removed: boolean) => (data: unknown) =>
    report(async () => {
      const input = reactionInput(data, removed, deps);
      return input ? [underParent(input, await deps.parents.parentOf(input.channel.channelId))] : [];
    });
  const onCleared = (data: unknown) =>
    report(async () => {
      const c = clearedReactions(data);
      return c ? undone(memory.takeReactions(c.messageId, c.emoji)) : [];
    });
  const onDeleted = (data: unknown) => report(async () => undone(deletedMessages(data).flatMap((id) => memory.takeReply(id) ?? [])));

  client.ws.on(GatewayDispatchEvents.MessageReactionAdd, onReaction(false));
  client.ws.on(GatewayDispatchEvents.MessageReactionRemove, onReaction(true));
  client.ws.on(GatewayDispatchEvents.MessageReactionRemoveAll, onCleared);
  client.ws.on(GatewayDispatchEvents.MessageReactionRemoveEmoji, onCleared);
  client.ws.on(GatewayDispatchEvents.MessageDelete, onDeleted);
  client.ws.on(GatewayDispatchEvents.MessageDeleteBulk, onDeleted);
  client.ws.on(GatewayDispatchEvents.MessageCreate, (data: unknown) =>
    report(async () => {
      const found = replyInput(data, deps);
      if (!found) return [];
      const parent = await deps.parents.parentOf(found.input.channel.channelId);
      // Not a thread: ordinary channel chatter, not about a paper.
      if (parent === null && !found.inThread) return [];
      return [underParent(found.input, parent)];
    }),
  );
}
