import { splitArxivId } from '../papers/paper.js';

// New style since 2007 ("2412.01234", 4 digits before 2015), old style before ("hep-th/9901001", "math.AG/0601001").
const NEW_STYLE = /^\d{4}\.\d{4,5}(v\d+)?$/;
const OLD_STYLE = /^[a-z]+(-[a-z]+)*(\.[A-Z]{2})?\/\d{7}(v\d+)?$/;

export function isArxivId(raw: string): boolean {
  return NEW_STYLE.test(raw) || OLD_STYLE.test(raw);
}

/**
 * "http://arxiv.org/abs/2412.01234v2" (or a bare id) → { id: "2412.01234", version: 2 };
 * null when what follows /abs/ is not an arXiv id.
 */
export function parseArxivRef(raw: string): { id: string; version: number } | null {
  const trimmed = raw.trim();
  const abs = /\/abs\/(.+)$/.exec(trimmed);
  const candidate = abs?.[1] ?? trimmed;
  return isArxivId(candidate) ? splitArxivId(candidate) : null;
}
