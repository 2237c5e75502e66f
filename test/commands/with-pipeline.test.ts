import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/chat/port.js';
import { createCommandHandler } from '../../src/commands/handler.js';
import type { CommandContext } from '../../src/commands/types.js';
import { createPhraseEngine } from '../support/phrase-engine.js';
import { makePaper } from '../support/papers.js';
import { pipelineHarness, type PipelineHarness } from '../support/pipeline.js';
import { recentDeps } from '../support/recent.js';
import { items, text } from './harness.js';

/* The commands against the real digest pipeline and SQLite store: what the replies say is what was posted. */

const CHANNEL: ChannelRef = { platform: 'console', workspaceId: 'w1', channelId: 'console' };
let p: PipelineHarness | null = null;
afterEach(async () => {
  await p?.close();
  p = null;
});

describe('/papers digest and more through the pipeline', () => {
  it('posts the capped digest, then the rest with more, then finds nothing new', async () => {
    p = await pipelineHarness({ maxPerDigest: 2, now: '2026-03-10T08:00:00.000Z' });
    const pipeline = p;
    const handler = createCommandHandler({
      stores: pipeline.stores,
      engine: createPhraseEngine(),
      digest: () => pipeline.digest,
      clock: pipeline.clock,
      defaults: { scheduleTime: '08:00', timezone: 'UTC', maxPerDigest: 2 },
      ...recentDeps(pipeline.stores, pipeline.clock),
      rulesHelp: 'rules',
    });
    const run = (t: string, over: Partial<CommandContext> = {}) =>
      handler.handle({ channel: CHANNEL, userId: 'u1', userName: 'U', canManage: true, threadId: null, ...over }, t);

    expect((await run('subscribe pruning')).ok).toBe(true);
    const pruning = [1, 2, 3].map((i) => makePaper({ title: `Pruning method ${i}`, upvotes: 10 - i }));
    await pipeline.stores.papers.upsertMany([...pruning, makePaper({ title: 'Unrelated work' })], '2026-03-10T07:00:00.000Z');

    const first = await run('digest');
    expect(text(first)).toBe('Posted 2 papers.\n1 more paper is waiting: /papers more.');
    expect(pipeline.port.papersSent()).toEqual([pruning[0]?.id, pruning[1]?.id]);

    const more = await run('more');
    expect(text(more)).toBe('Posted 1 more paper.');
    expect(pipeline.port.papersSent()).toEqual(pruning.map((x) => x.id));

    const again = await run('digest');
    expect(text(again)).toContain('No new papers have arrived since the last digest (10 Mar 2026, 08:00 UTC)');
    expect(pipeline.port.papersSent()).toHaveLength(3);

    // The thread the pipeline made for the first paper answers "why".
    const firstPost = pipeline.port.sends.find((s) => s.message.kind === 'paper');
    expect(firstPost).toBeDefined();
    const thread = await pipeline.stores.threads.paperFor(CHANNEL, 't2');
    expect(thread?.paperId).toBe(pruning[0]?.id);
    const why = await run('why', { threadId: 't2' });
    expect(items(why)[0]).toMatch(/^pruning — pruning in the title: “Pruning method 1”/);
  });
});
