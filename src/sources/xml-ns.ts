/**
 * fast-xml-parser keeps element names as written ("opensearch:totalResults"),
 * but a prefix is only a document's local alias for a namespace URI. This
 * pass resolves each element's prefix through the xmlns declarations in scope
 * and renames it to a fixed prefix per known namespace, so the reader does not
 * depend on how a given feed spells its prefixes.
 */

export type XmlNode = Record<string, unknown>;

/** Namespace URI → the name prefix the reader uses ('' = unprefixed). */
export type NamespaceNames = (uri: string) => string | null;

const XMLNS = '@_xmlns';

export function resolveNamespaces(node: unknown, names: NamespaceNames, scope: ReadonlyMap<string, string> = new Map()): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveNamespaces(n, names, scope));
  if (typeof node !== 'object' || node === null) return node;
  const inner = withDeclarations(node as XmlNode, scope);
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key === XMLNS || key.startsWith(`${XMLNS}:`)) continue;
    if (key.startsWith('@_') || key.startsWith('#') || key.startsWith('?')) {
      out[key] = value;
      continue;
    }
    // An element's own xmlns attributes already apply to its own name (<atom:feed xmlns:atom="…">).
    const first: unknown = Array.isArray(value) ? value[0] : value;
    const own = typeof first === 'object' && first !== null ? withDeclarations(first as XmlNode, inner) : inner;
    out[rename(key, own, names)] = resolveNamespaces(value, names, inner);
  }
  return out;
}

function withDeclarations(node: XmlNode, scope: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let inner: Map<string, string> | null = null;
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== 'string' || !(key === XMLNS || key.startsWith(`${XMLNS}:`))) continue;
    inner ??= new Map(scope);
    inner.set(key === XMLNS ? '' : key.slice(XMLNS.length + 1), value);
  }
  return inner ?? scope;
}

function rename(key: string, scope: ReadonlyMap<string, string>, names: NamespaceNames): string {
  const colon = key.indexOf(':');
  const prefix = colon === -1 ? '' : key.slice(0, colon);
  const local = colon === -1 ? key : key.slice(colon + 1);
  const uri = scope.get(prefix);
  // An undeclared prefix is left as written rather than guessed.
  const mapped = uri === undefined ? null : names(uri);
  if (mapped === null) return key;
  return mapped === '' ? local : `${mapped}:${local}`;
}

export function asArray(x: unknown): unknown[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? x : [x];
}

/** Text content of an element that may also carry attributes. */
export function textOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  if (typeof x === 'object' && x !== null && !Array.isArray(x)) {
    const t = (x as XmlNode)['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t);
    // An element with attributes and no text.
    return '';
  }
  return undefined;
}

export function attrOf(x: unknown, name: string): string | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  const v = (x as XmlNode)[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}
