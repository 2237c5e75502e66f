import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { SECRET } from '../adapters/slack/helpers.js';
import { eventCallback, interaction, postToSlackEvents, slashCommand } from '../adapters/slack/signed.js';
import { FakeSlack, type StoredMessage } from '../support/fake-slack.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';

/**
 * Buttons, the subscribe form and the Home tab as a Slack workspace uses
 * them: the real app on 127.0.0.1, every request signed, the Web API faked
 * as strictly as Slack (fake-slack-surfaces.ts).
 */
const FIGURE = 'https://cdn-uploads.huggingface.co/production/uploads/fixture/figure.png';
const CHANNEL = 'C1';

let app: RunningApp;
let core: Core;
let fake: FakeSlack;
let dir: string;
let base: string;
let responses = 0;
const day = new Date().toISOString().slice(0, 10);
const pruning = makePaper({
  title: 'Structured Pruning of Transformers',
  hfDate: day,
  sources: ['hf'],
  upvotes: 40,
  imageUrl: FIGURE,
  authors: ['Ada Fixture'],
});
const sparse = makePaper({ title: 'Pruning Sparse Experts', hfDate: day, sources: ['hf'], upvotes: 10 });
const other = makePaper({ title: 'Diffusion for Audio', hfDate: day, sources: ['hf'] });

beforeEach(async () => {
  fake = (await FakeSlack.start()).setUser('U1').setUser('U2').setUser('U3');
  dir = mkdtempSync(join(tmpdir(), 'paperboy-slack-interactive-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'db.sqlite'),
    PORT: '0',
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  core = await createCore({ config, logger: silentLogger(), sources: [new FakeSource('hf').set(day, [pruning, sparse, other])] });
  app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
  base = `http://127.0.0.1:${app.httpPort}`;
});
afterEach(async () => {
  await app.stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function command(text: string, trigger = fake.surfaces.issueTrigger(), user = 'U1'): Promise<{ id: string; status: number }> {
  const id = `r${++responses}`;
  const res = await postToSlackEvents(
    base,
    slashCommand({
      command: '/papers',
      text,
      user_id: user,
      user_name: 'ada',
      team_id: fake.teamId,
      channel_id: CHANNEL,
      channel_name: 'papers',
      response_url: fake.responseUrl(id),
      trigger_id: trigger,
      api_app_id: 'A1',
    }),
  );
  return { id, status: res.status };
}

const responseTo = async (id: string): Promise<Record<string, unknown>> => {
  await expect.poll(() => fake.responses.some((r) => r.id === id), { timeout: 5000 }).toBe(true);
  return fake.responses.find((r) => r.id === id)?.body ?? {};
};

async function subscribeAndDigest(): Promise<StoredMessage[]> {
  await responseTo((await command('subscribe pruning')).id);
  await responseTo((await command('digest')).id);
  return fake.posts(CHANNEL).filter((m) => JSON.stringify(m.blocks).includes('"actions"'));
}

/** A button press on a post, as Slack sends block_actions. */
function press(post: StoredMessage, actionId: string, value: string, user = 'U2'): { id: string; send: () => Promise<number> } {
  const id = `r${++responses}`;
  return {
    id,
    send: async () =>
      (
        await postToSlackEvents(
          base,
          interaction({
            type: 'block_actions',
            user: { id: user, username: 'bob', team_id: fake.teamId },
            api_app_id: 'A1',
            token: 'legacy',
            container: { type: 'message', message_ts: post.ts, channel_id: CHANNEL, is_ephemeral: false },
            trigger_id: fake.surfaces.issueTrigger(),
            team: { id: fake.teamId, domain: 'fake' },
            channel: { id: CHANNEL, name: 'papers' },
            message: { type: 'message', ts: post.ts, text: post.text },
            response_url: fake.responseUrl(id),
            actions: [{ type: 'button', action_id: actionId, block_id: 'paperboy:paper', value, text: { type: 'plain_text', text: 'x' }, action_ts: '1' }],
          }),
        )
      ).status,
  };
}

const postOf = (posts: StoredMessage[], paperId: string): StoredMessage =>
  posts.find((p) => (p.metadata as { event_payload?: { paper_id?: string } }).event_payload?.paper_id === paperId)!;

describe('Slack buttons on paper posts', () => {
  it('each post has Relevant, Not for us, Why?, Cite, Save and its figure; presses answer only the presser', async () => {
    const posts = await subscribeAndDigest();
    expect(posts).toHaveLength(2);
    const withFigure = postOf(posts, pruning.id);
    const blocks = withFigure.blocks as Record<string, unknown>[];
    expect(blocks[0]).toMatchObject({ accessory: { type: 'image', image_url: FIGURE, alt_text: pruning.title } });
    const actions = blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(actions.elements.map((e) => e.text.text)).toEqual(['Relevant', 'Not for us', 'Why?', 'Cite', 'Save']);
    expect(actions.elements.every((e) => e.value === pruning.id)).toBe(true);
    expect(JSON.stringify(postOf(posts, sparse.id).blocks)).not.toContain('"image"');

    const row = (await core.stores.channels.find({ platform: 'slack', workspaceId: fake.teamId, channelId: CHANNEL }))!;
    const live = async () => (await core.stores.feedback.forChannel(row.id)).filter((e) => !e.removed).map((e) => [e.userId, e.emoji]);

    const relevant = press(withFigure, 'paperboy:paper:relevant', pruning.id);
    expect(await relevant.send()).toBe(200);
    expect(await responseTo(relevant.id)).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify((await responseTo(relevant.id)).blocks)).toContain('Marked *Relevant*');
    await expect.poll(live).toEqual([['U2', 'paperboy:relevant']]);
    const again = press(withFigure, 'paperboy:paper:relevant', pruning.id);
    await again.send();
    expect(JSON.stringify((await responseTo(again.id)).blocks)).toContain('Took back');
    await expect.poll(live).toEqual([]);
    const down = press(withFigure, 'paperboy:paper:not-for-us', pruning.id);
    await down.send();
    await responseTo(down.id);
    await expect.poll(live).toEqual([['U2', 'paperboy:not-for-us']]);

    // A forged value: another paper on this post, or a paper this channel was never sent.
    for (const forged of [sparse.id, other.id]) {
      const p = press(withFigure, 'paperboy:paper:relevant', forged, 'U3');
      await p.send();
      expect(JSON.stringify(await responseTo(p.id))).toContain('not on one of my paper posts in this channel');
    }
    expect(await live()).toEqual([['U2', 'paperboy:not-for-us']]);

    const cite = press(withFigure, 'paperboy:paper:cite', pruning.id);
    await cite.send();
    expect(JSON.stringify((await responseTo(cite.id)).blocks)).toContain(`@misc{fixture${pruning.publishedAt.slice(0, 4)}structured,`);
    const why = press(withFigure, 'paperboy:paper:why', pruning.id);
    await why.send();
    expect(JSON.stringify((await responseTo(why.id)).blocks)).toContain('pruning');
    const save = press(withFigure, 'paperboy:paper:save', pruning.id);
    await save.send();
    await responseTo(save.id);
    expect((await core.stores.saved.list({ platform: 'slack', workspaceId: fake.teamId }, 'U2')).map((s) => s.paperId)).toEqual([pruning.id]);
    // Nothing was posted in the channel by any press: every answer went to the presser.
    expect(fake.posts(CHANNEL).filter((m) => m.threadTs !== null)).toEqual([]);
  });
});

describe('the Slack subscribe form', () => {
  const modalViews = () => [...fake.surfaces.views.values()];

  function typing(viewId: string, hash: string, value: string): { send: () => Promise<number> } {
    const view = fake.surfaces.views.get(viewId)!;
    return {
      send: async () =>
        (
          await postToSlackEvents(
            base,
            interaction({
              type: 'block_actions',
              user: { id: 'U1', username: 'ada', team_id: fake.teamId },
              team: { id: fake.teamId, domain: 'fake' },
              api_app_id: 'A1',
              container: { type: 'view', view_id: viewId },
              trigger_id: fake.surfaces.issueTrigger(),
              view: {
                id: viewId,
                hash,
                type: 'modal',
                callback_id: view.view.callback_id,
                private_metadata: view.view.private_metadata,
                state: { values: { rule: { 'paperboy:rule': { type: 'plain_text_input', value } } } },
              },
              actions: [{ type: 'plain_text_input', action_id: 'paperboy:rule', block_id: 'rule', value, action_ts: '1' }],
            }),
          )
        ).status,
    };
  }

  function submit(viewId: string, value: string): Promise<{ status: number; text: string }> {
    const view = fake.surfaces.views.get(viewId)!;
    return postToSlackEvents(
      base,
      interaction({
        type: 'view_submission',
        team: { id: fake.teamId, domain: 'fake' },
        user: { id: 'U1', name: 'ada', team_id: fake.teamId },
        api_app_id: 'A1',
        token: 'legacy',
        trigger_id: fake.surfaces.issueTrigger(),
        view: {
          id: viewId,
          hash: fake.surfaces.views.get(viewId)!.hash,
          type: 'modal',
          callback_id: view.view.callback_id,
          private_metadata: view.view.private_metadata,
          state: { values: { rule: { 'paperboy:rule': { type: 'plain_text_input', value } } } },
        },
      }),
    );
  }

  const previewOf = (viewId: string): string => {
    const blocks = fake.surfaces.views.get(viewId)?.view.blocks as { block_id?: string; text?: { text: string } }[];
    return blocks.find((b) => b.block_id === 'preview')?.text?.text ?? '';
  };

  it('/papers alone opens it; typing previews the last 7 days or the parse error; submit subscribes; a bad rule is refused inline', async () => {
    await responseTo((await command('digest')).id); // stores today's papers
    const opened = await command('');
    expect(opened.status).toBe(200);
    await expect.poll(() => modalViews().length, { timeout: 5000 }).toBe(1);
    const [modal] = modalViews();
    expect(modal!.view).toMatchObject({ type: 'modal', callback_id: 'paperboy:subscribe', title: { text: 'Subscribe this channel' } });

    expect(await typing(modal!.id, modal!.hash, 'pruning').send()).toBe(200);
    await expect.poll(() => previewOf(modal!.id), { timeout: 5000 }).toContain('*2 papers* of the 3 seen in the last 7 days would have matched:');
    expect(previewOf(modal!.id)).toContain('Structured Pruning of Transformers');

    // A keystroke answered after a newer one: its update carries the old hash and Slack refuses it.
    const versions = fake.surfaces.views.get(modal!.id)!.history.length;
    await typing(modal!.id, modal!.hash, 'diffusion').send();
    await expect.poll(() => fake.callsTo('views.update').length, { timeout: 5000 }).toBe(2);
    expect(fake.surfaces.views.get(modal!.id)!.history.length).toBe(versions);
    expect(previewOf(modal!.id)).toContain('Structured Pruning');

    const current = fake.surfaces.views.get(modal!.id)!;
    await typing(modal!.id, current.hash, 'pruning AND (').send();
    await expect.poll(() => previewOf(modal!.id), { timeout: 5000 }).toContain('does not parse');
    expect(previewOf(modal!.id)).toMatch(/at character \d+/);

    const refused = await submit(modal!.id, 'pruning AND (');
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toMatchObject({ response_action: 'errors', errors: { rule: expect.stringContaining('does not parse') } });
    const rulesNow = async () => {
      const row = await core.stores.channels.find({ platform: 'slack', workspaceId: fake.teamId, channelId: CHANNEL });
      return row ? (await core.stores.rules.list(row.id)).map((r) => r.text) : [];
    };
    expect(await rulesNow()).toEqual([]);

    const accepted = await submit(modal!.id, 'pruning -survey');
    expect(accepted.status).toBe(200);
    expect(accepted.text).toBe('');
    const row = (await core.stores.channels.find({ platform: 'slack', workspaceId: fake.teamId, channelId: CHANNEL }))!;
    expect((await core.stores.rules.list(row.id)).map((r) => [r.text, r.addedBy])).toEqual([['pruning -survey', 'U1']]);
    await expect.poll(() => fake.surfaces.ephemerals.length, { timeout: 5000 }).toBe(1);
    expect(fake.surfaces.ephemerals[0]).toMatchObject({ channel: CHANNEL, user: 'U1' });
    expect(fake.surfaces.ephemerals[0]?.text).toContain('Subscribed this channel to pruning -survey');
    // The same rule again is refused on the form too.
    expect(JSON.parse((await submit(modal!.id, 'pruning -survey')).text)).toMatchObject({ response_action: 'errors' });
  });

  it('a trigger used twice or older than 3 s opens nothing: the command answers in text instead', async () => {
    const trigger = fake.surfaces.issueTrigger();
    await command('subscribe', trigger);
    await expect.poll(() => modalViews().length, { timeout: 5000 }).toBe(1);
    const twice = await command('subscribe', trigger);
    expect(JSON.stringify(await responseTo(twice.id))).toContain('A rule is needed');
    const late = await command('', fake.surfaces.issueTrigger(3500));
    await responseTo(late.id);
    expect(modalViews()).toHaveLength(1);
    const errors = fake.callsTo('views.open').length;
    expect(errors).toBe(3);
  });
});

describe('the Slack Home tab and the reading list file', () => {
  it('app_home_opened publishes the reading list with Cite and the person’s rules with Remove; Remove removes and republishes', async () => {
    const posts = await subscribeAndDigest();
    const save = press(postOf(posts, pruning.id), 'paperboy:paper:save', pruning.id, 'U1');
    await save.send();
    await responseTo(save.id);
    await postToSlackEvents(base, eventCallback({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.0' }, 'EvHome1'));
    await expect.poll(() => fake.surfaces.homes.has('U1'), { timeout: 5000 }).toBe(true);
    const home = JSON.stringify(fake.surfaces.homes.get('U1'));
    expect(home).toContain('Your reading list');
    expect(home).toContain('Structured Pruning of Transformers');
    expect(home).toContain('paperboy:home:cite');
    expect(home).toContain(`https://arxiv.org/abs/${pruning.id}`);
    expect(home).toContain(`<#${CHANNEL}>`);
    expect(home).toContain('`pruning`');
    const remove = (fake.surfaces.homes.get('U1')!.blocks as { accessory?: { action_id: string; value: string } }[]).find(
      (b) => b.accessory?.action_id === 'paperboy:home:remove',
    )!.accessory!;
    await postToSlackEvents(
      base,
      interaction({
        type: 'block_actions',
        user: { id: 'U1', team_id: fake.teamId },
        team: { id: fake.teamId },
        api_app_id: 'A1',
        container: { type: 'view', view_id: 'VHU1' },
        trigger_id: fake.surfaces.issueTrigger(),
        view: { id: 'VHU1', type: 'home' },
        actions: [{ type: 'button', action_id: remove.action_id, block_id: 'b', value: remove.value, action_ts: '1' }],
      }),
    );
    await expect.poll(() => JSON.stringify(fake.surfaces.homes.get('U1')), { timeout: 5000 }).not.toContain('`pruning`');
    const row = (await core.stores.channels.find({ platform: 'slack', workspaceId: fake.teamId, channelId: CHANNEL }))!;
    expect(await core.stores.rules.list(row.id)).toEqual([]);
  });

  it('/papers saved bibtex uploads one .bib file to the person’s direct messages (files.uploadV2)', async () => {
    const posts = await subscribeAndDigest();
    for (const paper of [pruning, sparse]) {
      const p = press(postOf(posts, paper.id), 'paperboy:paper:save', paper.id, 'U1');
      await p.send();
      await responseTo(p.id);
    }
    await command('saved bibtex');
    await expect.poll(() => [...fake.surfaces.files.values()].filter((f) => f.channel !== null).length, { timeout: 5000 }).toBe(1);
    const [file] = [...fake.surfaces.files.values()];
    expect(file).toMatchObject({ filename: 'paperboy-saved.bib', channel: 'D1' });
    expect(file?.content?.match(/^@misc\{/gm)).toHaveLength(2);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });
});
