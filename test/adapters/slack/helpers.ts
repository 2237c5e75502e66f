import type { CoreServices } from '../../../src/chat/adapter.js';
import type { ChannelRef } from '../../../src/chat/port.js';
import { textReply, type PaperView, type Reply } from '../../../src/chat/reply.js';
import type { Clock } from '../../../src/clock.js';
import { systemClock } from '../../../src/clock.js';
import type { CommandContext, CommandHandler } from '../../../src/commands/types.js';
import type { HttpRoutes } from '../../../src/http/routes.js';
import { silentLogger } from '../../../src/log.js';
import type { Stores } from '../../../src/store/types.js';
import { fixtureView } from '../../support/paper-views.js';

export const SECRET = 'test-signing-secret';

export function paperView(over: Partial<PaperView> = {}): PaperView {
  return fixtureView({
    title: 'Fixture pruning of graph networks',
    authors: ['Ada Fixture', 'Bob Placeholder', 'Cy Example'],
    moreAuthors: 4,
    summary: 'A fixture summary about pruning.',
    ...over,
  });
}

export const slackChannel = (channelId: string): ChannelRef => ({ platform: 'slack', workspaceId: 'TFAKE', channelId });

/** A command layer that records what it was asked and answers as told. */
export class RecordingCommands implements CommandHandler {
  readonly calls: { ctx: CommandContext; text: string }[] = [];
  answer: (ctx: CommandContext, text: string) => Promise<Reply> = async (_ctx, text) => textReply(`you said: ${text}`);

  handle(ctx: CommandContext, text: string): Promise<Reply> {
    this.calls.push({ ctx, text });
    return this.answer(ctx, text);
  }
}

/** Stores that fail loudly: these tests exercise the adapter, never the database. */
const unusedStores = new Proxy({} as Stores, {
  get(_t, prop) {
    throw new Error(`stores.${String(prop)} is not used by this test`);
  },
});

export function testCore(commands: CommandHandler, http: HttpRoutes | null, clock: Clock = systemClock): CoreServices {
  return {
    commands,
    stores: unusedStores,
    digest: () => {
      throw new Error('digest is not used by this test');
    },
    clock,
    logger: silentLogger(),
    http,
  };
}
