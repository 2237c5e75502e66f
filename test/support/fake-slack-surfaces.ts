import { blocksProblem } from './fake-slack-blocks.js';

/*
 * Slack's modals, Home tab, ephemeral messages and file uploads, as strict as
 * Slack: a trigger_id works once and for 3 s, a modal's title has at most 24
 * characters and a view at most 100 blocks, views.update with a stale hash
 * answers hash_conflict, files.uploadV2's three steps must all happen.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const TRIGGER_LIFETIME_MS = 3000;

export interface OpenView {
  id: string;
  hash: string;
  view: Obj;
  /** Every version this view had, oldest first. */
  history: Obj[];
}

export interface UploadedFile {
  id: string;
  filename: string;
  content: string | null;
  channel: string | null;
  initialComment: string | null;
}

export class SlackSurfaces {
  readonly views = new Map<string, OpenView>();
  /** The Home tab each user was last shown. */
  readonly homes = new Map<string, Obj>();
  readonly ephemerals: { channel: string; user: string; text: string; blocks: unknown }[] = [];
  readonly files = new Map<string, UploadedFile>();
  private readonly triggers = new Map<string, { at: number; used: boolean }>();
  private seq = 0;

  constructor(
    private readonly origin: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A trigger_id as Slack puts in a slash command or button payload; `ageMs` makes it that old already. */
  issueTrigger(ageMs = 0): string {
    const id = `${++this.seq}.${Date.now()}.trigger`;
    this.triggers.set(id, { at: this.now() - ageMs, used: false });
    return id;
  }

  /** What files.uploadV2 sends to the upload_url: the file as multipart form data (or a raw body). */
  upload(fileId: string, raw: string, contentType: string | undefined): boolean {
    const file = this.files.get(fileId);
    if (!file) return false;
    file.content = multipartContent(raw, contentType) ?? raw;
    return true;
  }

  answer(method: string, body: Obj): Obj | null {
    switch (method) {
      case 'views.open':
        return this.open(body);
      case 'views.update':
        return this.update(body);
      case 'views.publish':
        return this.publish(body);
      case 'chat.postEphemeral': {
        const channel = str(body.channel);
        const user = str(body.user);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!user) return { ok: false, error: 'user_not_in_channel' };
        if (body.blocks !== undefined) {
          const problem = blocksProblem(body.blocks);
          if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        } else if (!str(body.text)) return { ok: false, error: 'no_text' };
        this.ephemerals.push({ channel, user, text: str(body.text), blocks: body.blocks });
        return { ok: true, message_ts: `${Math.floor(this.now() / 1000)}.${String(++this.seq).padStart(6, '0')}` };
      }
      case 'conversations.open': {
        const users = str(body.users);
        if (!/^[UW][A-Z0-9]*$/.test(users)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D${users.slice(1)}` } };
      }
      case 'files.getUploadURLExternal': {
        const filename = str(body.filename);
        const length = Number(body.length);
        if (!filename) return { ok: false, error: 'invalid_arguments' };
        if (!Number.isInteger(length) || length < 1) return { ok: false, error: 'invalid_length' };
        const id = `F${String(++this.seq).padStart(8, '0')}`;
        this.files.set(id, { id, filename, content: null, channel: null, initialComment: null });
        return { ok: true, upload_url: `${this.origin()}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(body.files) ? body.files : [];
        if (!list.length) return { ok: false, error: 'invalid_arguments' };
        for (const f of list) {
          const file = isObj(f) ? this.files.get(str(f.id)) : undefined;
          if (!file || file.content === null) return { ok: false, error: 'file_not_found' };
          file.channel = str(body.channel_id) || null;
          file.initialComment = str(body.initial_comment) || null;
        }
        return { ok: true, files: list };
      }
      default:
        return null;
    }
  }

  private viewProblem(view: unknown, type: 'modal' | 'home'): string | null {
    if (!isObj(view)) return 'view is not an object';
    if (view.type !== type) return `view type must be ${type}`;
    if (type === 'modal') {
      const title = view.title;
      if (!isObj(title) || title.type !== 'plain_text' || str(title.text).length < 1 || str(title.text).length > 24)
        return 'modal title must be 1–24 characters of plain_text';
      for (const key of ['submit', 'close'] as const) {
        const t = view[key];
        if (t !== undefined && (!isObj(t) || t.type !== 'plain_text' || str(t.text).length < 1 || str(t.text).length > 24))
          return `${key} must be 1–24 characters of plain_text`;
      }
      const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
      if (hasInput && view.submit === undefined) return 'a modal with inputs needs a submit button';
    }
    if (view.private_metadata !== undefined && str(view.private_metadata).length > 3000) return 'private_metadata longer than 3000';
    if (view.callback_id !== undefined && str(view.callback_id).length > 255) return 'callback_id longer than 255';
    return blocksProblem(view.blocks, type);
  }

  private store(view: Obj, existing?: OpenView): OpenView {
    const id = existing?.id ?? `V${String(++this.seq).padStart(8, '0')}`;
    const hash = `${this.now()}.${++this.seq}`;
    const open: OpenView = { id, hash, view, history: [...(existing?.history ?? []), view] };
    this.views.set(id, open);
    return open;
  }

  private open(body: Obj): Obj {
    const trigger = this.triggers.get(str(body.trigger_id));
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.at > TRIGGER_LIFETIME_MS) return { ok: false, error: 'expired_trigger_id' };
    const problem = this.viewProblem(body.view, 'modal');
    if (problem) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } };
    trigger.used = true;
    const open = this.store(body.view as Obj);
    return { ok: true, view: { id: open.id, hash: open.hash, ...open.view } };
  }

  private update(body: Obj): Obj {
    const open = this.views.get(str(body.view_id));
    if (!open) return { ok: false, error: 'not_found' };
    if (body.hash !== undefined && body.hash !== open.hash) return { ok: false, error: 'hash_conflict' };
    const problem = this.viewProblem(body.view, 'modal');
    if (problem) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } };
    const next = this.store(body.view as Obj, open);
    return { ok: true, view: { id: next.id, hash: next.hash, ...next.view } };
  }

  private publish(body: Obj): Obj {
    const user = str(body.user_id);
    if (!user) return { ok: false, error: 'invalid_arguments' };
    const problem = this.viewProblem(body.view, 'home');
    if (problem) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } };
    this.homes.set(user, body.view as Obj);
    return { ok: true, view: { id: `VH${user}`, ...(body.view as Obj) } };
  }
}

/** The first part's content of a multipart/form-data body. */
export function multipartContent(raw: string, contentType: string | undefined): string | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return null;
  const part = raw.split(`--${b}`)[1];
  if (part === undefined) return null;
  const start = part.indexOf('\r\n\r\n');
  return start < 0 ? null : part.slice(start + 4).replace(/\r\n$/, '');
}
