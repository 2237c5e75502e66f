/**
 * Over-broad rules and the two sub-topics each one lumps together. A channel's
 * hidden preference is one sub-topic of its rule; both sub-topics use the rule
 * phrase equally, so the rules alone cannot tell them apart.
 */
export interface Scenario {
  rule: string;
  subtopics: readonly [readonly string[], readonly string[]];
  /** Phrases either sub-topic uses, so a single shared word decides nothing. */
  shared: readonly string[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    rule: 'language model',
    subtopics: [
      [
        'mathematical reasoning',
        'chain of thought',
        'theorem proving',
        'math word problems',
        'step by step reasoning',
        'process reward model',
        'solution verifier',
        'olympiad problems',
        'symbolic solver',
        'proof search',
        'arithmetic',
      ],
      [
        'machine translation',
        'low resource languages',
        'multilingual corpora',
        'cross lingual transfer',
        'speech recognition',
        'dialect variation',
        'code switching',
        'tokenizer coverage',
        'parallel corpora',
        'african languages',
        'morphology',
      ],
    ],
    shared: ['instruction tuning', 'benchmark', 'fine tuning', 'scaling', 'evaluation suite', 'open weights', 'pretraining data'],
  },
  {
    rule: 'diffusion',
    subtopics: [
      [
        'image generation',
        'text to image',
        'video synthesis',
        'image editing',
        'super resolution',
        'style transfer',
        'inpainting',
        'visual fidelity',
        'photorealistic scenes',
        'camera control',
        'aesthetic quality',
      ],
      [
        'protein design',
        'molecule generation',
        'drug discovery',
        'crystal structure',
        'materials discovery',
        'molecular dynamics',
        'binding affinity',
        'small molecules',
        'sequence design',
        'conformer generation',
        'chemical space',
      ],
    ],
    shared: ['sampling steps', 'denoising', 'score matching', 'guidance', 'latent space', 'generative prior', 'noise schedule'],
  },
  {
    rule: 'reinforcement learning',
    subtopics: [
      [
        'robot manipulation',
        'legged locomotion',
        'sim to real',
        'grasping',
        'quadruped robot',
        'dexterous hands',
        'motion planning',
        'embodied agent',
        'tactile sensing',
        'real world deployment',
        'teleoperation',
      ],
      [
        'human feedback',
        'reward model',
        'preference optimization',
        'alignment',
        'instruction following',
        'verifiable rewards',
        'harmlessness',
        'chat assistant',
        'reward hacking',
        'policy optimization for language',
        'red teaming',
      ],
    ],
    shared: ['policy gradient', 'exploration', 'value function', 'sample efficiency', 'offline data', 'reward shaping', 'agent'],
  },
];

export const FIRST_NAMES = [
  'Ada',
  'Bob',
  'Chen',
  'Dana',
  'Emil',
  'Fay',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lea',
  'Milo',
  'Nia',
  'Omar',
  'Pia',
  'Quin',
  'Rosa',
  'Sami',
  'Tove',
];
export const LAST_NAMES = [
  'Fixture',
  'Placeholder',
  'Sample',
  'Seedling',
  'Stub',
  'Dummy',
  'Mock',
  'Proxy',
  'Draft',
  'Sketch',
  'Replica',
  'Token',
  'Example',
  'Specimen',
  'Surrogate',
];
