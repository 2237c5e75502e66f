import { describe, expect, it } from 'vitest';
import type { ChannelLabel } from '../../src/learn/feedback.js';
import { trainChannelModel, type LabeledPaper } from '../../src/learn/model.js';
import { formatModelReasons, modelReasons } from '../../src/learn/why.js';
import { makePaper } from '../support/papers.js';

const label = (paperId: string, y: 0 | 1, kind: ChannelLabel['kind'] = y ? 'positive' : 'negative'): ChannelLabel => ({
  paperId,
  label: y,
  weight: kind === 'weak-negative' ? 0.1 : 1,
  kind,
  up: y,
  down: 1 - y,
  replies: 0,
});

function labeled(topic: string, y: 0 | 1, n: number, kind?: ChannelLabel['kind']): LabeledPaper[] {
  return Array.from({ length: n }, (_, i) => {
    const paper = makePaper({ title: `${topic} study ${i}`, abstract: `We apply language models to ${topic} with careful evaluation number ${i}.` });
    return { paper, label: label(paper.id, y, kind) };
  });
}

describe('trainChannelModel', () => {
  const data = [...labeled('theorem proving', 1, 6), ...labeled('machine translation', 0, 4)];

  it('is ready from 5 positives and 3 negatives, with evidence growing toward 1', () => {
    expect(trainChannelModel(data.slice(0, 4).concat(data.slice(6))).ready).toBe(false);
    expect(trainChannelModel(data.slice(0, 8)).ready).toBe(false);
    const m = trainChannelModel(data);
    expect(m).toMatchObject({ ready: true, positives: 6, negatives: 4, explicitNegatives: 4 });
    expect(m.evidence).toBeCloseTo(10 / 40, 12);
    expect(trainChannelModel(data, { fullEvidenceAt: 5 }).evidence).toBe(1);
  });

  it('weak negatives count toward readiness but not toward evidence', () => {
    const m = trainChannelModel([...labeled('theorem proving', 1, 5), ...labeled('chemistry', 0, 3, 'weak-negative')]);
    expect(m).toMatchObject({ ready: true, negatives: 3, explicitNegatives: 0 });
    expect(m.evidence).toBeCloseTo(5 / 40, 12);
  });

  it('ranks an unseen paper of the liked topic above one of the disliked topic', () => {
    const m = trainChannelModel(data);
    const liked = makePaper({ title: 'Faster theorem proving', abstract: 'Language models for theorem proving.' });
    const disliked = makePaper({ title: 'Faster machine translation', abstract: 'Language models for machine translation.' });
    expect(m.probability(liked)).toBeGreaterThan(0.5);
    expect(m.probability(disliked)).toBeLessThan(0.5);
  });

  it('explains with the liked topic terms and the most similar liked papers', () => {
    const m = trainChannelModel(data);
    const paper = makePaper({ title: 'Theorem proving at scale', abstract: 'Language models for theorem proving.' });
    const terms = m.topTerms(paper, 3).map((t) => t.term);
    expect(terms.some((t) => t.includes('theorem') || t.includes('proving'))).toBe(true);
    expect(terms.some((t) => t.includes('translation'))).toBe(false);
    const similar = m.similarLiked(paper, 2);
    expect(similar).toHaveLength(2);
    expect(similar.every((s) => s.paper.title.startsWith('theorem proving'))).toBe(true);
    expect(similar[0]!.similarity).toBeGreaterThanOrEqual(similar[1]!.similarity);
  });

  it('with one class only it has no opinion to reorder by', () => {
    const m = trainChannelModel(labeled('theorem proving', 1, 6));
    const a = makePaper({ title: 'theorem proving' });
    const b = makePaper({ title: 'machine translation' });
    expect(m.probability(a)).toBe(m.probability(b));
    expect(m.ready).toBe(false);
  });
});

describe('why', () => {
  it('lists similar liked papers and terms when ready', () => {
    const m = trainChannelModel([...labeled('theorem proving', 1, 6), ...labeled('machine translation', 0, 4)]);
    const lines = formatModelReasons(modelReasons(m, makePaper({ title: 'Theorem proving', abstract: 'theorem proving' })));
    expect(lines[0]).toMatch(/^Learned score: \d+% likely/);
    expect(lines.join('\n')).toMatch(/Like papers you liked: theorem proving study/);
    expect(lines.join('\n')).toMatch(/Terms that count for it: .*theorem/);
  });

  it('says it is still learning when not ready', () => {
    const m = trainChannelModel(labeled('theorem proving', 1, 2));
    const r = modelReasons(m, makePaper());
    expect(r.similar).toEqual([]);
    expect(formatModelReasons(r)).toEqual(['Learning: not enough feedback yet (2 liked, 0 not), so the rules alone set the order.']);
  });
});
