import type { Line, Reply, ReplyBlock } from '../chat/reply.js';

/*
 * Reply builders. Text from users and papers only ever goes in as an Inline
 * part; adapters escape it, so nothing here adds markup of its own.
 */

export function reply(lines: Line[], more: ReplyBlock[] = []): Reply {
  return { ok: true, ephemeral: true, blocks: [{ kind: 'text', lines }, ...more] };
}

export function refuse(lines: Line[]): Reply {
  return { ok: false, ephemeral: true, blocks: [{ kind: 'text', lines }] };
}

export function withList(head: Line[], items: Line[], tail: Line[] = []): Reply {
  const blocks: ReplyBlock[] = [{ kind: 'text', lines: head }];
  if (items.length) blocks.push({ kind: 'list', items });
  if (tail.length) blocks.push({ kind: 'text', lines: tail });
  return { ok: true, ephemeral: true, blocks };
}

/** "2026-03-10" from an ISO time: enough to say when a rule was added. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

// Re-exported so the commands keep importing their reply helpers from one place.
export { plural } from '../util/plural.js';
