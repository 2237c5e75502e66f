import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';

const JsonObject = z.record(z.string(), z.unknown());
export type SlackBody = z.infer<typeof JsonObject>;

/**
 * Slack sends events as JSON, slash commands as a form, and interactivity as a
 * form whose `payload` field holds JSON. Throws on a body that is none of these.
 */
export function parseSlackBody(headers: IncomingHttpHeaders, raw: Buffer): SlackBody {
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/json') return JsonObject.parse(JSON.parse(text));
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const payload = form.get('payload');
    if (payload !== null) return JsonObject.parse(JSON.parse(payload));
    return Object.fromEntries(form);
  }
  throw new Error(`unsupported content type ${type ?? '(none)'}`);
}

/** Slack's ids: team T…, channel C…/G…/D…, user U…/W…, app A…, enterprise E…. */
const slackId = z.string().regex(/^[A-Z0-9]{1,40}$/, 'not a Slack id');
const object = z.object({}).passthrough();

const commandBody = z
  .object({
    command: z.string(),
    text: z.string().optional(),
    user_id: slackId,
    channel_id: slackId,
    team_id: slackId,
    api_app_id: slackId.optional(),
    enterprise_id: slackId.optional(),
    response_url: z.string().optional(),
  })
  .passthrough();

const eventBody = z
  .object({
    team_id: slackId.optional(),
    api_app_id: slackId.optional(),
    event_id: z.string().optional(),
    authorizations: z.array(object).optional(),
    event: z
      .object({
        type: z.string(),
        channel: z.union([z.string(), z.object({ id: z.string() }).passthrough()]).optional(),
        channel_id: z.string().optional(),
        item: object.optional(),
        user: z.union([z.string(), object]).optional(),
        text: z.string().optional(),
      })
      .passthrough(),
  })
  .passthrough();

const interactionBody = z
  .object({
    type: z.string(),
    team: z.object({ id: slackId }).passthrough().nullish(),
    user: z.object({ id: slackId }).passthrough().optional(),
    channel: z.object({ id: z.string() }).passthrough().optional(),
    actions: z.array(object).optional(),
    view: object.optional(),
    response_url: z.string().optional(),
  })
  .passthrough();

/**
 * Why a signed body is not one of the shapes Slack sends (a command, an
 * event callback, an interaction), or null. Bolt takes the shape on trust:
 * an event that is not an object, or a team id such as "constructor" (a key
 * of its client pool), makes it throw. Slack never sends those, so they are
 * refused before Bolt sees them; bodies of other kinds go on unchanged.
 */
export function slackBodyProblem(body: SlackBody): string | null {
  const schema =
    'command' in body ? commandBody : 'event' in body ? eventBody : 'actions' in body || 'view' in body || 'payload' in body ? interactionBody : null;
  if (!schema) return null;
  const r = schema.safeParse(body);
  return r.success ? null : r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
