import { signSlackRequest } from '../../support/slack-sign.js';
import { SECRET } from './helpers.js';

export interface SignedPost {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Override the signature (a forged one), or null to send none. */
  signature?: string | null;
  secret?: string;
  headers?: Record<string, string>;
}

/** POST to /slack/events the way Slack does: a v0 HMAC-SHA256 signature over the raw body. */
export async function postToSlackEvents(baseUrl: string, req: SignedPost): Promise<{ status: number; text: string; ms: number }> {
  const ts = req.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = req.signature === undefined ? signSlackRequest(req.secret ?? SECRET, ts, req.body) : req.signature;
  const headers: Record<string, string> = { 'content-type': req.contentType, ...req.headers };
  if (signature !== null) {
    headers['x-slack-signature'] = signature;
    headers['x-slack-request-timestamp'] = String(ts);
  }
  const started = Date.now();
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body: req.body });
  return { status: res.status, text: await res.text(), ms: Date.now() - started };
}

export function slashCommand(fields: Record<string, string>): SignedPost {
  return { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() };
}

export function eventCallback(event: Record<string, unknown>, eventId = 'Ev001'): SignedPost {
  return {
    contentType: 'application/json',
    body: JSON.stringify({ type: 'event_callback', team_id: 'TFAKE', api_app_id: 'AFAKE', event_id: eventId, event_time: 1, event }),
  };
}

/**
 * An event from an installed workspace, as Slack sends it to a distributed
 * app: `authorizations` names the install (an org-wide one has no team there).
 */
export function workspaceEvent(
  event: Record<string, unknown>,
  where: { team: string; enterpriseId?: string; orgWide?: boolean; botUserId?: string },
  eventId = `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
): SignedPost {
  const body = {
    type: 'event_callback',
    team_id: where.team,
    ...(where.enterpriseId ? { enterprise_id: where.enterpriseId } : {}),
    api_app_id: 'AFAKEAPP',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [
      {
        enterprise_id: where.enterpriseId ?? null,
        team_id: where.orgWide ? null : where.team,
        user_id: where.botUserId ?? `UB${where.team}`,
        is_bot: true,
        is_enterprise_install: where.orgWide === true,
      },
    ],
    is_ext_shared_channel: false,
  };
  return { contentType: 'application/json', body: JSON.stringify(body) };
}

/** An interaction (block_actions, view_submission) the way Slack sends it: a form with a JSON `payload` field. */
export function interaction(payload: Record<string, unknown>): SignedPost {
  return { contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
}
