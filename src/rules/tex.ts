/**
 * TeX markup in titles and abstracts, read as the text a reader sees:
 * `$k$-means` is "k-means", `\emph{graph} neural network` is one phrase,
 * `$\ell_1$` is "ℓ1" (which folds to "l1"), `Erd\H{o}s` is "Erdős",
 * `$\beta$-VAE` is "β-VAE". Text without a backslash or a dollar sign is
 * returned as it is, so most papers pay one scan for each character class.
 */

// Accent commands and the combining mark each puts on its letter.
const ACCENTS: Readonly<Record<string, string>> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  H: '\u030b',
  v: '\u030c',
  u: '\u0306',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
};

const LETTERS: Readonly<Record<string, string>> = {
  o: 'ø',
  O: 'Ø',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'i',
  j: 'j',
  ell: 'ℓ',
};

const GREEK_NAMES = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ');
const GREEK: Record<string, string> = {};
GREEK_NAMES.forEach((name, i) => {
  // α is U+03B1; final sigma (U+03C2) sits between ρ and σ.
  const lower = String.fromCharCode(0x3b1 + i + (i >= 17 ? 1 : 0));
  GREEK[name] = lower;
  GREEK[name[0]?.toUpperCase() + name.slice(1)] = lower.toUpperCase();
});
for (const v of ['epsilon', 'theta', 'phi', 'rho', 'sigma', 'pi', 'kappa']) GREEK[`var${v}`] = GREEK[v] as string;

/** Commands that only style their argument: the reader sees the argument. */
const STYLES = new Set(
  `emph textit textbf textsc texttt textrm textsf textsl textup textnormal underline mathrm mathbf mathit mathsf
  mathtt mathcal mathbb mathfrak mathscr mathnormal boldsymbol bm operatorname text mbox hbox textmd hat widehat
  tilde widetilde bar overline vec dot ddot check breve acute grave`.split(/\s+/),
);
/** Old-style font switches (`{\em word}`): nothing to see. */
const SWITCHES = new Set('em bf it sl sc rm tt sf md up bfseries itshape scshape ttfamily rmfamily sffamily normalfont'.split(' '));
/** Commands the reader sees as a word. */
const WORDS = new Set('log ln exp sin cos tan max min sup inf arg argmax argmin det lim Pr dim ker deg gcd LaTeX TeX'.split(' '));

const isLetter = (c: string | undefined): c is string => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

export function readTex(text: string): string {
  if (text.indexOf('\\') < 0 && text.indexOf('$') < 0) return text;
  let out = '';
  let i = 0;
  const n = text.length;
  let math = false;
  const skipSpaces = (): void => {
    while (text[i] === ' ') i++;
  };
  /** The letter an accent sits on: `{o}`, `o`, `{\i}`, ` o` after a letter-named accent. */
  const accentArgument = (): string => {
    skipSpaces();
    let braced = false;
    if (text[i] === '{') {
      braced = true;
      i++;
    }
    let c = text[i] ?? '';
    if (c === '\\' && (text[i + 1] === 'i' || text[i + 1] === 'j') && !isLetter(text[i + 2])) {
      c = text[i + 1] as string;
      i += 2;
    } else if (c !== '' && c !== '}') i++;
    else c = '';
    if (braced && text[i] === '}') i++;
    return c;
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '$') {
      math = !math;
      i++;
    } else if (c === '{') {
      i++;
    } else if (c === '}') {
      i++;
      // "\frac{a}{b}": two arguments are two words.
      if (text[i] === '{') out += ' ';
    } else if (math && (c === '_' || c === '^')) {
      // A sub- or superscript is read with its base: "\ell_1" is "ℓ1", "L_p" is "Lp".
      i++;
    } else if (c !== '\\') {
      out += c;
      i++;
    } else {
      const next = text[i + 1];
      if (next !== undefined && '%&#$_{}'.includes(next)) {
        out += next;
        i += 2;
      } else if (next !== undefined && !isLetter(next) && ACCENTS[next]) {
        i += 2;
        const base = accentArgument();
        out += (base + (ACCENTS[next] as string)).normalize('NFC');
      } else if (isLetter(next)) {
        let j = i + 1;
        while (isLetter(text[j])) j++;
        const name = text.slice(i + 1, j);
        i = j;
        if (name.length === 1 && ACCENTS[name] && (text[i] === '{' || (text[i] === ' ' && isLetter(text[i + 1])))) {
          const base = accentArgument();
          out += (base + (ACCENTS[name] as string)).normalize('NFC');
        } else if (LETTERS[name] !== undefined) {
          out += LETTERS[name];
          // TeX eats the space after a control word: "Bj\o rn" is "Bjørn".
          if (name !== 'ell') skipSpaces();
        } else if (GREEK[name] !== undefined) {
          out += GREEK[name];
        } else if (STYLES.has(name)) {
          skipSpaces();
        } else if (SWITCHES.has(name)) {
          skipSpaces();
        } else if (WORDS.has(name)) {
          out += ` ${name} `;
        } else {
          // Any other command is a symbol or structure (\cdot, \leq, \cite): it separates words.
          out += ' ';
        }
      } else {
        // "\\", "\,", "\ ": spacing.
        out += ' ';
        i += 2;
      }
    }
  }
  return out;
}
