import { afterEach, describe, expect, it } from 'vitest';
import { createPostingClient } from '../../adapters/slack/client.js';
import { createSlackPort } from '../../adapters/slack/port.js';
import { renderMessage as renderSlack } from '../../adapters/slack/render-message.js';
import { renderMessage as renderDiscord } from '../../adapters/discord/render-message.js';
import { renderConsoleMessage } from '../../adapters/console/render.js';
import type { OutboundMessage } from '../../src/chat/port.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { invalidMessage } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';

/**
 * Issue #14, "A picture on each post": the weekly recap may show its most
 * discussed paper's figure. A notice carries it as `image`; each platform shows
 * it the way it shows a paper's figure, and an unsafe URL is left out.
 */
const FIGURE = 'https://cdn-uploads.huggingface.co/production/uploads/fixture/figure1.png';
const recap = (image?: { url: string; alt: string }): Extract<OutboundMessage, { kind: 'notice' }> => ({
  kind: 'notice',
  lines: [[{ bold: 'Most discussed here this week' }], ['1. ', { link: { url: 'https://example.org/t', text: 'Fixture <!channel> paper' } }]],
  ...(image ? { image } : {}),
});

let fake: FakeSlack | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('a notice with a figure', () => {
  it('Slack: an image block after the text, alt_text the title as plain text; Slack (the fake) takes it', async () => {
    const r = renderSlack(recap({ url: FIGURE, alt: 'Fixture <!channel> paper' }));
    const last = r.blocks.at(-1) as { type: string; image_url?: string; alt_text?: string };
    expect(last).toEqual({ type: 'image', image_url: FIGURE, alt_text: 'Fixture <!channel> paper' });
    expect(r.blocks.filter((b) => b.type === 'image')).toHaveLength(1);
    fake = await FakeSlack.start();
    const port = createSlackPort({
      client: createPostingClient(fake.token, silentLogger(), { apiUrl: fake.apiUrl }),
      logger: silentLogger(),
      clock: systemClock,
    });
    await port.send({ platform: 'slack', workspaceId: fake.teamId, channelId: 'C1' }, recap({ url: FIGURE, alt: 'Fixture paper' }), {
      idempotencyKey: 'recap-figure-1',
      maybeSent: false,
    });
    expect(JSON.stringify(fake.posts('C1')[0]?.blocks)).toContain(FIGURE);
  });

  it('Discord: the text, and an embed showing the figure; within the fake’s limits', () => {
    const body = renderDiscord(recap({ url: FIGURE, alt: 'Fixture paper' }));
    expect(body.content).toContain('Most discussed here this week');
    expect(body.embeds).toEqual([{ image: { url: FIGURE } }]);
    expect(invalidMessage({ ...body })).toBeNull();
  });

  it('console: a figure line', () => {
    expect(renderConsoleMessage(recap({ url: FIGURE, alt: 'Fixture paper' }))).toContain(`figure: ${FIGURE}`);
  });

  it('no figure, or one that is not http(s): nothing but the text on every platform', () => {
    for (const image of [undefined, { url: 'javascript:alert(1)', alt: 'x' }]) {
      const message = recap(image);
      expect(renderSlack(message).blocks.some((b) => b.type === 'image')).toBe(false);
      expect(renderDiscord(message).embeds).toBeUndefined();
      expect(renderConsoleMessage(message)).not.toContain('figure:');
    }
  });
});
