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
 * Items 0..n-1 grouped by key (0 <= keys[i] < groups), a counting sort: group
 * g is items[start[g], start[g + 1]), in the items' own order. What the index
 * build, rule grouping and batch matching all need, in two passes and two
 * typed arrays. With `values`, the groups hold values[i] instead of i, which
 * spares the caller a scattered read per item afterwards.
 */
export function groupByKey(keys: ArrayLike<number>, n: number, groups: number, values?: ArrayLike<number>): IdLists {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) {
    const k = (keys[i] as number) + 1;
    start[k] = (start[k] as number) + 1;
  }
  for (let g = 0; g < groups; g++) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  const fill = start.slice(0, groups);
  const items = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = keys[i] as number;
    items[fill[g] as number] = values ? (values[i] as number) : i;
    fill[g] = (fill[g] as number) + 1;
  }
  return { start, items };
}

/** Collects ids into numbered lists in any order, then packs them into IdLists, each list in the order added. */
export class IdListsBuilder {
  private readonly lists = new IntBuffer();
  private readonly ids = new IntBuffer();

  add(list: number, id: number): void {
    this.lists.push(list);
    this.ids.push(id);
  }

  build(lists: number): IdLists {
    return groupByKey(this.lists.data, this.lists.length, lists, this.ids.data);
  }
}
