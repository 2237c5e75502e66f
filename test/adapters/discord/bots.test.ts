import { describe, expect, it } from 'vitest';
import { replyInput } from '../../../adapters/discord/feedback-gateway.js';
import { papersInteraction, directHandler } from './interaction-fixtures.js';

/** Issue #11, point 3: on Discord, interactions and messages from bots and webhooks run nothing and count for nothing. */
const handler = directHandler;

const asBot = (i: Record<string, unknown>, user: Record<string, unknown>) => {
  const member = i.member as Record<string, unknown>;
  return { ...i, member: { ...member, user: { ...(member.user as Record<string, unknown>), ...user } } };
};

describe('Discord: bots and webhooks never run commands', () => {
  it.each([
    ['a bot member', { bot: true }],
    ['a system user', { system: true }],
  ])('ignores an interaction from %s', async (_name, user) => {
    const h = handler();
    await h.run(asBot(papersInteraction('unsubscribe', { options: { rule: '1' } }), user));
    expect(h.commands.calls).toEqual([]);
    expect(h.responses).toEqual([]);
  });

  it('ignores an interaction from a bot outside a server (user, not member)', async () => {
    const h = handler();
    const i = papersInteraction('list', { guild: false });
    await h.run({ ...i, user: { ...(i.user as Record<string, unknown>), bot: true } });
    expect(h.commands.calls).toEqual([]);
    expect(h.responses).toEqual([]);
  });

  it('still runs a person’s command', async () => {
    const h = handler();
    await h.run(papersInteraction('list'));
    expect(h.commands.calls.map((c) => c.text)).toEqual(['list']);
  });

  it('ignores thread messages from bots and webhooks as feedback', () => {
    const message = { id: '1', channel_id: '2', guild_id: '3', author: { id: '4' }, type: 0, timestamp: '2026-03-09T00:00:00.000Z', position: 1 };
    const bots = () => new Set(['9']);
    expect(replyInput(message, { botUserIds: bots })).not.toBeNull();
    expect(replyInput({ ...message, author: { id: '4', bot: true } }, { botUserIds: bots })).toBeNull();
    expect(replyInput({ ...message, webhook_id: '5' }, { botUserIds: bots })).toBeNull();
    expect(replyInput({ ...message, author: { id: '9' } }, { botUserIds: bots })).toBeNull();
  });
});
