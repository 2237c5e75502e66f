import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboundMessage } from '../../src/chat/port.js';
import type { PaperView } from '../../src/chat/reply.js';
import type { DigestPlan, PlannedDelivery, Stores } from '../../src/store/types.js';
import type { EngineSuite } from './engines.js';

/** A fresh directory under the OS temp dir; `cleanup` removes it. */
export function tempDir(): { dir: string; file: (name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-store-'));
  return { dir, file: (name = 'paperboy.db') => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const SLACK = { platform: 'slack', workspaceId: 'T0FIXTURE', channelId: 'C0FIXTURE' } as const;
export const NOW = '2026-03-10T08:00:00.000Z';

export function view(id: string, over: Partial<PaperView> = {}): PaperView {
  return {
    id,
    title: `Fixture paper ${id}`,
    url: `https://arxiv.org/abs/${id}`,
    authors: ['Ada Fixture'],
    moreAuthors: 0,
    summary: 'A fixture summary.',
    matchedRules: ['pruning'],
    links: [{ label: 'PDF', url: `https://arxiv.org/pdf/${id}` }],
    upvotes: 3,
    publishedAt: '2026-03-09T12:00:00.000Z',
    categories: ['cs.LG'],
    imageUrl: null,
    ...over,
  };
}

export function header(digestId: string, count: number): PlannedDelivery {
  const message: OutboundMessage = { kind: 'header', count, rules: ['pruning'], date: NOW, timezone: 'UTC' };
  return { kind: 'header', paperId: null, idempotencyKey: `h-${digestId}`, message, status: 'planned' };
}

export function paper(channelId: number, id: string, status: 'planned' | 'held' = 'planned'): PlannedDelivery {
  return { kind: 'paper', paperId: id, idempotencyKey: `p-${channelId}-${id}`, message: { kind: 'paper', paper: view(id) }, status };
}

export function more(digestId: string, remaining: number): PlannedDelivery {
  return { kind: 'more', paperId: null, idempotencyKey: `m-${digestId}`, message: { kind: 'more', remaining }, status: 'planned' };
}

/** A header, the papers (the first `shown` planned, the rest held) and a "more" line when some are held. */
export function digestPlan(
  channelId: number,
  digestId: string,
  paperIds: string[],
  opts: { shown?: number; plannedAt?: string; coveredUntil?: string } = {},
): DigestPlan {
  const shown = opts.shown ?? paperIds.length;
  const deliveries = [header(digestId, paperIds.length), ...paperIds.map((id, i) => paper(channelId, id, i < shown ? 'planned' : 'held'))];
  if (paperIds.length > shown) deliveries.push(more(digestId, paperIds.length - shown));
  return { channelId, digestId, plannedAt: opts.plannedAt ?? NOW, coveredUntil: opts.coveredUntil ?? NOW, deliveries };
}

/** Stores on this test's fresh database, holding the fixture Slack channel. */
export async function openWithChannel(t: EngineSuite): Promise<{ stores: Stores; channelId: number }> {
  const stores = await t.open();
  return { stores, channelId: (await stores.channels.ensure(SLACK, NOW)).id };
}
