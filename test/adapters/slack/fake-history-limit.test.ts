import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../support/fake-slack.js';

let fake: FakeSlack;
afterEach(async () => fake?.close());

/** conversations.history for `channel`: the HTTP status only (429 when over the limit). */
async function historyStatus(channel: string): Promise<number> {
  const res = await fetch(`${fake.apiUrl}conversations.history`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ channel }).toString(),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('the fake Slack’s conversations.history limit', () => {
  it('counts every team together by default: a second team’s read within the minute is refused', async () => {
    fake = await FakeSlack.start({ history: { perMinute: 1, pageMax: 15 } });
    fake.setChannel('CA1', 'member', 'TA').setChannel('CB1', 'member', 'TB');
    expect(await historyStatus('CA1')).toBe(200);
    expect(await historyStatus('CB1')).toBe(429);
  });

  it('with perWorkspace, counts each team apart, as Slack limits per app and workspace', async () => {
    fake = await FakeSlack.start({ history: { perMinute: 1, pageMax: 15, perWorkspace: true } });
    fake.setChannel('CA1', 'member', 'TA').setChannel('CA2', 'member', 'TA').setChannel('CB1', 'member', 'TB');
    expect(await historyStatus('CA1')).toBe(200);
    expect(await historyStatus('CB1')).toBe(200);
    expect(await historyStatus('CA2')).toBe(429);
  });
});
