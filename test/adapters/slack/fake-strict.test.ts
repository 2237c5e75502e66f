import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../support/fake-slack.js';

/** The fake must refuse what Slack refuses, or the adapter's tests prove nothing about these limits. */
let fake: FakeSlack;
let client: WebClient;
beforeEach(async () => {
  fake = await FakeSlack.start();
  client = new WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
});
afterEach(() => fake.close());

const modal = (over: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: 'Subscribe this channel' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }],
  ...over,
});
const error = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { data?: { error?: string } }) => e.data?.error ?? String(e),
  );
const button = (text: string, value = 'v', action_id = 'a') => ({ type: 'button', action_id, text: { type: 'plain_text', text }, value });

describe('the fake Slack refuses what Slack refuses', () => {
  it('views.open: a trigger once and within 3 s; a title of at most 24 characters; at most 100 blocks', async () => {
    const t = fake.surfaces.issueTrigger();
    expect(await error(client.views.open({ trigger_id: t, view: modal() }))).toBe('ok');
    expect(await error(client.views.open({ trigger_id: t, view: modal() }))).toBe('exchanged_trigger_id');
    expect(await error(client.views.open({ trigger_id: fake.surfaces.issueTrigger(3001), view: modal() }))).toBe('expired_trigger_id');
    expect(await error(client.views.open({ trigger_id: 'made-up', view: modal() }))).toBe('invalid_trigger_id');
    const title = { type: 'plain_text' as const, text: 'x'.repeat(25) };
    expect(await error(client.views.open({ trigger_id: fake.surfaces.issueTrigger(), view: modal({ title }) }))).toBe('invalid_arguments');
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expect(await error(client.views.open({ trigger_id: fake.surfaces.issueTrigger(), view: modal({ blocks }) }))).toBe('invalid_arguments');
    expect(await error(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks } }))).toBe('invalid_arguments');
  });

  it('views.update with a stale hash answers hash_conflict', async () => {
    const opened = await client.views.open({ trigger_id: fake.surfaces.issueTrigger(), view: modal() });
    const id = opened.view?.id ?? '';
    const first = await client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal() });
    expect(await error(client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal() }))).toBe('hash_conflict');
    expect(await error(client.views.update({ view_id: id, hash: first.view?.hash ?? '', view: modal() }))).toBe('ok');
  });

  it('Block Kit element limits: 25 per actions block, 75-character button text, 2,000-character value, alt_text on images, inputs only in modals', async () => {
    const post = (blocks: unknown[]) => error(client.chat.postMessage({ channel: 'C1', text: 't', blocks: blocks as never }));
    const actions = (elements: unknown[]) => [{ type: 'actions', elements }];
    expect(await post(actions(Array.from({ length: 25 }, (_, i) => button('ok', 'v', `a${i}`))))).toBe('ok');
    expect(await post(actions(Array.from({ length: 26 }, (_, i) => button('ok', 'v', `a${i}`))))).toBe('invalid_blocks');
    expect(await post(actions([button('x'.repeat(75))]))).toBe('ok');
    expect(await post(actions([button('x'.repeat(76))]))).toBe('invalid_blocks');
    expect(await post(actions([button('ok', 'v'.repeat(2001))]))).toBe('invalid_blocks');
    expect(await post(actions([button('ok', 'v', 'same'), button('ok', 'v', 'same')]))).toBe('invalid_blocks');
    const section = (accessory: unknown) => [{ type: 'section', text: { type: 'mrkdwn', text: 't' }, accessory }];
    expect(await post(section({ type: 'image', image_url: 'https://huggingface.co/x.png', alt_text: 'Title' }))).toBe('ok');
    expect(await post(section({ type: 'image', image_url: 'https://huggingface.co/x.png' }))).toBe('invalid_blocks');
    const input = { type: 'input', block_id: 'rule', label: { type: 'plain_text', text: 'Rule' }, element: { type: 'plain_text_input', action_id: 'r' } };
    expect(await post([input])).toBe('invalid_blocks');
    expect(
      await error(
        client.views.open({ trigger_id: fake.surfaces.issueTrigger(), view: modal({ blocks: [input], submit: { type: 'plain_text', text: 'Go' } }) }),
      ),
    ).toBe('ok');
    expect(await error(client.views.open({ trigger_id: fake.surfaces.issueTrigger(), view: modal({ blocks: [input] }) }))).toBe('invalid_arguments');
  });

  it('files.uploadV2: all three steps, the bytes arriving at the upload URL', async () => {
    await client.files.uploadV2({ channel_id: 'D1', filename: 'a.bib', content: '@misc{x,}\n', title: 'a.bib' });
    const [file] = [...fake.surfaces.files.values()];
    expect(file).toMatchObject({ filename: 'a.bib', channel: 'D1', content: '@misc{x,}\n' });
    expect(await error(client.files.completeUploadExternal({ files: [{ id: 'F404' }] }))).toBe('file_not_found');
  });
});
