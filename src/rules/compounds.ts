import { foldCase, foldWord } from './fold.js';

/**
 * Compounds the field writes closed, hyphenated and open alike
 * (`pretrained` = `pre-trained` = `pre trained`), written with a hyphen
 * where they split. Only these join: no rule glues any two words, so
 * `network` never matches "net work". Hyphens and spaces read the same
 * (both separate words), so an entry is left out when its open form is
 * common with another meaning ("a key point", "on line 5").
 */
export const CURATED_COMPOUNDS: readonly string[] = `
  pre-trained pre-training pre-processing post-processing post-training
  multi-modal multi-modality multi-task multi-agent multi-lingual multi-view multi-scale multi-head multi-class
  multi-label multi-step multi-turn multi-hop multi-objective multi-channel
  self-attention self-supervised self-supervision self-training self-play self-consistency self-distillation
  self-driving self-refinement semi-supervised
  data-set data-base data-center data-point data-flow data-loader data-store code-book code-base
  fine-tuning fine-grained hyper-parameter hyper-network hyper-graph back-propagation back-bone bench-mark
  check-point frame-work work-load work-flow key-frame time-step time-series trade-off speed-up roll-out
  ground-truth feed-forward run-time real-time low-rank zero-shot few-shot one-shot
  super-resolution under-fitting over-fitting over-parameterized over-parametrized under-parameterized
  non-linear non-linearity non-convex non-smooth non-stationary non-parametric non-negative
  co-training co-occurrence co-reference cross-entropy cross-modal cross-lingual cross-attention cross-domain
  cross-validation in-painting out-painting sub-graph sub-network sub-space sub-word sub-task sub-sampling
  up-sampling down-sampling re-ranking re-training re-weighting re-parameterization meta-learning
  de-noising de-blurring auto-encoder auto-encoders auto-regressive auto-encoding spatio-temporal audio-visual
  visuo-motor hand-crafted hand-written life-long long-tail max-pooling soft-max
`
  .split(/\s+/)
  .filter(Boolean);

/** A compound as index keys: its closed form (`pretrain`) and its parts (`pre`, `train`). */
export interface Compound {
  closed: string;
  parts: string[];
}

/** Compounds by the key of their closed form and by the key of their first part. */
export class CompoundLexicon {
  private readonly byClosed = new Map<string, Compound>();
  private readonly byFirst = new Map<string, Compound[]>();

  constructor(written: Iterable<string>) {
    for (const w of written) this.add(w);
  }

  /** Adds "pre-trained" (any of - ‐ ‑ between parts). */
  add(written: string): void {
    const pieces = written.split(/[-‐‑]/).filter(Boolean);
    if (pieces.length < 2) return;
    const closed = foldWord(pieces.join(''));
    const parts = pieces.map(foldWord);
    if (this.byClosed.has(closed)) return;
    const c = { closed, parts };
    this.byClosed.set(closed, c);
    const first = parts[0] as string;
    const list = this.byFirst.get(first);
    if (list) list.push(c);
    else this.byFirst.set(first, [c]);
  }

  /** The parts of a closed compound's key, or undefined. */
  partsOf(closedKey: string): readonly string[] | undefined {
    return this.byClosed.get(closedKey)?.parts;
  }

  /** Compounds whose first part has this key. */
  startingWith(key: string): readonly Compound[] | undefined {
    return this.byFirst.get(key);
  }
}

export const COMPOUNDS = new CompoundLexicon(CURATED_COMPOUNDS);

const HYPHENATED = /(?<![\p{L}\p{N}\-‐‑])(\p{L}{2,})[-‐‑](\p{L}{2,})(?![\p{L}\p{N}\-‐‑])/gu;
const WORD = /\p{L}{5,}/gu;

/**
 * Compounds a corpus shows both ways: written with a hyphen ("multi-modal")
 * and closed ("multimodal"), in any inflection. The text's own evidence, not
 * a rule that glues any two words: "net-work" is only found if some text
 * writes it so. Open forms ("data set") are not evidence, as two adjacent
 * words are most often just two words ("in to", "a part").
 * Returns the hyphenated forms, first seen first.
 */
export function deriveCompounds(texts: Iterable<string>): string[] {
  const closed = new Set<string>();
  const pairs = new Map<string, string>();
  for (const text of texts) {
    scanCompoundEvidence(
      text,
      (key) => closed.add(key),
      (key, written) => {
        if (!pairs.has(key)) pairs.set(key, written);
      },
    );
  }
  const out: string[] = [];
  for (const [key, written] of pairs) if (closed.has(key)) out.push(written);
  return out;
}

/** The evidence one text gives: each closed word's key, and each hyphenated pair's closed key with how it was written. */
export function scanCompoundEvidence(text: string, closedWord: (key: string) => void, hyphenated: (closedKey: string, written: string) => void): void {
  for (const m of text.matchAll(WORD)) closedWord(foldWord(m[0]));
  for (const m of text.matchAll(HYPHENATED)) {
    const a = foldCase(m[1] as string);
    const b = foldCase(m[2] as string);
    hyphenated(foldWord(a + b), `${a}-${b}`);
  }
}
