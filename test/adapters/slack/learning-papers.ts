import type { Paper } from '../../../src/papers/paper.js';
import { makePaper } from '../../support/papers.js';
import { createRng } from '../../../src/learn/eval/prng.js';

/**
 * Two sub-topics inside one over-broad rule ("graph neural network"): every
 * paper says the phrase once in its title and once in its abstract and has
 * the same upvotes, so the rules rank them equally and only the id breaks the
 * tie. Ids alternate between the sub-topics, so rule order alone shows about
 * half of each.
 */
export type Topic = 'molecules' | 'traffic';

const VOCAB: Record<Topic, { subjects: string[]; tasks: string[]; details: string[]; authors: string[] }> = {
  molecules: {
    subjects: [
      'Molecular Property Prediction',
      'Drug Discovery',
      'Protein Ligand Binding',
      'Quantum Chemistry',
      'Retrosynthesis Planning',
      'Molecule Generation',
      'Crystal Structure Screening',
      'Enzyme Function Annotation',
    ],
    tasks: [
      'predict binding affinity of small molecules',
      'screen drug candidates',
      'estimate molecular energies',
      'generate valid molecules',
      'rank protein ligand poses',
      'plan chemical synthesis routes',
    ],
    details: [
      'atoms as nodes and chemical bonds as edges',
      'conformer ensembles and 3D coordinates',
      'scaffold splits of molecular benchmarks',
      'protein pockets and ligand atoms',
      'reaction templates from patent chemistry',
    ],
    authors: ['Ada Fixture', 'Cy Example', 'Dee Sample', 'Eve Stub'],
  },
  traffic: {
    subjects: [
      'Traffic Forecasting',
      'Road Network Congestion',
      'Ride Hailing Demand',
      'Urban Mobility',
      'Spatio Temporal Sensor Data',
      'Travel Time Estimation',
      'Bike Sharing Demand',
      'Freeway Speed Prediction',
    ],
    tasks: [
      'forecast traffic speed on road sensors',
      'predict congestion across a city road network',
      'estimate ride hailing demand per region',
      'forecast travel times on urban roads',
      'predict freeway flow from loop detectors',
    ],
    details: [
      'road segments as nodes and intersections as edges',
      'spatio temporal attention over sensor readings',
      'hourly traffic flow from loop detectors',
      'mobility traces from city taxis',
      'weather and holiday covariates for urban demand',
    ],
    authors: ['Bob Placeholder', 'Fay Mock', 'Gus Dummy', 'Hal Fake'],
  },
};

/** Every word a sub-topic's papers can use beyond the shared phrase (authors' names included). */
export function topicWords(topic: Topic): Set<string> {
  const v = VOCAB[topic];
  return new Set(
    [...v.subjects, ...v.tasks, ...v.details, ...v.authors]
      .join(' ')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
}

/** The evaluation's deterministic PRNG (mulberry32) as a bare function: the same seed gives the same papers. */
export function prng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)] as T;

function topicPaper(topic: Topic, id: string, day: string, rnd: () => number): Paper {
  const v = VOCAB[topic];
  const subject = pick(v.subjects, rnd);
  return makePaper({
    id,
    title: `${subject} with a Graph Neural Network`,
    abstract: `We ${pick(v.tasks, rnd)} using a graph neural network. The model uses ${pick(v.details, rnd)}. Experiments on ${subject.toLowerCase()} benchmarks show gains over strong baselines.`,
    authors: [pick(v.authors, rnd), pick(v.authors, rnd)].filter((a, i, all) => all.indexOf(a) === i),
    hfDate: day,
    publishedAt: `${day}T06:00:00.000Z`,
    upvotes: 20,
    sources: ['hf'],
  });
}

/** `perTopic` papers of each sub-topic for `day` (day index `n` keeps ids unique), ids alternating topics. */
export function dayOfPapers(day: string, n: number, perTopic: number, rnd: () => number): { papers: Paper[]; topicOf: Map<string, Topic> } {
  const papers: Paper[] = [];
  const topicOf = new Map<string, Topic>();
  for (let i = 0; i < perTopic * 2; i++) {
    const topic: Topic = i % 2 === 0 ? 'molecules' : 'traffic';
    const id = `2599.${String(n).padStart(2, '0')}${String(i).padStart(3, '0')}`;
    papers.push(topicPaper(topic, id, day, rnd));
    topicOf.set(id, topic);
  }
  return { papers, topicOf };
}
