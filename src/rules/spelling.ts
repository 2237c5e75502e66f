/**
 * Spellings that mean the same word, from curated lists: British and American
 * spelling, irregular plurals of the field's vocabulary, Greek letters. Every
 * entry names its words: no pattern applies to a word the lists do not name,
 * so `optimal` stays apart from `optimization` and `tour` from `tor`.
 * Words here are lower case with accents already stripped (see fold.ts).
 */

/** Word roots spelled -ise/-isation in British and -ize/-ization in American English (regularise, normalise, optimise…). */
const ISE_ROOTS = `
  actual aestheti agon amort anatom anonym antagon apolog author binar canonical capital categor central character
  civil colon color commercial conceptual contextual critic crystall custom decentral democrat demon diagonal digit
  discret dramat econom emphas energ equal extern factor fertil final formal fossil general global harmon homogen
  hospital human hypothes ideal immun individual industrial initial institutional internal ion item jeopard legal
  lemmat lexical linear local marginal maxim memor metabol miniatur minim mobil modern monet moral natural neutral
  normal operational optim organ orthogonal parallel parameter parametr pasteur patron penal personal polar polymer
  popular prior privat public quant random raster rational real recogn regular rhythm sanit scrutin sensit serial
  social special stabil standard steril styl subsid summar symbol synchron synthes system theor token total trivial
  union util vapor vector verbal victim virtual visual vocal voxel western
`
  .split(/\s+/)
  .filter(Boolean);

/** British -ise endings and their American forms. */
const ISE_SUFFIXES: readonly [string, string][] = [
  ['isations', 'izations'],
  ['isation', 'ization'],
  ['isers', 'izers'],
  ['iser', 'izer'],
  ['ising', 'izing'],
  ['ised', 'ized'],
  ['ises', 'izes'],
  ['ise', 'ize'],
  ['isable', 'izable'],
];

/** -yse (British) / -yze (American): analyse, paralyse, catalyse… */
const YSE_ROOTS = ['anal', 'paral', 'catal', 'hydrol', 'dial', 'electrol', 'pyrol', 'photol'];
const YSE_SUFFIXES: readonly [string, string][] = [
  ['ysers', 'yzers'],
  ['yser', 'yzer'],
  ['ysing', 'yzing'],
  ['ysed', 'yzed'],
  ['yses', 'yzes'],
  ['yse', 'yze'],
];

/** -our (British) / -or (American), anywhere in the word: colour, coloured, watercolour, behavioural, neighbourhood. */
const OUR_WORDS = `
  ardour armour behaviour candour clamour colour demeanour endeavour favour fervour flavour harbour honour humour
  labour neighbour odour parlour rigour rumour saviour savour splendour succour tumour valour vapour vigour
`
  .split(/\s+/)
  .filter(Boolean);

/** Roots doubling a final l before -ed/-ing/-er in British English only: modelled, labelling, travellers, signalling. */
const LL_ROOTS = `
  cancel channel counsel dial duel equal fuel funnel initial jewel label level marshal marvel model panel pedal
  pencil rival shovel signal snorkel spiral total travel tunnel
`
  .split(/\s+/)
  .filter(Boolean);
const LL_SUFFIXES: readonly [string, string][] = [
  ['lled', 'led'],
  ['lling', 'ling'],
  ['llers', 'lers'],
  ['ller', 'ler'],
  ['llous', 'lous'],
];

/** -tre (British) / -ter (American): centre, centred, kilometres, fibres. */
const TRE_ROOTS = ['cent', 'met', 'lit', 'fib', 'theat', 'calib', 'spect', 'lust', 'somb', 'meag', 'sab'];
const TRE_SUFFIXES: readonly [string, string][] = [
  ['res', 'ers'],
  ['red', 'ered'],
  ['ring', 'ering'],
  ['re', 'er'],
];

/** Other British spellings, whole words with the endings each takes. */
const WORDS: readonly [british: string, american: string, endings: string[]][] = [
  ['programme', 'program', ['s']],
  ['grey', 'gray', ['s', 'er', 'ish', 'scale', 'scales', 'ness']],
  ['artefact', 'artifact', ['s', 'ual']],
  ['catalogue', 'catalog', ['s']],
  ['analogue', 'analog', ['s']],
  ['defence', 'defense', ['s', 'less']],
  ['offence', 'offense', ['s']],
  ['licence', 'license', ['s']],
  ['judgement', 'judgment', ['s', 'al']],
  ['acknowledgement', 'acknowledgment', ['s']],
  ['ageing', 'aging', []],
  ['learnt', 'learned', []],
  ['spelt', 'spelled', []],
  ['dreamt', 'dreamed', []],
  ['burnt', 'burned', []],
  ['fulfil', 'fulfill', ['s', 'ment']],
  ['enrol', 'enroll', ['s', 'ment', 'ments']],
  ['instil', 'instill', ['s']],
  ['distil', 'distill', ['s']],
  ['skilful', 'skillful', ['ly']],
  ['wilful', 'willful', ['ly']],
  ['aluminium', 'aluminum', []],
  ['sceptical', 'skeptical', []],
  ['scepticism', 'skepticism', []],
  ['manoeuvre', 'maneuver', ['s']],
  ['manoeuvring', 'maneuvering', []],
  ['tyre', 'tire', ['s']],
  ['aeroplane', 'airplane', ['s']],
  ['plough', 'plow', ['s']],
  ['paediatric', 'pediatric', ['s']],
  ['orthopaedic', 'orthopedic', ['s']],
  ['anaesthesia', 'anesthesia', []],
  ['anaemia', 'anemia', []],
  ['leukaemia', 'leukemia', []],
  ['haemorrhage', 'hemorrhage', ['s']],
  ['haemoglobin', 'hemoglobin', []],
  ['oedema', 'edema', []],
  ['oesophageal', 'esophageal', []],
  ['oestrogen', 'estrogen', []],
  ['foetal', 'fetal', []],
  ['foetus', 'fetus', []],
  ['diarrhoea', 'diarrhea', []],
];

/**
 * Plurals English borrowed with their Latin or Greek ending, and a few old
 * ones: each folds to its singular. Where the plural is also another word's
 * form (`bases` of `base`, British `analyses` of `analyse`), the second entry
 * is that other word: such a word in a paper then matches either.
 */
const IRREGULAR: readonly [plural: string, singular: string, other?: string][] = [
  ['matrices', 'matrix'],
  ['indices', 'index'],
  ['vertices', 'vertex'],
  ['simplices', 'simplex'],
  ['apices', 'apex'],
  ['appendices', 'appendix'],
  ['cortices', 'cortex'],
  ['helices', 'helix'],
  ['analyses', 'analysis', 'analyze'],
  ['hypotheses', 'hypothesis'],
  ['theses', 'thesis'],
  ['syntheses', 'synthesis'],
  ['parentheses', 'parenthesis'],
  ['diagnoses', 'diagnosis', 'diagnose'],
  ['prognoses', 'prognosis'],
  ['crises', 'crisis'],
  ['axes', 'axis', 'axe'],
  ['ellipses', 'ellipsis', 'ellipse'],
  ['bases', 'basis', 'base'],
  ['criteria', 'criterion'],
  ['phenomena', 'phenomenon'],
  ['automata', 'automaton'],
  ['polyhedra', 'polyhedron'],
  ['corpora', 'corpus'],
  ['datum', 'data'],
  ['schemata', 'schema'],
  ['lemmata', 'lemma'],
  ['radii', 'radius'],
  ['foci', 'focus'],
  ['nuclei', 'nucleus'],
  ['stimuli', 'stimulus'],
  ['loci', 'locus'],
  ['termini', 'terminus'],
  ['fungi', 'fungus'],
  ['formulae', 'formula'],
  ['optima', 'optimum'],
  ['maxima', 'maximum'],
  ['minima', 'minimum'],
  ['extrema', 'extremum'],
  ['spectra', 'spectrum'],
  ['quanta', 'quantum'],
  ['curricula', 'curriculum'],
  ['strata', 'stratum'],
  ['errata', 'erratum'],
  ['bacteria', 'bacterium'],
  ['genera', 'genus'],
  ['larvae', 'larva'],
  ['antennae', 'antenna'],
  ['vertebrae', 'vertebra'],
  ['nebulae', 'nebula'],
  ['children', 'child'],
  ['mice', 'mouse'],
  ['geese', 'goose'],
  ['teeth', 'tooth'],
  ['women', 'woman'],
  ['leaves', 'leaf', 'leave'],
  ['halves', 'half', 'halve'],
  ['selves', 'self'],
  ['shelves', 'shelf'],
  ['wolves', 'wolf'],
  ['knives', 'knife'],
];

/** A word's canonical (American, singular) spelling and, for a few ambiguous plurals, a second word it may also be. */
export interface Respelling {
  word: string;
  other: string | null;
}

const exact = new Map<string, Respelling>();
for (const [plural, singular, other] of IRREGULAR) exact.set(plural, { word: singular, other: other ?? null });
for (const [british, american, endings] of WORDS) {
  exact.set(british, { word: american, other: null });
  for (const e of endings) exact.set(british + e, { word: american + e, other: null });
}

const iseRoots = new Set(ISE_ROOTS);
const yseRoots = new Set(YSE_ROOTS);
const llRoots = new Set(LL_ROOTS);
const treRoots = new Set(TRE_ROOTS);

/** A root from `roots` that `stem` ends with (prefixed forms count: `unnormalised`, `relabelled`, `kilometres`). */
function endsWithRoot(stem: string, roots: ReadonlySet<string>): boolean {
  for (let k = stem.length; k >= 0; k--) if (roots.has(stem.slice(k))) return true;
  return false;
}

function bySuffix(w: string, suffixes: readonly [string, string][], roots: ReadonlySet<string>, rootEnd = 0): string | null {
  for (const [british, american] of suffixes) {
    if (!w.endsWith(british)) continue;
    const stem = w.slice(0, w.length - british.length + rootEnd);
    if (stem.length >= 3 && endsWithRoot(stem, roots)) return w.slice(0, w.length - british.length) + american;
  }
  return null;
}

function ourToOr(w: string): string | null {
  const i = w.indexOf('our');
  if (i < 0) return null;
  for (const british of OUR_WORDS) {
    const at = w.indexOf(british);
    if (at >= 0) return `${w.slice(0, at)}${british.slice(0, -3)}or${w.slice(at + british.length)}`;
  }
  return null;
}

/**
 * The canonical spelling of a folded word: British → American where the word
 * is on a list above, an irregular plural → its singular. Null when the word
 * is spelled as it is indexed.
 */
export function respell(w: string): Respelling | null {
  const hit = exact.get(w);
  if (hit) return hit;
  if (w.length < 5) return null;
  // Only the ending decides which list to ask, so a word pays for one list at most.
  const last = w.charCodeAt(w.length - 1);
  let out: string | null = null;
  if (w.includes('is')) out = bySuffix(w, ISE_SUFFIXES, iseRoots);
  if (out === null && w.includes('ys')) out = bySuffix(w, YSE_SUFFIXES, yseRoots);
  // "modelled" is root "model" + "led": the root keeps one l.
  if (out === null && w.includes('ll')) out = bySuffix(w, LL_SUFFIXES, llRoots, 1);
  if (out === null && (last === 0x65 || last === 0x73 || last === 0x64 || last === 0x67) && w.includes('r')) out = bySuffix(w, TRE_SUFFIXES, treRoots);
  if (out === null) out = ourToOr(w);
  if (out !== null) {
    // A word can take two respellings: "colourisation" → "colorisation" → "colorization".
    const again = out !== w ? respell(out) : null;
    return again ?? { word: out, other: null };
  }
  return null;
}

/** Greek letters (lower case, after NFKD: ϵ, ϑ, ϕ, µ are already ε, θ, φ, μ) by their English names. */
export const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  ς: 'sigma',
  σ: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};
