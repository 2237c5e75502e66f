import type { FakeSlack } from './fake-slack.js';

/** Who installs: a workspace (in an organization or not), or an org admin installing org-wide for an enterprise. */
export interface InstallTarget {
  team?: string;
  name?: string;
  enterpriseId?: string | null;
  /** Installed for the whole organization `enterpriseId` (Enterprise Grid), not one team. */
  orgWide?: boolean;
}

export interface InstallResult {
  /** The app's answer to the redirect: 200 and its thank-you page when the installation was stored. */
  status: number;
  body: string;
}

const STATE_COOKIE = 'slack-app-oauth-state';

function stateCookie(setCookie: string | null): string {
  const cookie = setCookie?.split(/,(?=\s*\S+=)/).find((c) => c.trim().startsWith(`${STATE_COOKIE}=`));
  if (!cookie) throw new Error(`/slack/install set no ${STATE_COOKIE} cookie`);
  return cookie.split(';')[0]?.trim() ?? '';
}

/**
 * A browser installing the app, as a person would: GET /slack/install (a
 * redirect to Slack's consent page, with the state cookie), the consent page
 * approves for `target` (the fake's `fake_team` / `fake_org` stand for the
 * person's choice there), then back to /slack/oauth_redirect with the code,
 * the state and the cookie. Throws when a step does not answer as Slack and
 * the app should; returns the app's last answer. For tests and the scale bench.
 */
export async function installWorkspace(appBase: string, fake: FakeSlack, target: InstallTarget): Promise<InstallResult> {
  if (!target.orgWide && !target.team) throw new Error('installWorkspace needs a team, or orgWide with an enterpriseId');
  if (target.orgWide && !target.enterpriseId) throw new Error('an org-wide install needs the enterpriseId');
  if (target.team) fake.workspaces.addTeam({ id: target.team, ...(target.name ? { name: target.name } : {}), enterpriseId: target.enterpriseId ?? null });

  const start = await fetch(`${appBase}/slack/install`, { redirect: 'manual' });
  const consentAt = start.headers.get('location');
  if (start.status !== 302 || !consentAt) throw new Error(`GET /slack/install answered ${start.status}, not a redirect to Slack: ${await start.text()}`);
  const cookie = stateCookie(start.headers.get('set-cookie'));
  await start.arrayBuffer();

  const consent = new URL(consentAt);
  if (target.orgWide) consent.searchParams.set('fake_org', target.enterpriseId ?? '');
  else consent.searchParams.set('fake_team', target.team ?? '');
  const approved = await fetch(consent, { redirect: 'manual' });
  const back = approved.headers.get('location');
  if (approved.status !== 302 || !back) throw new Error(`Slack's consent page answered ${approved.status}: ${await approved.text()}`);
  await approved.arrayBuffer();

  const done = await fetch(back, { headers: { cookie }, redirect: 'manual' });
  return { status: done.status, body: await done.text() };
}
