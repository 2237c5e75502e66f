/**
 * Block Kit checks the fake Web API applies the way Slack does: a post, view
 * or response that breaks a limit is refused with `invalid_blocks` (views:
 * `invalid_arguments`) instead of being stored. Only the block and element
 * types Paperboy uses are accepted; anything else is refused too.
 */
export type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

export function blocksProblem(blocks: unknown, surface: Surface = 'message'): string | null {
  if (!Array.isArray(blocks)) return 'blocks is not an array';
  const max = MAX_BLOCKS[surface];
  if (blocks.length > max) return `too many blocks (${blocks.length} > ${max})`;
  const ids = new Set<string>();
  for (const [i, b] of blocks.entries()) {
    const problem = blockProblem(b, surface);
    if (problem) return `block ${i}: ${problem}`;
    const id = isObj(b) ? b.block_id : undefined;
    if (id !== undefined) {
      if (typeof id !== 'string' || id.length < 1 || id.length > 255) return `block ${i}: block_id must be 1–255 characters`;
      if (ids.has(id)) return `block ${i}: duplicate block_id ${id}`;
      ids.add(id);
    }
  }
  return null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function textProblem(t: unknown, types: readonly string[], max: number): string | null {
  if (!isObj(t)) return 'text object missing';
  if (typeof t.type !== 'string' || !types.includes(t.type)) return `text type ${String(t.type)} not allowed`;
  const text = t.text;
  if (typeof text !== 'string' || text.length < 1) return 'empty text';
  if (text.length > max) return `text longer than ${max} (${text.length})`;
  return null;
}

function imageProblem(e: Obj): string | null {
  if (typeof e.image_url !== 'string' || !/^https?:\/\//.test(e.image_url) || e.image_url.length > 3000)
    return 'image_url must be an http(s) URL of at most 3000';
  if (typeof e.alt_text !== 'string' || e.alt_text.length < 1 || e.alt_text.length > 2000) return 'image alt_text must be 1–2000 characters';
  return null;
}

function buttonProblem(e: Obj): string | null {
  const text = textProblem(e.text, ['plain_text'], 75);
  if (text) return `button ${text}`;
  if (typeof e.action_id !== 'string' || e.action_id.length < 1 || e.action_id.length > 255) return 'button action_id must be 1–255 characters';
  if (e.value !== undefined && (typeof e.value !== 'string' || e.value.length > 2000)) return 'button value longer than 2000';
  if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') return `button style ${String(e.style)} not allowed`;
  return null;
}

function elementProblem(e: unknown): string | null {
  if (!isObj(e)) return 'element is not an object';
  if (e.type === 'image') return imageProblem(e);
  if (e.type === 'button') return buttonProblem(e);
  return `unknown element type ${String(e.type)}`;
}

function inputProblem(b: Obj): string | null {
  const label = textProblem(b.label, ['plain_text'], 2000);
  if (label) return `input label: ${label}`;
  if (b.hint !== undefined) {
    const hint = textProblem(b.hint, ['plain_text'], 2000);
    if (hint) return `input hint: ${hint}`;
  }
  const e = b.element;
  if (!isObj(e) || e.type !== 'plain_text_input') return 'input element must be a plain_text_input';
  if (typeof e.action_id !== 'string' || e.action_id.length < 1 || e.action_id.length > 255) return 'input action_id must be 1–255 characters';
  if (e.max_length !== undefined && (typeof e.max_length !== 'number' || e.max_length > 3000)) return 'input max_length over 3000';
  if (e.placeholder !== undefined) {
    const p = textProblem(e.placeholder, ['plain_text'], 150);
    if (p) return `input placeholder: ${p}`;
  }
  return null;
}

function blockProblem(b: unknown, surface: Surface): string | null {
  if (!isObj(b)) return 'not an object';
  switch (b.type) {
    case 'header':
      return textProblem(b.text, ['plain_text'], 150);
    case 'section': {
      const text = textProblem(b.text, ['plain_text', 'mrkdwn'], 3000);
      if (text) return text;
      if (b.accessory === undefined) return null;
      const problem = elementProblem(b.accessory);
      return problem ? `accessory: ${problem}` : null;
    }
    case 'context': {
      const els = b.elements;
      if (!Array.isArray(els) || els.length < 1 || els.length > 10) return 'context needs 1–10 elements';
      for (const e of els) {
        const p = isObj(e) && e.type === 'image' ? imageProblem(e) : textProblem(e, ['plain_text', 'mrkdwn'], 3000);
        if (p) return `context element: ${p}`;
      }
      return null;
    }
    case 'actions': {
      const els = b.elements;
      if (!Array.isArray(els) || els.length < 1 || els.length > 25) return 'actions needs 1–25 elements';
      const ids = new Set<string>();
      for (const e of els) {
        const p = elementProblem(e);
        if (p) return `actions element: ${p}`;
        const id = (e as Obj).action_id;
        if (typeof id === 'string') {
          if (ids.has(id)) return `actions element: duplicate action_id ${id}`;
          ids.add(id);
        }
      }
      return null;
    }
    case 'image':
      return imageProblem(b);
    case 'input':
      return surface === 'modal' ? inputProblem(b) : 'input blocks belong in modals';
    case 'divider':
      return null;
    default:
      return `unknown block type ${String(b.type)}`;
  }
}
