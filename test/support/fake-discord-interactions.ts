/*
 * Discord's rules for interaction responses and message components, as the
 * fake enforces them: one initial response per interaction, type 8 only for
 * autocomplete (at most 25 choices of at most 100 characters), modals within
 * their limits, components within theirs.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const InteractionType = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

function formError(field: string, message: string): { status: number; body: unknown } {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { [field]: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message }] } } } };
}

/** Action rows of buttons on a message: ≤ 5 rows, ≤ 5 buttons a row, custom_id ≤ 100 and unique, label ≤ 80. */
export function componentsProblem(components: unknown): { status: number; body: unknown } | null {
  if (components === undefined) return null;
  if (!Array.isArray(components) || components.length > 5) return formError('components', 'Must be 5 or fewer in length.');
  const ids = new Set<string>();
  for (const [r, row] of components.entries()) {
    if (!isObj(row) || row.type !== 1 || !Array.isArray(row.components)) return formError(`components.${r}`, 'Expected an action row');
    if (row.components.length < 1 || row.components.length > 5) return formError(`components.${r}.components`, 'Must be between 1 and 5 in length.');
    for (const [c, b] of row.components.entries()) {
      const at = `components.${r}.components.${c}`;
      if (!isObj(b) || b.type !== 2) return formError(at, 'Only buttons are expected here');
      const style = Number(b.style);
      if (!(style >= 1 && style <= 4)) return formError(`${at}.style`, 'Invalid button style');
      const id = str(b.custom_id);
      if (id.length < 1 || id.length > 100) return formError(`${at}.custom_id`, 'Must be between 1 and 100 in length.');
      if (ids.has(id)) return formError(`${at}.custom_id`, 'Component custom id cannot be duplicated');
      ids.add(id);
      if (str(b.label).length > 80) return formError(`${at}.label`, 'Must be 80 or fewer in length.');
    }
  }
  return null;
}

function modalProblem(data: unknown): { status: number; body: unknown } | null {
  if (!isObj(data)) return formError('data', 'Modal data missing');
  const title = str(data.title);
  if (title.length < 1 || title.length > 45) return formError('data.title', 'Must be between 1 and 45 in length.');
  const id = str(data.custom_id);
  if (id.length < 1 || id.length > 100) return formError('data.custom_id', 'Must be between 1 and 100 in length.');
  const rows = data.components;
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > 5) return formError('data.components', 'Must be between 1 and 5 in length.');
  for (const [r, row] of rows.entries()) {
    const inputs = isObj(row) && Array.isArray(row.components) ? row.components : [];
    if (!isObj(row) || row.type !== 1 || inputs.length !== 1) return formError(`data.components.${r}`, 'A modal row holds one text input');
    const input = inputs[0];
    if (!isObj(input) || input.type !== 4) return formError(`data.components.${r}.components.0`, 'Expected a text input');
    if (str(input.label).length < 1 || str(input.label).length > 45)
      return formError(`data.components.${r}.components.0.label`, 'Must be between 1 and 45 in length.');
    if (input.style !== 1 && input.style !== 2) return formError(`data.components.${r}.components.0.style`, 'Invalid text input style');
    if (input.max_length !== undefined && (Number(input.max_length) < 1 || Number(input.max_length) > 4000))
      return formError(`data.components.${r}.components.0.max_length`, 'Must be between 1 and 4000.');
  }
  return null;
}

/** What Discord answers to an initial response of `body` for an interaction of `interactionType`; null when accepted. */
export function interactionResponseProblem(
  interactionType: number,
  body: Json,
  messageProblem: (b: Json) => unknown,
): { status: number; body: unknown } | null {
  const type = Number(body.type);
  const data = isObj(body.data) ? body.data : {};
  const allowed: Record<number, readonly number[]> = {
    [InteractionType.Ping]: [1],
    [InteractionType.Command]: [4, 5, 9],
    [InteractionType.Component]: [4, 5, 6, 7, 9],
    [InteractionType.Autocomplete]: [8],
    [InteractionType.ModalSubmit]: [4, 5, 6, 7],
  };
  if (!(allowed[interactionType] ?? []).includes(type)) {
    return {
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          type: {
            _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Response type ${type} is not valid for interaction type ${interactionType}` }],
          },
        },
      },
    };
  }
  if (type === 8) {
    const choices = Array.isArray(data.choices) ? data.choices : null;
    if (!choices) return formError('data.choices', 'This field is required');
    if (choices.length > 25) return formError('data.choices', 'Must be 25 or fewer in length.');
    for (const [i, c] of choices.entries()) {
      if (!isObj(c) || str(c.name).length < 1 || str(c.name).length > 100) return formError(`data.choices.${i}.name`, 'Must be between 1 and 100 in length.');
      if (str(c.value).length > 100) return formError(`data.choices.${i}.value`, 'Must be 100 or fewer in length.');
    }
    return null;
  }
  if (type === 9) return modalProblem(body.data);
  if (type === 4 || type === 7) {
    const bad = messageProblem(data);
    return (bad as { status: number; body: unknown } | null) ?? componentsProblem(data.components);
  }
  return null;
}

/** A multipart/form-data body (discord.js sends files so): `payload_json` becomes the body, files are listed. */
export function parseMultipart(raw: Buffer, contentType: string): { body: Json; files: { field: string; name: string; content: string }[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2] ?? '';
  const files: { field: string; name: string; content: string }[] = [];
  let body: Json = {};
  for (const part of raw.toString('utf8').split(`--${b}`).slice(1)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const content = part.slice(split + 4).replace(/\r\n$/, '');
    const field = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (field === 'payload_json') body = JSON.parse(content) as Json;
    else if (filename !== undefined) files.push({ field, name: filename, content });
  }
  return { body, files };
}
