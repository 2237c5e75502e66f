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
