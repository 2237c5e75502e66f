import { GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GATEWAY_INTENTS } from '../../../adapters/discord/gateway.js';
import { startDiscord, type RunningDiscord } from '../../../adapters/discord/index.js';
import { registerCommands } from '../../../adapters/discord/register.js';
import type { CoreServices } from '../../../src/chat/adapter.js';
import { systemClock } from '../../../src/clock.js';
import type { DigestService } from '../../../src/digest/types.js';
import { ConfigError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import type { Stores } from '../../../src/store/types.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { GUILD } from './helpers.js';
import { APP_ID, MEMBER, papersInteraction, recordingHandler } from './interaction-fixtures.js';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await new FakeDiscord().start();
});
afterEach(() => fake.stop());

function core(commands: CoreServices['commands']): CoreServices {
  return { commands, stores: {} as Stores, digest: () => ({}) as DigestService, clock: systemClock, logger: silentLogger(), http: null };
}

describe('gateway mode', () => {
  let running: RunningDiscord | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('answers an INTERACTION_CREATE dispatch on the callback endpoint with the shared handler', async () => {
    const commands = recordingHandler();
    running = await startDiscord({ token: fake.token, applicationId: APP_ID, apiUrl: fake.api, skipLogin: true }, core(commands));
    const i = papersInteraction('list', { permissions: MEMBER });
    running.client?.ws.emit(GatewayDispatchEvents.InteractionCreate, i, 0);
    const cb = await vi.waitUntil(() => fake.callsTo('POST', `/interactions/${String(i.id)}/${String(i.token)}/callback`)[0], { timeout: 3000 });
    expect(cb.body).toMatchObject({ type: 4, data: { content: 'ok: list', flags: 64 } });
    expect(commands.calls.map((c) => [c.text, c.ctx.canManage, c.ctx.channel.workspaceId])).toEqual([['list', false, GUILD]]);
  });

  it('defers digest on the callback endpoint, then edits the original message', async () => {
    running = await startDiscord({ token: fake.token, applicationId: APP_ID, apiUrl: fake.api, skipLogin: true }, core(recordingHandler()));
    const i = papersInteraction('digest');
    running.client?.ws.emit(GatewayDispatchEvents.InteractionCreate, i, 0);
    const edit = await vi.waitUntil(() => fake.callsTo('PATCH', `/webhooks/${APP_ID}/${String(i.token)}/messages/@original`)[0], { timeout: 3000 });
    expect(fake.callsTo('POST', `/interactions/${String(i.id)}/`)[0]?.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(edit.body?.content).toBe('ok: digest');
  });

  it('posts digests through the client REST queue', async () => {
    running = await startDiscord({ token: fake.token, applicationId: APP_ID, apiUrl: fake.api, skipLogin: true }, core(recordingHandler()));
    const ch = fake.addChannel({ type: 0 });
    await running.port.send(
      { platform: 'discord', workspaceId: GUILD, channelId: ch.id },
      { kind: 'more', remaining: 2 },
      { idempotencyKey: 'k1', maybeSent: false },
    );
    expect(fake.messagesIn(ch.id)).toHaveLength(1);
  });

  it('asks for Guilds, GuildMessages and GuildMessageReactions, and no privileged intent', () => {
    expect([...GATEWAY_INTENTS].sort((a, b) => a - b)).toEqual([1, 512, 1024]);
    const privileged = [GatewayIntentBits.MessageContent, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildPresences];
    expect(GATEWAY_INTENTS.filter((i) => privileged.includes(i))).toEqual([]);
  });

  it('refuses an unknown permission name with a ConfigError naming the variable', async () => {
    await expect(
      startDiscord({ token: 't', applicationId: APP_ID, managePermission: 'ManageEverything', skipLogin: true }, core(recordingHandler())),
    ).rejects.toThrow(ConfigError);
    await expect(
      startDiscord({ token: 't', applicationId: APP_ID, managePermission: 'ManageEverything', skipLogin: true }, core(recordingHandler())),
    ).rejects.toThrow(/DISCORD_MANAGE_PERMISSION/);
  });

  it('a token the gateway login is refused with fails start-up naming DISCORD_TOKEN', async () => {
    const err = await startDiscord({ token: 'wrong-token', applicationId: APP_ID, apiUrl: fake.api }, core(recordingHandler())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/DISCORD_TOKEN/);
    expect(fake.calls.some((c) => c.path.startsWith('/gateway'))).toBe(true);
  });

  it('HTTP mode without a server is a configuration error', async () => {
    await expect(startDiscord({ token: 't', applicationId: APP_ID, publicKey: 'a'.repeat(64) }, core(recordingHandler()))).rejects.toThrow(/set PORT/);
  });
});

type Cmd = {
  name: string;
  description: string;
  type?: number;
  required?: boolean;
  default_member_permissions?: string;
  options?: Cmd[];
  channel_types?: number[];
};

describe('registration', () => {
  it('registers /papers globally with the subcommands and option names the issue gives', async () => {
    const result = await registerCommands({ token: fake.token, applicationId: APP_ID, apiUrl: fake.api });
    expect(result).toEqual({ scope: 'global', count: 1 });
    const [papers, ...others] = (fake.commands.get('global') ?? []) as unknown as Cmd[];
    expect(others).toHaveLength(0);
    expect(papers?.name).toBe('papers');
    expect(papers?.default_member_permissions).toBe('16'); // Manage Channels
    const subs = Object.fromEntries((papers?.options ?? []).map((s) => [s.name, (s.options ?? []).map((o) => `${o.name}${o.required ? '!' : '?'}`)]));
    expect(subs).toEqual({
      subscribe: ['rule?', 'channel?'],
      unsubscribe: ['rule!', 'channel?'],
      list: ['channel?'],
      preview: ['rule!'],
      digest: [],
      more: [],
      schedule: ['time!', 'timezone?', 'channel?'],
      pause: ['channel?'],
      resume: ['channel?'],
      learn: ['mode?', 'channel?'],
      threshold: ['value?', 'channel?'],
      recap: ['mode?', 'weekday?', 'time?', 'channel?'],
      emoji: ['positive?', 'negative?', 'reset?', 'channel?'],
      help: ['topic?'],
      abstract: ['paper?'],
      authors: ['paper?'],
      links: ['paper?'],
      similar: ['paper?'],
      why: ['paper?'],
      cite: ['paper?'],
      save: ['paper?'],
      saved: ['format?'],
      unsave: ['paper!'],
    });
    // Autocomplete (interaction type 4) on unsubscribe's rule, schedule's timezone and every paper option but unsave's.
    const completing = (papers?.options ?? []).flatMap((s) =>
      (s.options ?? []).filter((o) => (o as { autocomplete?: boolean }).autocomplete).map((o) => `${s.name}.${o.name}`),
    );
    expect(completing.sort()).toEqual(
      ['unsubscribe.rule', 'schedule.timezone', ...['abstract', 'authors', 'links', 'similar', 'why', 'cite', 'save'].map((s) => `${s}.paper`)].sort(),
    );
    const all = (c: Cmd): Cmd[] => [c, ...(c.options ?? []).flatMap(all)];
    for (const c of all(papers as Cmd)) {
      expect(c.name.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
    }
    const channelOpt = papers?.options?.find((s) => s.name === 'subscribe')?.options?.find((o) => o.name === 'channel');
    expect(channelOpt).toMatchObject({ type: 7, channel_types: [0, 15] });
    expect(fake.callsTo('PUT', `/applications/${APP_ID}/commands`)[0]?.auth).toBe(`Bot ${fake.token}`);
  });

  it('registers to one guild when asked, with the configured permission', async () => {
    const result = await registerCommands({ token: fake.token, applicationId: APP_ID, guildId: GUILD, apiUrl: fake.api, managePermission: 'ManageGuild' });
    expect(result).toEqual({ scope: 'guild', count: 1 });
    const cmds = fake.commands.get(`guild:${GUILD}`) as unknown as Cmd[];
    expect(cmds[0]?.default_member_permissions).toBe('32');
    expect(fake.commands.has('global')).toBe(false);
  });
});
