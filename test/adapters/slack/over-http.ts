import { startSlack } from '../../../adapters/slack/index.js';
import type { RunningAdapter } from '../../../src/chat/adapter.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { TestRoutes } from '../../support/http-routes.js';
import { RecordingCommands, SECRET, testCore } from './helpers.js';

export interface SlackOverHttp {
  fake: FakeSlack;
  routes: TestRoutes;
  commands: RecordingCommands;
  adapter: RunningAdapter;
  stop(): Promise<void>;
}

/** The Slack adapter in HTTP mode on local routes, against the fake Slack (which knows person U42), commands recorded. */
export async function startSlackOverHttp(): Promise<SlackOverHttp> {
  const fake = (await FakeSlack.start()).setUser('U42');
  const routes = new TestRoutes();
  const commands = new RecordingCommands();
  await routes.listen();
  const adapter = await startSlack(
    { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, botId: fake.botId, botUserId: fake.botUserId },
    testCore(commands, routes),
  );
  return {
    fake,
    routes,
    commands,
    adapter,
    async stop() {
      await adapter.stop();
      await routes.close();
      await fake.close();
    },
  };
}
