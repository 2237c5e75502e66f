import { ErrorCode } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Renewal, SlackTokens } from '../../../adapters/slack/tokens.js';
import { ChatError } from '../../../src/chat/port.js';
import { silentLogger } from '../../../src/log.js';
import { openSqliteStores } from '../../../src/store/sqlite/index.js';
import type { Stores } from '../../../src/store/types.js';
import { tempDir } from '../../store/helpers.js';

const HOUR = 3600_000;
const T0 = Date.parse('2026-03-10T08:00:00.000Z');

/** A Slack platform error, as the Web API client throws it. */
function slackError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), { code: ErrorCode.PlatformError, data: { ok: false, error: code } });
}

describe('SlackTokens: each workspace’s token, renewed within 2 hours of expiry', () => {
  let tmp: ReturnType<typeof tempDir>;
  let stores: Stores;
  let now = T0;
  beforeEach(async () => {
    tmp = tempDir();
    stores = openSqliteStores(tmp.file());
    now = T0;
  });
  afterEach(async () => {
    await stores.close();
    tmp.cleanup();
  });

  const install = (expiresInMs: number) =>
    stores.installations.save(
      {
        key: { platform: 'slack', scope: 'team', id: 'T1' },
        teamId: 'T1',
        enterpriseId: null,
        botToken: 'xoxe.xoxb-old',
        botId: 'B1',
        botUserId: 'U1',
        refreshToken: 'xoxe-1-r1',
        expiresAt: new Date(now + expiresInMs).toISOString(),
        details: {},
      },
      new Date(now).toISOString(),
    );

  function tokens(renew: (refresh: string) => Promise<Renewal>, over: { store?: Stores; owner?: string } = {}) {
    return new SlackTokens({
      store: (over.store ?? stores).installations,
      renew,
      owner: over.owner ?? 'w1',
      now: () => now,
      logger: silentLogger(),
      pollMs: 5,
    });
  }

  it('leaves a token good for more than 2 hours alone, and renews one within 2 hours once for many callers', async () => {
    await install(3 * HOUR);
    let calls = 0;
    const t = tokens(async () => {
      calls += 1;
      return { botToken: 'xoxe.xoxb-new', refreshToken: 'xoxe-1-r2', expiresInS: 12 * 3600 };
    });
    expect((await t.forTeam('T1'))?.botToken).toBe('xoxe.xoxb-old');
    now += HOUR + 1;
    const got = await Promise.all(Array.from({ length: 10 }, () => t.forTeam('T1')));
    expect(calls).toBe(1);
    expect(new Set(got.map((i) => i?.botToken))).toEqual(new Set(['xoxe.xoxb-new']));
    expect(got[0]?.expiresAt).toBe(new Date(now + 12 * HOUR).toISOString());
  });

  it('two token sources on one database (two workers): one renews, the other waits for its token', async () => {
    await install(HOUR);
    const other = openSqliteStores(tmp.file());
    try {
      let calls = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const renew = async (): Promise<Renewal> => {
        calls += 1;
        await gate;
        return { botToken: 'xoxe.xoxb-new', refreshToken: 'xoxe-1-r2', expiresInS: 12 * 3600 };
      };
      const a = tokens(renew, { owner: 'w1' }).forTeam('T1');
      const b = tokens(renew, { owner: 'w2', store: other }).forTeam('T1');
      // Both asked; the one holding the claim is inside Slack's answer, the other polls the database.
      await new Promise((r) => setTimeout(r, 50));
      release();
      const [ia, ib] = await Promise.all([a, b]);
      expect(calls).toBe(1);
      expect([ia?.botToken, ib?.botToken]).toEqual(['xoxe.xoxb-new', 'xoxe.xoxb-new']);
    } finally {
      await other.close();
    }
  });

  it('a refused renewal keeps using the token while it lasts, then is a token failure that names the fix', async () => {
    await install(HOUR);
    let calls = 0;
    const t = tokens(async () => {
      calls += 1;
      throw slackError('invalid_refresh_token');
    });
    expect((await t.forTeam('T1'))?.botToken).toBe('xoxe.xoxb-old');
    // Within a minute of the failure, no second try.
    expect((await t.forTeam('T1'))?.botToken).toBe('xoxe.xoxb-old');
    expect(calls).toBe(1);
    now += HOUR;
    const err = await t.forTeam('T1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect(err).toMatchObject({ kind: 'token', details: { code: 'invalid_refresh_token', scope: 'workspace' } });
    expect((err as Error).message).toContain('/slack/install');
    // The claim was given back: another try can be made.
    expect(await stores.installations.claimRefresh({ platform: 'slack', scope: 'team', id: 'T1' }, 1, 'w9', new Date(now).toISOString(), 30_000)).toBe(true);
  });

  it('Slack out of reach after the token expired: the delivery waits and tries again, nothing is paused', async () => {
    await install(0);
    const err = await tokens(async () => {
      throw new Error('connect ECONNREFUSED');
    })
      .forTeam('T1')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited', details: { code: 'network' } });
  });

  it('a renewal claim left by a dead worker lapses and is taken over', async () => {
    const i = await install(HOUR);
    expect(await stores.installations.claimRefresh(i.key, i.tokenVersion, 'dead', new Date(now).toISOString(), 30_000)).toBe(true);
    now += 31_000;
    const got = await tokens(async () => ({ botToken: 'xoxe.xoxb-new', refreshToken: 'xoxe-1-r2', expiresInS: 43_200 })).forTeam('T1');
    expect(got?.botToken).toBe('xoxe.xoxb-new');
  });
});
