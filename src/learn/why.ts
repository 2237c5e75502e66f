import type { Paper } from '../papers/paper.js';
import type { ChannelModel, SimilarPaper, TermWeight } from './model.js';

/** The model's side of `/papers why <paper>`. */
export interface ModelReasons {
  probability: number;
  ready: boolean;
  positives: number;
  negatives: number;
  /** Papers the channel liked that look most like this one. */
  similar: SimilarPaper[];
  /** Terms that raised this paper's score the most. */
  terms: TermWeight[];
}

export function modelReasons(model: ChannelModel, paper: Paper, k = 3): ModelReasons {
  return {
    probability: model.probability(paper),
    ready: model.ready,
    positives: model.positives,
    negatives: model.negatives,
    similar: model.ready ? model.similarLiked(paper, k) : [],
    terms: model.ready ? model.topTerms(paper, k * 2) : [],
  };
}

function displayTerm(t: string): string {
  return t.startsWith('au:') ? `author ${t.slice(3)}` : `“${t}”`;
}

/**
 * Plain lines the chat layer can put under the rule reasons. A model that is
 * not ready says so and how far it is, rather than inventing reasons.
 */
export function formatModelReasons(r: ModelReasons): string[] {
  if (!r.ready) {
    return [`Learning: not enough feedback yet (${r.positives} liked, ${r.negatives} not), so the rules alone set the order.`];
  }
  const lines = [`Learned score: ${Math.round(r.probability * 100)}% likely to interest this channel.`];
  if (r.similar.length > 0) {
    lines.push(`Like papers you liked: ${r.similar.map((s) => `${s.paper.title} (${s.paper.id})`).join('; ')}`);
  }
  if (r.terms.length > 0) lines.push(`Terms that count for it: ${r.terms.map((t) => displayTerm(t.term)).join(', ')}`);
  return lines;
}
