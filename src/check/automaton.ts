/**
 * Multi-pattern matching in one pass over bytes.
 *
 * `KeywordAutomaton`: an Aho–Corasick automaton over the rules' keywords, compiled to a dense DFA on
 * a compressed alphabet (bytes that occur in no keyword share one class), matched ASCII
 * case-insensitively. `ValueIndex`: Rabin–Karp hashing of fixed windows for the exact values
 * (thousands of long patterns would make the DFA huge): a bitmap lookup per window, and the rare
 * window whose hash matches is verified against the candidate patterns. Both cost the same per
 * file, so 1,000 values cost about what 10 do.
 */

/** Bytes folded to lower case for keyword matching. */
function foldByte(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
}

export class KeywordAutomaton {
  readonly keywords: readonly string[];
  /** byte → alphabet class. */
  readonly classes: Uint8Array;
  readonly width: number;
  /** state + class → next state, states premultiplied by `width` (one add per byte, no multiply). */
  readonly next: Int32Array;
  /** Non-zero for (premultiplied) states where a keyword ends. */
  readonly accepts: Uint8Array;
  /** Keyword ids that end in each (premultiplied) state, suffix outputs included. */
  readonly outputs: Map<number, readonly number[]>;

  /** Builds the automaton. Keywords are ASCII; an empty list matches nothing. Never throws. */
  constructor(keywords: readonly string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    const classes = new Uint8Array(256);
    let width = 1;
    for (const k of this.keywords) {
      for (let i = 0; i < k.length; i++) {
        const b = k.charCodeAt(i) & 0xff;
        if (classes[b] === 0) {
          classes[b] = width;
          if (b >= 0x61 && b <= 0x7a) classes[b - 0x20] = width;
          width++;
        }
      }
    }
    this.classes = classes;
    this.width = width;
    // Trie.
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    this.keywords.forEach((k, id) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const c = classes[foldByte(k.charCodeAt(i) & 0xff)]!;
        let next = goto[s]!.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s]!.set(c, next);
        }
        s = next;
      }
      out[s]!.push(id);
    });
    // Breadth-first failure links, folded into a complete transition table.
    const delta = new Int32Array(goto.length * width);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let c = 0; c < width; c++) {
      const next = goto[0]!.get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      out[s]!.push(...out[fail[s]!]!);
      for (let c = 0; c < width; c++) {
        const next = goto[s]!.get(c);
        if (next === undefined) {
          delta[s * width + c] = delta[fail[s]! * width + c]!;
        } else {
          fail[next] = delta[fail[s]! * width + c]!;
          delta[s * width + c] = next;
          queue.push(next);
        }
      }
    }
    this.next = delta.map((state) => state * width);
    this.accepts = new Uint8Array(delta.length);
    this.outputs = new Map();
    out.forEach((ids, state) => {
      if (ids.length === 0) return;
      this.accepts[state * width] = 1;
      this.outputs.set(state * width, ids);
    });
  }
}

/** One registered window of an exact pattern. */
export interface IndexedWindow {
  /** Index into the caller's list of patterns. */
  id: number;
  /** Where the window starts inside the pattern. */
  offset: number;
}

const BLOOM_BITS = 1 << 23;

/**
 * The exact-value index. `aligned` (values known): every window of `stride` bytes of every pattern
 * is registered, and the scan hashes only the windows that start at multiples of `stride`; any
 * occurrence of a pattern at least 2·stride−1 long contains one of those, so the scan costs about
 * one multiply per byte whatever the number of values. `rolling` (offline fingerprints): only each
 * pattern's first window is known (as a keyed hash), so every position's window is hashed.
 */
export class ValueIndex {
  readonly base: number;
  readonly stride: number;
  readonly mode: "aligned" | "rolling";
  /** base^stride mod 2^32, to drop the byte leaving a rolling window. */
  readonly drop: number;
  readonly bloom = new Uint8Array(BLOOM_BITS >>> 3);
  readonly candidates = new Map<number, IndexedWindow[]>();

  /** `base` is made odd; callers pick it at random (or from the fingerprint file) so hashes are not portable. */
  constructor(base: number, stride: number, mode: "aligned" | "rolling") {
    this.base = base | 1;
    this.stride = stride;
    this.mode = mode;
    let drop = 1;
    for (let i = 0; i < stride; i++) drop = Math.imul(drop, this.base);
    this.drop = drop;
  }

  /** The hash of `bytes[from, from + stride)`, as the scan computes it. */
  hash(bytes: Uint8Array, from: number): number {
    let h = 0;
    for (let i = from; i < from + this.stride; i++) h = (Math.imul(h, this.base) + bytes[i]!) | 0;
    return h;
  }

  /** Registers a window of a pattern under its hash. */
  add(hash: number, window: IndexedWindow): void {
    const slot = bloomSlot(hash);
    this.bloom[slot >>> 3]! |= 1 << (slot & 7);
    const list = this.candidates.get(hash);
    if (list) list.push(window);
    else this.candidates.set(hash, [window]);
  }

  get size(): number {
    return this.candidates.size;
  }
}

function bloomSlot(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> 9;
}

/** Positions found by one scan: flat pairs, so a file with no hits allocates almost nothing. */
export interface ScanHits {
  /** [end offset (exclusive), state] pairs of keyword matches. */
  keywords: number[];
  /** [window start offset, hash] pairs whose hash is registered. */
  windows: number[];
}

/** Every keyword occurrence in `bytes`. Never throws. */
export function scanKeywords(bytes: Uint8Array, automaton: KeywordAutomaton): number[] {
  const { classes, next, accepts } = automaton;
  const hits: number[] = [];
  let s = 0;
  for (let i = 0, n = bytes.length; i < n; i++) {
    s = next[s + classes[bytes[i]!]!]!;
    if (accepts[s] !== 0) hits.push(i + 1, s);
  }
  return hits;
}

/** Every window of `bytes` whose hash the index registered (see ValueIndex). Never throws. */
export function scanWindows(bytes: Uint8Array, index: ValueIndex): number[] {
  const { base, stride, bloom, candidates } = index;
  const hits: number[] = [];
  const n = bytes.length;
  if (index.size === 0 || n < stride) return hits;
  if (index.mode === "aligned") {
    for (let q = 0; q + stride <= n; q += stride) {
      let h = 0;
      for (let i = q; i < q + stride; i++) h = (Math.imul(h, base) + bytes[i]!) | 0;
      const slot = bloomSlot(h);
      if ((bloom[slot >>> 3]! & (1 << (slot & 7))) !== 0 && candidates.has(h)) hits.push(q, h);
    }
    return hits;
  }
  const drop = index.drop;
  let h = 0;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, base) + bytes[i]!) | 0;
    if (i >= stride) h = (h - Math.imul(drop, bytes[i - stride]!)) | 0;
    if (i >= stride - 1) {
      const slot = bloomSlot(h);
      if ((bloom[slot >>> 3]! & (1 << (slot & 7))) !== 0 && candidates.has(h)) hits.push(i + 1 - stride, h);
    }
  }
  return hits;
}
