import type { FakeChannel, FakeDiscord, FakeMessage, FakeUser } from './fake-discord.js';

/*
 * The fake's message reads, as Discord answers them: one message with its
 * reaction counts, the users behind one reaction, and a channel's messages
 * newest first. Messages are looked up in the channel named in the path, so a
 * forum post's starter message is found only in its own thread.
 */

type Out = { status: number; body: unknown };

const unknownMessage: Out = { status: 404, body: { code: 10008, message: 'Unknown Message' } };

function page(query: URLSearchParams, dflt: number): number {
  const n = Number(query.get('limit') ?? dflt);
  return Math.max(1, Math.min(100, Number.isFinite(n) ? n : dflt));
}

/** Discord's message JSON: `reactions` only when there are some. */
export function messageJson(m: FakeMessage, botId: string): Record<string, unknown> {
  const { reactions, nonce: _nonce, ...rest } = m;
  const live = (reactions ?? []).filter((r) => r.users.length > 0);
  return {
    ...rest,
    ...(live.length ? { reactions: live.map((r) => ({ count: r.users.length, me: r.users.some((u) => u.id === botId), emoji: r.emoji })) } : {}),
  };
}

/** `name` for a unicode emoji, `name:id` for a custom one, as the route spells them (already URL-decoded). */
function sameEmoji(route: string, e: { id: string | null; name: string }): boolean {
  return e.id ? route === `${e.name}:${e.id}` || route.endsWith(`:${e.id}`) : route === e.name;
}

export function readMessages(fake: FakeDiscord, channel: FakeChannel, rest: string[], query: URLSearchParams): Out {
  const [messageId, what, emoji] = rest;
  const inChannel = fake.messagesIn(channel.id);
  if (!messageId) {
    const before = query.get('before');
    const after = query.get('after');
    const newestFirst = [...inChannel].reverse().filter((m) => (!before || BigInt(m.id) < BigInt(before)) && (!after || BigInt(m.id) > BigInt(after)));
    return { status: 200, body: newestFirst.slice(0, page(query, 50)).map((m) => messageJson(m, fake.botUser.id)) };
  }
  const message = inChannel.find((m) => m.id === messageId);
  if (!message) return unknownMessage;
  if (!what) return { status: 200, body: messageJson(message, fake.botUser.id) };
  if (what === 'reactions' && emoji) {
    const reaction = (message.reactions ?? []).find((r) => sameEmoji(emoji, r.emoji));
    if (!reaction) return { status: 404, body: { code: 10014, message: 'Unknown Emoji' } };
    const after = query.get('after');
    const users: FakeUser[] = [...reaction.users].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).filter((u) => !after || BigInt(u.id) > BigInt(after));
    return { status: 200, body: users.slice(0, page(query, 25)) };
  }
  return { status: 404, body: { code: 0, message: '404: Not Found' } };
}
