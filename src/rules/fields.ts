import type { TextField } from './ast.js';
import type { MatchField } from './engine.js';

export const TEXT_FIELDS: readonly TextField[] = ['title', 'abstract', 'keywords', 'authors'];
export const FIELD_BIT: Record<TextField, number> = { title: 1, abstract: 2, keywords: 4, authors: 8 };
/** Per-term score by field. Ranking puts title hits first anyway (see rank.ts); this orders the rest. */
export const WEIGHT: Record<MatchField, number> = { title: 4, keywords: 2, authors: 2, abstract: 1, category: 1, upvotes: 1 };
