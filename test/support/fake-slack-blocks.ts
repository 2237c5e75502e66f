/**
 * Block Kit checks the fake Web API applies the way Slack does: a post that
 * breaks a limit is refused with `invalid_blocks` instead of being stored.
 * Only the block types Paperboy uses are accepted; anything else is refused too.
 */
export function blocksProblem(blocks: unknown): string | null {
  if (!Array.isArray(blocks)) return 'blocks is not an array';
  if (blocks.length > 50) return `too many blocks (${blocks.length} > 50)`;
  for (const [i, b] of blocks.entries()) {
    const problem = blockProblem(b);
    if (problem) return `block ${i}: ${problem}`;
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

function blockProblem(b: unknown): string | null {
  if (!isObj(b)) return 'not an object';
  switch (b.type) {
    case 'header':
      return textProblem(b.text, ['plain_text'], 150);
    case 'section':
      return textProblem(b.text, ['plain_text', 'mrkdwn'], 3000);
    case 'context': {
      const els = b.elements;
      if (!Array.isArray(els) || els.length < 1 || els.length > 10) return 'context needs 1–10 elements';
      for (const e of els) {
        const p = textProblem(e, ['plain_text', 'mrkdwn'], 3000);
        if (p) return `context element: ${p}`;
      }
      return null;
    }
    case 'divider':
      return null;
    default:
      return `unknown block type ${String(b.type)}`;
  }
}
