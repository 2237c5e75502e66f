import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { InteractionResponse } from '../../../adapters/discord/interactions.js';
import { MANAGER, MEMBER, papersInteraction, directHandler } from './interaction-fixtures.js';

/*
 * Issue #11, point 4: a `channel` option names another channel, which the
 * member may not be able to see. Discord resolves the option with the
 * member's permissions there; without View Channel nothing runs.
 */
const SECRET_CHANNEL = '650000000000000001';
const NO_VIEW = String(PermissionFlagsBits.SendMessages);
const MANAGE_NO_VIEW = String(PermissionFlagsBits.ManageChannels);

const handler = directHandler;

const onChannel = (sub: string, permissions: string | undefined, options: Record<string, string> = {}) =>
  papersInteraction(sub, {
    options: { ...options, channel: SECRET_CHANNEL },
    permissions: MANAGER,
    resolved: {
      channels: { [SECRET_CHANNEL]: { id: SECRET_CHANNEL, type: ChannelType.GuildText, ...(permissions !== undefined ? { permissions } : {}) } },
    },
  });

const content = (r: InteractionResponse | undefined): string => (r && 'data' in r && 'content' in r.data ? String(r.data.content) : '');

describe('Discord: another channel only for a member who can see it', () => {
  it.each([
    ['list', {}],
    ['learn', {}],
    ['threshold', {}],
    ['recap', {}],
    ['emoji', {}],
    ['schedule', {}],
  ])('refuses to read %s of a channel the member cannot view', async (sub, options) => {
    const h = handler();
    await h.run(onChannel(sub, NO_VIEW, options));
    expect(h.commands.calls).toEqual([]);
    expect(content(h.responses[0])).toMatch(/cannot see|can't see|View Channel/i);
  });

  it('refuses when Discord sent no permissions for the channel', async () => {
    const h = handler();
    await h.run(onChannel('list', undefined));
    expect(h.commands.calls).toEqual([]);
  });

  it('refuses a managing subcommand on a channel the member cannot view, even with Manage Channels', async () => {
    const h = handler();
    await h.run(onChannel('pause', MANAGE_NO_VIEW));
    expect(h.commands.calls).toEqual([]);
  });

  it('reads a channel the member can view', async () => {
    const h = handler();
    await h.run(onChannel('list', MEMBER));
    expect(h.commands.calls.map((c) => [c.text, c.ctx.channel.channelId])).toEqual([['list', SECRET_CHANNEL]]);
  });
});
