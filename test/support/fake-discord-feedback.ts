import type { FakeDiscord, FakeEmoji, FakeMessage, FakeUser } from './fake-discord.js';

/*
 * People reacting to and replying under the fake's messages. Each action
 * changes what the REST API reads back and returns the gateway dispatch
 * Discord would send for it, so one scenario drives both modes.
 */

/** `t` is Discord's dispatch name, which is also discord.js's GatewayDispatchEvents value. */
export interface Dispatch {
  t: 'MESSAGE_REACTION_ADD' | 'MESSAGE_REACTION_REMOVE' | 'MESSAGE_REACTION_REMOVE_ALL' | 'MESSAGE_REACTION_REMOVE_EMOJI' | 'MESSAGE_CREATE' | 'MESSAGE_DELETE';
  d: Record<string, unknown>;
}

export const person = (n: number, bot = false): FakeUser => ({
  id: `70000000000000${String(1000 + n)}`,
  username: `person${n}`,
  ...(bot ? { bot: true } : {}),
});

export const unicode = (name: string): FakeEmoji => ({ id: null, name });

function message(fake: FakeDiscord, messageId: string): FakeMessage {
  const m = fake.messages.find((x) => x.id === messageId);
  if (!m) throw new Error(`fake-discord: no message ${messageId}`);
  return m;
}

function guildOf(fake: FakeDiscord, channelId: string): string {
  return fake.channels.get(channelId)?.guild_id ?? '';
}

export function react(fake: FakeDiscord, messageId: string, user: FakeUser, emoji: FakeEmoji): Dispatch {
  const m = message(fake, messageId);
  m.reactions ??= [];
  let r = m.reactions.find((x) => x.emoji.name === emoji.name && x.emoji.id === emoji.id);
  if (!r) {
    r = { emoji, users: [] };
    m.reactions.push(r);
  }
  if (!r.users.some((u) => u.id === user.id)) r.users.push(user);
  const guild = guildOf(fake, m.channel_id);
  return {
    t: 'MESSAGE_REACTION_ADD',
    d: {
      user_id: user.id,
      channel_id: m.channel_id,
      message_id: m.id,
      guild_id: guild,
      emoji,
      member: { user, roles: [] },
      message_author_id: m.author?.id,
      burst: false,
      type: 0,
    },
  };
}

export function unreact(fake: FakeDiscord, messageId: string, user: FakeUser, emoji: FakeEmoji): Dispatch {
  const m = message(fake, messageId);
  const r = (m.reactions ?? []).find((x) => x.emoji.name === emoji.name && x.emoji.id === emoji.id);
  if (r) r.users = r.users.filter((u) => u.id !== user.id);
  return {
    t: 'MESSAGE_REACTION_REMOVE',
    d: { user_id: user.id, channel_id: m.channel_id, message_id: m.id, guild_id: guildOf(fake, m.channel_id), emoji, burst: false, type: 0 },
  };
}

/** A message by `user` in `channelId`; in a thread it carries a position, as Discord's do. */
export function say(fake: FakeDiscord, channelId: string, user: FakeUser, content = 'interesting'): Dispatch {
  const channel = fake.channels.get(channelId);
  const inThread = channel?.type === 11 || channel?.type === 12;
  const m: FakeMessage = {
    id: fake.id(),
    channel_id: channelId,
    content,
    embeds: [],
    allowed_mentions: null,
    author: user,
    type: 0,
    timestamp: new Date().toISOString(),
    reactions: [],
  };
  fake.messages.push(m);
  const position = fake.messagesIn(channelId).length - 1;
  return { t: 'MESSAGE_CREATE', d: { ...m, guild_id: guildOf(fake, channelId), mentions: [], ...(inThread ? { position } : {}) } };
}

/** A moderator clears every reaction from a message, or only one emoji's. */
export function clearReactions(fake: FakeDiscord, messageId: string, emoji?: FakeEmoji): Dispatch {
  const m = message(fake, messageId);
  m.reactions = emoji ? (m.reactions ?? []).filter((r) => !(r.emoji.name === emoji.name && r.emoji.id === emoji.id)) : [];
  const d = { channel_id: m.channel_id, message_id: m.id, guild_id: guildOf(fake, m.channel_id) };
  return emoji ? { t: 'MESSAGE_REACTION_REMOVE_EMOJI', d: { ...d, emoji } } : { t: 'MESSAGE_REACTION_REMOVE_ALL', d };
}

/** A message deleted: Discord says which, not whose. */
export function deleteMessage(fake: FakeDiscord, messageId: string): Dispatch {
  const m = message(fake, messageId);
  fake.messages.splice(fake.messages.indexOf(m), 1);
  return { t: 'MESSAGE_DELETE', d: { id: m.id, channel_id: m.channel_id, guild_id: guildOf(fake, m.channel_id) } };
}
