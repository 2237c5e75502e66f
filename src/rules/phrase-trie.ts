import { IdListsBuilder, IntBuffer, type IdLists } from './id-lists.js';

/**
 * Every spelling of every text atom, as a trie over key ids held in typed
 * arrays: nodes are numbers, a node's children live in one open-addressing
 * table keyed by (node, key id). A trie of Map objects cost a Map per node to
 * build and for the garbage collector to copy; this costs a few arrays.
 */
export class PhraseTrie {
  /** Node for a phrase's first key id, or -1. */
  private roots = new IntBuffer();
  private nodes = 0;
  private readonly atomsBuilder = new IdListsBuilder();
  /** Atoms ending at each node, once built. */
  atoms: IdLists = { start: new Int32Array(1), items: new Int32Array(0) };
  /** 1 when a node has children: the walk stops early at most nodes. */
  private hasChildren = new Uint8Array(256);
  private mask = 1023;
  private size = 0;
  private parents = new Int32Array(1024).fill(-1);
  private keys = new Int32Array(1024);
  private children = new Int32Array(1024);

  /** Adds one spelling (key ids in order) ending in `atom`. */
  add(spelling: Int32Array, atom: number): void {
    const first = spelling[0] as number;
    while (this.roots.length <= first) this.roots.push(-1);
    let node = this.roots.data[first] as number;
    if (node < 0) this.roots.data[first] = node = this.newNode();
    for (let i = 1; i < spelling.length; i++) {
      const key = spelling[i] as number;
      let c = this.child(node, key);
      if (c < 0) c = this.addChild(node, key);
      node = c;
    }
    this.atomsBuilder.add(node, atom);
  }

  /** Packs the atom lists; call once, after the last add. */
  finish(): this {
    this.atoms = this.atomsBuilder.build(this.nodes);
    return this;
  }

  root(key: number): number {
    return key < this.roots.length ? (this.roots.data[key] as number) : -1;
  }

  branches(node: number): boolean {
    return this.hasChildren[node] === 1;
  }

  child(node: number, key: number): number {
    let i = this.slotOf(node, key);
    for (let p = this.parents[i] as number; p >= 0; p = this.parents[i] as number) {
      if (p === node && this.keys[i] === key) return this.children[i] as number;
      i = (i + 1) & this.mask;
    }
    return -1;
  }

  private slotOf(node: number, key: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) & this.mask;
  }

  private newNode(): number {
    if (this.nodes === this.hasChildren.length) {
      const more = new Uint8Array(this.nodes * 2);
      more.set(this.hasChildren);
      this.hasChildren = more;
    }
    return this.nodes++;
  }

  private addChild(node: number, key: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const c = this.newNode();
    this.put(node, key, c);
    this.hasChildren[node] = 1;
    return c;
  }

  private put(node: number, key: number, child: number): void {
    let i = this.slotOf(node, key);
    while ((this.parents[i] as number) >= 0) i = (i + 1) & this.mask;
    this.parents[i] = node;
    this.keys[i] = key;
    this.children[i] = child;
    this.size++;
  }

  private grow(): void {
    const { parents, keys, children } = this;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.size = 0;
    this.parents = new Int32Array(capacity).fill(-1);
    this.keys = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    for (let i = 0; i < parents.length; i++) {
      if ((parents[i] as number) >= 0) this.put(parents[i] as number, keys[i] as number, children[i] as number);
    }
  }
}
