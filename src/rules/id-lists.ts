/** Growable Int32Array: the index is built into these rather than into arrays of small arrays. */
export class IntBuffer {
  length = 0;
  data: Int32Array<ArrayBuffer>;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }

  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new Int32Array(Math.max(n, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }

  toArray(): Int32Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
}

/** Lists of ids, list i in items[start[i], start[i + 1]): one pair of typed arrays instead of an array per list. */
export interface IdLists {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/**
 * Collects ids into numbered lists in any order (linked through typed
 * arrays), then packs them into IdLists, each list in the order added.
 */
export class IdListsBuilder {
  private readonly head = new IntBuffer();
  private readonly next = new IntBuffer();
  private readonly value = new IntBuffer();

  add(list: number, id: number): void {
    while (this.head.length <= list) this.head.push(-1);
    this.next.push(this.head.data[list] as number);
    this.value.push(id);
    this.head.data[list] = this.value.length - 1;
  }

  build(lists: number): IdLists {
    while (this.head.length < lists) this.head.push(-1);
    const start = new Int32Array(lists + 1);
    const items = new Int32Array(this.value.length);
    const head = this.head.data;
    const next = this.next.data;
    const value = this.value.data;
    let at = 0;
    for (let l = 0; l < lists; l++) {
      let n = 0;
      for (let e = head[l] as number; e >= 0; e = next[e] as number) n++;
      start[l] = at;
      // The chain runs newest first: fill from the end to keep the order ids were added.
      let k = at + n;
      for (let e = head[l] as number; e >= 0; e = next[e] as number) items[--k] = value[e] as number;
      at += n;
    }
    start[lists] = at;
    return { start, items };
  }
}
