import type { App, Context } from '@slack/bolt';
import type { Logger } from 'pino';
import type { FeedbackInput, FeedbackSink } from '../../src/chat/adapter.js';
import { messageFeedback, reactionFeedback, type BotIdentity } from './feedback-events.js';
import { recentIds } from './recent-ids.js';

export interface FeedbackListenerDeps {
  sink: FeedbackSink;
  logger: Logger;
}

/** Bolt puts what auth.test said (or what the app was given) in every listener's context. */
const botOf = (context: Context): BotIdentity => ({ botUserId: context.botUserId, botId: context.botId });

function teamOf(body: { team_id?: string }, event: object): string {
  const team = 'team' in event ? event.team : undefined;
  return body.team_id ?? (typeof team === 'string' ? team : '');
}

/**
 * Reactions on messages and human replies in threads go to the core's
 * feedback sink, from the Events API and Socket Mode alike (Bolt hands both
 * to the same listeners). Nothing here reads history: the events are all
 * there is. The sink decides whether a message is a paper post.
 */
export function registerFeedbackListeners(app: App, deps: FeedbackListenerDeps): void {
  const log = deps.logger.child({ platform: 'slack', component: 'feedback' });
  const seen = recentIds(2000);

  async function report(eventId: string | undefined, input: FeedbackInput | null): Promise<void> {
    if (!input || seen(eventId)) return;
    try {
      const result = await deps.sink.record(input);
      log.debug({ eventKey: input.eventKey, kind: input.kind, removed: input.removed, result }, 'feedback reported');
    } catch (err) {
      // The event was already acknowledged (Slack will not resend it): say what was lost.
      log.warn({ err, eventKey: input.eventKey }, 'could not record feedback');
    }
  }

  for (const type of ['reaction_added', 'reaction_removed'] as const) {
    app.event(type, async ({ event, body, context }) => {
      await report(body.event_id, reactionFeedback(event, teamOf(body, event), botOf(context)));
    });
  }

  app.event('message', async ({ event, body, context }) => {
    await report(body.event_id, messageFeedback(event, teamOf(body, event), botOf(context)));
  });
}
