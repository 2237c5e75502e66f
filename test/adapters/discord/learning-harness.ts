import { ChannelType, GatewayDispatchEvents } from 'discord.js';
import { startDiscord, type RunningDiscord } from '../../../adapters/discord/index.js';
import { fixedClock } from '../../../src/clock.js';
import { createCommandHandler } from '../../../src/commands/handler.js';
import type { DigestPipeline } from '../../../src/digest/pipeline.js';
import { createChannelLearning } from '../../../src/feedback/learning.js';
import { createFeedbackRecorder } from '../../../src/feedback/recorder.js';
import { createHttpServer, type HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { createRuleEngine } from '../../../src/rules/rule-engine.js';
import { openSqliteStores } from '../../../src/store/sqlite/index.js';
import type { Stores } from '../../../src/store/types.js';
import type { FakeChannel, FakeDiscord } from '../../support/fake-discord.js';
import { FakeSource } from '../../support/fake-source.js';
import { testDigestService } from '../../support/pipeline.js';
import { recentDeps } from '../../support/recent.js';
import { APP_ID, papersInteraction, signed, testKeys } from './interaction-fixtures.js';

/*
 * The app's learning wiring (as app/core.ts and app/run.ts put it together)
 * on an in-memory database, with Discord as the only chat platform: the real
 * adapter in HTTP-interactions mode (feedback read over REST before each
 * digest) or gateway mode (dispatches reported to the recorder).
 */

export interface LearningDiscord {
  stores: Stores;
  source: FakeSource;
  clock: ReturnType<typeof fixedClock>;
  digest: DigestPipeline;
  running: RunningDiscord;
  channel: FakeChannel;
  /** A `/papers` interaction (default: in the paper channel) as the mode delivers it (signed at the fixture time, or a dispatch); the reply's content. */
  command(sub: string, opts?: { options?: Record<string, string>; channel?: { id: string; type: number; parent_id?: string | null } }): Promise<string>;
  close(): Promise<void>;
}

export async function learningDiscord(fake: FakeDiscord, mode: 'http' | 'gateway', start = '2026-01-01T08:00:00.000Z'): Promise<LearningDiscord> {
  const stores = openSqliteStores(':memory:');
  const source = new FakeSource('hf');
  const clock = fixedClock(start);
  const logger = silentLogger();
  // The bot's user id is its application id (the fake's bot user).
  const bots = [APP_ID];
  const recorder = createFeedbackRecorder({ stores, botUserIds: bots });
  const learning = createChannelLearning({ stores, clock, botUserIds: bots });
  const engine = createRuleEngine();
  let digest: DigestPipeline | null = null;
  const lazyDigest = (): DigestPipeline => {
    if (!digest) throw new Error('digest not ready');
    return digest;
  };
  const commands = createCommandHandler({
    stores,
    engine,
    digest: lazyDigest,
    clock,
    defaults: { scheduleTime: '08:00', timezone: 'UTC', maxPerDigest: 10 },
    ...recentDeps(stores, clock),
    rulesHelp: 'Rules help.',
    learning,
  });
  const keys = testKeys();
  const http: HttpServer | null = mode === 'http' ? createHttpServer(logger) : null;
  const running = await startDiscord(
    { token: fake.token, applicationId: APP_ID, apiUrl: fake.api, ...(mode === 'http' ? { publicKey: keys.publicHex } : { skipLogin: true }) },
    { commands, stores, digest: lazyDigest, clock, logger, http, feedback: recorder },
  );
  digest = testDigestService({
    stores,
    engine,
    sources: [source],
    ports: new Map([['discord', running.port]]),
    clock,
    logger,
    learning: { learning, recorder },
  });
  const url = http ? `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/discord/interactions` : '';
  const channel = fake.addChannel({ type: ChannelType.GuildText, name: 'papers' });

  async function command(
    sub: string,
    opts: { options?: Record<string, string>; channel?: { id: string; type: number; parent_id?: string | null } } = {},
  ): Promise<string> {
    const payload = papersInteraction(sub, { options: opts.options ?? {}, channel: opts.channel ?? { id: channel.id, type: ChannelType.GuildText } });
    const body = JSON.stringify(payload);
    if (!http) {
      // Gateway mode: the answer goes to the interaction callback endpoint.
      running.client?.ws.emit(GatewayDispatchEvents.InteractionCreate, payload, 0);
      const path = `/interactions/${String(payload.id)}/${String(payload.token)}/callback`;
      for (let i = 0; i < 500; i += 1) {
        const cb = fake.callsTo('POST', path)[0];
        if (cb) return String((cb.body?.data as { content?: string } | undefined)?.content ?? '');
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('no interaction callback');
    }
    const res = await fetch(url, { method: 'POST', body, headers: signed(keys.privateKey, body, String(Math.floor(clock.now().getTime() / 1000))) });
    const json = (await res.json()) as { type: number; data?: { content?: string } };
    if (json.type !== 4) throw new Error(`unexpected response type ${json.type}`);
    return json.data?.content ?? '';
  }

  return {
    stores,
    source,
    clock,
    get digest() {
      return lazyDigest();
    },
    running,
    channel,
    command,
    async close() {
      await running.stop();
      await http?.close();
      await stores.close();
    },
  };
}
