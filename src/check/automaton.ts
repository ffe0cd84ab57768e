/**
 * Multi-pattern matching in one pass over bytes.
 *
 * `KeywordAutomaton`: an Aho–Corasick automaton over the rules' keywords, built on a compressed
 * alphabet (bytes that occur in no keyword share one class) and stored as a dense DFA over bytes,
 * matched ASCII case-insensitively. `ValueIndex`: hashing of fixed windows for the exact values
 * (thousands of long patterns would make the DFA huge): a Bloom filter lookup per window, and the
 * rare window whose hash passes is verified against the candidate patterns. Both cost about the
 * same per file whatever the number of values.
 */

/** Bytes folded to lower case for keyword matching. */
function foldByte(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
}

export class KeywordAutomaton {
  readonly keywords: readonly string[];
  /** Row width of `next`: one entry per byte value. */
  readonly width = 256;
  /**
   * state + byte → next state, states premultiplied by `width` (one add per byte, no multiply, no
   * class lookup: with four passes in flight, dropping the byte → class load made the scan 1.6×
   * faster; a few hundred states take a few hundred KB, of which the scan touches a few rows).
   */
  readonly next: Int32Array;
  /**
   * States where a keyword ends are numbered last: a (premultiplied) state at or above this one is
   * accepting (a compare per byte, no lookup).
   */
  readonly acceptFrom: number;
  /** Keyword ids that end in each (premultiplied) state, suffix outputs included. */
  readonly outputs: Map<number, readonly number[]>;
  /** The same for accepting states, as a list: `(state − acceptFrom) / width` → keyword ids. */
  readonly accepted: ReadonlyArray<readonly number[]>;
  /** The longest keyword's length. */
  readonly longest: number;

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
    // Renumber: the start state stays 0 (it accepts nothing: keywords are not empty), accepting states last.
    const states = goto.length;
    const order = [...Array(states).keys()].sort(
      (a, b) => Number(out[a]!.length > 0) - Number(out[b]!.length > 0) || a - b,
    );
    const renamed = new Int32Array(states);
    order.forEach((old, state) => {
      renamed[old] = state;
    });
    // Built over the compressed alphabet, stored over bytes.
    // (Locals and an indexed loop: in a fresh process this loop runs before V8 compiles it.)
    const row = this.width;
    const next = new Int32Array(states * row);
    this.outputs = new Map();
    let acceptFrom = states * row;
    for (let state = 0; state < states; state++) {
      const old = order[state]!;
      const at = state * row;
      const oldRow = old * width;
      for (let b = 0; b < row; b++) next[at + b] = renamed[delta[oldRow + classes[b]!]!]! * row;
      if (out[old]!.length === 0) continue;
      acceptFrom = Math.min(acceptFrom, at);
      this.outputs.set(at, out[old]!);
    }
    this.next = next;
    this.acceptFrom = acceptFrom;
    this.accepted = order.filter((old) => out[old]!.length > 0).map((old) => out[old]!);
    this.longest = Math.max(0, ...this.keywords.map((k) => k.length));
  }
}

/** A sealed ValueIndex as plain typed arrays: what a worker thread receives instead of rebuilding it. */
export interface SealedIndex {
  base: number;
  stride: number;
  grid: number;
  mode: "aligned" | "rolling";
  hashes: Uint32Array;
  ids: Int32Array;
  offsets: Int32Array;
  filter: Uint32Array;
  filterShift: number;
}

/** One registered window of an exact pattern. */
export interface IndexedWindow {
  /** Index into the caller's list of patterns. */
  id: number;
  /** Where the window starts inside the pattern. */
  offset: number;
}

/**
 * Bloom filter bits per registered window, within these bounds. Each window sets two bits of one
 * 32-bit word (a blocked filter: one memory read per lookup); at 16 bits a window, about 1.5% of
 * unregistered hashes pass. Half the size of a one-bit filter with fewer false positives, so 1,000
 * values' filter (128 KB for values of ~30 characters) stays in the CPU's second-level cache.
 */
const BLOOM_BITS_PER_WINDOW = 16;
const BLOOM_MIN_BITS = 1 << 16;
const BLOOM_MAX_BITS = 1 << 26;

/**
 * The exact-value index. `aligned` (values known): windows of `stride` bytes (4 or 8: one or two
 * 32-bit words) of the patterns are registered, and the scan hashes only the windows that start on
 * a grid of `grid` bytes; any occurrence of a pattern at least grid + stride − 1 long holds one of
 * those, so the scan costs one window's hash per `grid` bytes whatever the number of values.
 * `rolling` (offline fingerprints): only each pattern's first window is known (as a keyed hash), so
 * every position's window is hashed.
 */
export class ValueIndex {
  readonly base: number;
  /** Bytes a window covers. */
  readonly stride: number;
  /** Aligned: the spacing of the windows the scan hashes (a multiple of 4); rolling: 1. */
  readonly grid: number;
  readonly mode: "aligned" | "rolling";
  /** base^stride mod 2^32, to drop the byte leaving a rolling window. */
  readonly drop: number;
  /** Blocked Bloom filter over the registered hashes (sized at the first lookup), and its word shift. */
  private filter: Uint32Array = new Uint32Array(0);
  private filterShift = 32;
  /** Windows in registration order (the first `count`), until the first lookup groups them by bucket. */
  private count = 0;
  private sealed_ = true;
  private hashes: Uint32Array = new Uint32Array(0);
  private ids: Int32Array = new Int32Array(0);
  private offsets: Int32Array = new Int32Array(0);
  /**
   * Where each bucket of hashes starts, buckets being a hash's top bits (about four hashes a
   * bucket): a lookup reads one entry and a few hashes (1,000 values make 100,000 lookups per
   * 100 MB scanned).
   */
  private starts: Uint32Array = new Uint32Array(3);
  private bucketShift = 31;

  /** `base` is made odd; callers pick it at random (or from the fingerprint file) so hashes are not portable. */
  constructor(
    base: number,
    stride: number,
    mode: "aligned" | "rolling",
    grid = mode === "aligned" ? stride : 1,
  ) {
    this.base = base | 1;
    this.stride = stride;
    this.grid = grid;
    this.mode = mode;
    let drop = 1;
    for (let i = 0; i < stride; i++) drop = Math.imul(drop, this.base);
    this.drop = drop;
  }

  /** The hash of `bytes[from, from + stride)`, as the scan computes it. */
  hash(bytes: Uint8Array, from: number): number {
    if (this.mode === "aligned") {
      const hi = this.stride === 8 ? readWord(bytes, from + 4) : 0;
      return wordHash(readWord(bytes, from), hi, this.base);
    }
    let h = 0;
    for (let i = from; i < from + this.stride; i++) h = (Math.imul(h, this.base) + bytes[i]!) | 0;
    return h;
  }

  /** The index sealed (grouped by bucket, filter built), as typed arrays that structured cloning copies cheaply. */
  sealed(): SealedIndex {
    if (!this.sealed_) this.seal();
    return {
      base: this.base,
      stride: this.stride,
      grid: this.grid,
      mode: this.mode,
      hashes: this.hashes.subarray(0, this.count),
      ids: this.ids.subarray(0, this.count),
      offsets: this.offsets.subarray(0, this.count),
      filter: this.filter,
      filterShift: this.filterShift,
    };
  }

  /** An index made from `sealed()`'s output (another thread's), with no hashing or sorting. */
  static fromSealed(sealed: SealedIndex): ValueIndex {
    const index = new ValueIndex(sealed.base, sealed.stride, sealed.mode, sealed.grid);
    index.hashes = sealed.hashes;
    index.ids = sealed.ids;
    index.offsets = sealed.offsets;
    index.count = sealed.hashes.length;
    index.filter = sealed.filter;
    index.filterShift = sealed.filterShift;
    index.sealed_ = true;
    index.bucketShift = bucketShiftFor(index.count);
    index.starts = bucketStarts(index.hashes, index.count, index.bucketShift);
    return index;
  }

  /** Makes room for `windows` more registrations at once (growing by doubling left garbage to collect). */
  reserve(windows: number): void {
    const capacity = this.count + windows;
    if (capacity <= this.hashes.length) return;
    const grow = <T extends Uint32Array | Int32Array>(from: T, to: T): T => {
      to.set(from.subarray(0, this.count));
      return to;
    };
    this.hashes = grow(this.hashes, new Uint32Array(capacity));
    this.ids = grow(this.ids, new Int32Array(capacity));
    this.offsets = grow(this.offsets, new Int32Array(capacity));
  }

  /**
   * Registers the windows at offsets 0 to `last` of pattern `id` (`bytes`), in one loop: registering
   * 62,000 windows a call each took 12 ms in a fresh process, where the prep runs once.
   */
  addWindows(bytes: Uint8Array, id: number, last: number): void {
    if (last < 0) return;
    if (this.count + last + 1 > this.hashes.length) this.reserve(Math.max(1024, this.count, last + 1));
    const { hashes, ids, offsets } = this;
    let count = this.count;
    if (this.mode === "aligned") {
      const base = this.base;
      const eight = this.stride === 8;
      for (let offset = 0; offset <= last; offset++) {
        const hi = eight ? readWord(bytes, offset + 4) : 0;
        hashes[count] = wordHash(readWord(bytes, offset), hi, base);
        ids[count] = id;
        offsets[count++] = offset;
      }
    } else {
      for (let offset = 0; offset <= last; offset++) {
        hashes[count] = this.hash(bytes, offset);
        ids[count] = id;
        offsets[count++] = offset;
      }
    }
    this.count = count;
    this.sealed_ = false;
  }

  /** Registers the window at `offset` of pattern `id` under its hash. */
  add(hash: number, id: number, offset: number): void {
    if (this.count === this.hashes.length) this.reserve(Math.max(1024, this.count));
    this.hashes[this.count] = hash;
    this.ids[this.count] = id;
    this.offsets[this.count] = offset;
    this.count++;
    this.sealed_ = false;
  }

  /** The Bloom filter the scan tests before `has` (see bloomMix, bloomMask). */
  get bloom(): { words: Uint32Array; shift: number } {
    if (!this.sealed_) this.seal();
    return { words: this.filter, shift: this.filterShift };
  }

  /** Windows registered. */
  get size(): number {
    return this.count;
  }

  /** True when some window has this hash. */
  has(hash: number): boolean {
    if (!this.sealed_) this.seal();
    const h = hash >>> 0;
    const bucket = h >>> this.bucketShift;
    const hashes = this.hashes;
    for (let at = this.starts[bucket]!, end = this.starts[bucket + 1]!; at < end; at++) {
      if (hashes[at] === h) return true;
    }
    return false;
  }

  /** The windows registered under `hash`, in the order they were added. */
  get(hash: number): IndexedWindow[] {
    if (!this.sealed_) this.seal();
    const h = hash >>> 0;
    const bucket = h >>> this.bucketShift;
    const out: IndexedWindow[] = [];
    for (let at = this.starts[bucket]!, end = this.starts[bucket + 1]!; at < end; at++) {
      if (this.hashes[at] === h) out.push({ id: this.ids[at]!, offset: this.offsets[at]! });
    }
    return out;
  }

  /**
   * Groups the windows by bucket (one counting pass: a sort is not needed, a bucket holding about
   * four of them), then builds the Bloom filter. Buckets keep the order windows were added in.
   */
  private seal(): void {
    // Locals, indexed loops and the filter's arithmetic written out: the prep runs once per check,
    // mostly before V8 has compiled it, where a property read or a call per window counts (sealing
    // 62,000 windows took 20 ms in a fresh process).
    const count = this.count;
    const shift = bucketShiftFor(count);
    const [oldHashes, oldIds, oldOffsets] = [this.hashes, this.ids, this.offsets];
    const starts = bucketStarts(oldHashes, count, shift);
    const next = starts.slice(0, -1);
    const hashes = new Uint32Array(count);
    const ids = new Int32Array(count);
    const offsets = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const hash = oldHashes[i]!;
      const to = next[hash >>> shift]!++;
      hashes[to] = hash;
      ids[to] = oldIds[i]!;
      offsets[to] = oldOffsets[i]!;
    }
    this.bucketShift = shift;
    this.hashes = hashes;
    this.ids = ids;
    this.offsets = offsets;
    this.starts = starts;
    this.sealed_ = true;
    let filterBits = BLOOM_MIN_BITS;
    while (filterBits < count * BLOOM_BITS_PER_WINDOW && filterBits < BLOOM_MAX_BITS) filterBits *= 2;
    const filter = new Uint32Array(filterBits >>> 5);
    const filterShift = 32 - Math.log2(filterBits >>> 5);
    for (let i = 0; i < count; i++) {
      // bloomMix and bloomMask.
      const mixed = Math.imul(hashes[i]!, 0x9e3779b1);
      filter[mixed >>> filterShift]! |= (1 << (mixed & 31)) | (1 << ((mixed >>> 5) & 31));
    }
    this.filter = filter;
    this.filterShift = filterShift;
  }
}

/** The shift that takes a hash to its bucket: about four windows a bucket, at most 65,536 buckets. */
function bucketShiftFor(count: number): number {
  return 32 - Math.min(16, Math.max(1, Math.ceil(Math.log2(Math.max(count, 1))) - 2));
}

/** Where each bucket starts among `count` hashes grouped by bucket (one entry past the last). */
function bucketStarts(hashes: Uint32Array, count: number, shift: number): Uint32Array {
  const starts = new Uint32Array((1 << (32 - shift)) + 1);
  for (let i = 0; i < count; i++) starts[(hashes[i]! >>> shift) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  return starts;
}

/** True where a Uint32Array reads bytes least significant first (x86, ARM). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The 32-bit word at `bytes[from, from + 4)` as a Uint32Array over those bytes would read it. */
function readWord(bytes: Uint8Array, from: number): number {
  return LITTLE_ENDIAN
    ? (bytes[from]! | (bytes[from + 1]! << 8) | (bytes[from + 2]! << 16) | (bytes[from + 3]! << 24)) >>> 0
    : ((bytes[from]! << 24) | (bytes[from + 1]! << 16) | (bytes[from + 2]! << 8) | bytes[from + 3]!) >>> 0;
}

/** Hash of an aligned window read as one (stride 4) or two (stride 8) 32-bit words (scanWindows writes it out). */
function wordHash(lo: number, hi: number, base: number): number {
  const h = Math.imul(lo ^ base, 0x85ebca6b) ^ Math.imul(hi, 0xc2b2ae35);
  return h ^ (h >>> 15);
}

/** The widest grid: each encoded form registers one window per grid offset. */
const MAX_GRID = 16;

/**
 * Window and grid for exact values whose shortest form is `shortest` bytes (at least
 * MIN_EXACT_BYTES): windows of 8 bytes when every pattern is at least 15 bytes long, else 4; the
 * widest grid (a multiple of 4, at most 16) such that every occurrence holds a whole window on it
 * (grid + stride − 1 ≤ shortest). Secrets of 20 characters or more are hashed every 12 or 16 bytes.
 */
export function alignedLayout(shortest: number): { stride: 4 | 8; grid: number } {
  const stride = shortest >= 15 ? 8 : 4;
  const grid = Math.min(MAX_GRID, Math.max(4, Math.floor((shortest - stride + 1) / 4) * 4));
  return { stride, grid };
}

/** The hash remixed for the filter: its top bits pick the word, its low ten bits the two bits (written out in scanWindows). */
function bloomMix(hash: number): number {
  return Math.imul(hash, 0x9e3779b1);
}

function bloomMask(mixed: number): number {
  return (1 << (mixed & 31)) | (1 << ((mixed >>> 5) & 31));
}

/** Positions found by one scan: flat pairs, so a file with no hits allocates almost nothing. */
export interface ScanHits {
  /** [end offset (exclusive), state] pairs of keyword matches. */
  keywords: number[];
  /** [window start offset, hash] pairs whose hash is registered. */
  windows: number[];
}

/** Below this many bytes per quarter, one pass. */
const FOUR_PASSES_FROM = 256;

/** The states the four passes end their lockstep in (reused: no allocation per file). */
const passStates = new Int32Array(4);

/**
 * Every keyword occurrence in `bytes`, as [end, state] pairs in order of end. Never throws.
 *
 * A long buffer is scanned as four quarters in one loop: each byte's transition depends on the one
 * before, so one pass waits on a load per byte, and independent passes overlap (measured over
 * 100 MB: 2.2× faster than one pass; two passes gave 1.9×). Each pass but the first starts
 * `longest − 1` bytes before its quarter, so it sees every keyword that ends inside its quarter,
 * and reports only those. Each loop is a function of its own: written as one, the code V8
 * optimised mid-loop lacked feedback for the paths after that loop and was thrown away on every
 * later call ("insufficient type feedback"; the first pass over 100 MB ran at half speed).
 */
export function scanKeywords(bytes: Uint8Array, automaton: KeywordAutomaton): number[] {
  const longest = automaton.longest;
  const n = bytes.length;
  const hits: number[] = [];
  if (longest === 0) return hits;
  const q = n >>> 2;
  if (q < FOUR_PASSES_FROM + longest) {
    keywordsFrom(bytes, automaton, 0, 0, n, 0, hits);
    return hits;
  }
  const second: number[] = [];
  const third: number[] = [];
  const fourth: number[] = [];
  keywordsFourPasses(bytes, automaton, q, hits, second, third, fourth);
  // Passes two to four have `longest − 1` bytes of their quarter left.
  const lag = longest - 1;
  keywordsFrom(bytes, automaton, passStates[1]!, 2 * q - lag, 2 * q, q, second);
  keywordsFrom(bytes, automaton, passStates[2]!, 3 * q - lag, 3 * q, 2 * q, third);
  keywordsFrom(bytes, automaton, passStates[3]!, 4 * q - lag, n, 3 * q, fourth);
  for (const part of [second, third, fourth]) for (let k = 0; k < part.length; k++) hits.push(part[k]!);
  return hits;
}

/**
 * One pass over `bytes[from, to)` from `state`, pushing the keywords that end past `reportFrom`;
 * returns the state it ends in.
 */
function keywordsFrom(
  bytes: Uint8Array,
  automaton: KeywordAutomaton,
  state: number,
  from: number,
  to: number,
  reportFrom: number,
  hits: number[],
): number {
  const { next, acceptFrom } = automaton;
  let s = state;
  for (let i = from; i < to; i++) {
    s = next[s + bytes[i]!]!;
    if (s >= acceptFrom && i >= reportFrom) hits.push(i + 1, s);
  }
  return s;
}

/**
 * The four passes in lockstep, `q` bytes each: the first over `[0, q)`, pass k (1 to 3) from
 * `k·q − (longest − 1)`, reporting only keywords that end at or past `k·q`. Leaves the states
 * passes two to four end in in `passStates`.
 */
function keywordsFourPasses(
  bytes: Uint8Array,
  automaton: KeywordAutomaton,
  q: number,
  first: number[],
  second: number[],
  third: number[],
  fourth: number[],
): void {
  const { next, acceptFrom, longest } = automaton;
  const lag = longest - 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let a = 0, b = q - lag, c = 2 * q - lag, d = 3 * q - lag; a < q; a++, b++, c++, d++) {
    s0 = next[s0 + bytes[a]!]!;
    s1 = next[s1 + bytes[b]!]!;
    s2 = next[s2 + bytes[c]!]!;
    s3 = next[s3 + bytes[d]!]!;
    if (s0 >= acceptFrom) first.push(a + 1, s0);
    if (s1 >= acceptFrom && b >= q) second.push(b + 1, s1);
    if (s2 >= acceptFrom && c >= 2 * q) third.push(c + 1, s2);
    if (s3 >= acceptFrom && d >= 3 * q) fourth.push(d + 1, s3);
  }
  passStates[1] = s1;
  passStates[2] = s2;
  passStates[3] = s3;
}

/** Every window of `bytes` whose hash the index registered (see ValueIndex). Never throws. */
export function scanWindows(bytes: Uint8Array, index: ValueIndex): number[] {
  const { base, stride, grid: spacing } = index;
  const { words: bloom, shift } = index.bloom;
  const hits: number[] = [];
  const n = bytes.length;
  if (index.size === 0 || n < stride) return hits;
  if (index.mode === "aligned") {
    // Windows every `spacing` bytes from the first byte that is 4-aligned in memory (any such grid
    // holds a whole window of every long-enough occurrence), read as 32-bit words.
    const lead = (4 - (bytes.byteOffset % 4)) % 4;
    if (n < lead + stride) return hits;
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + lead, (n - lead) >>> 2);
    // One loop per window width, the hash written out: with a width test and helper calls per
    // window the loop ran a third slower.
    const step = spacing >>> 2;
    if (stride === 8) {
      for (let k = 0; k + 2 <= words.length; k += step) {
        let h = Math.imul(words[k]! ^ base, 0x85ebca6b) ^ Math.imul(words[k + 1]!, 0xc2b2ae35);
        h ^= h >>> 15;
        const mixed = Math.imul(h, 0x9e3779b1);
        const mask = (1 << (mixed & 31)) | (1 << ((mixed >>> 5) & 31));
        if ((bloom[mixed >>> shift]! & mask) === mask && index.has(h)) hits.push(lead + 4 * k, h);
      }
    } else {
      for (let k = 0; k < words.length; k += step) {
        let h = Math.imul(words[k]! ^ base, 0x85ebca6b);
        h ^= h >>> 15;
        const mixed = Math.imul(h, 0x9e3779b1);
        const mask = (1 << (mixed & 31)) | (1 << ((mixed >>> 5) & 31));
        if ((bloom[mixed >>> shift]! & mask) === mask && index.has(h)) hits.push(lead + 4 * k, h);
      }
    }
    return hits;
  }
  const drop = index.drop;
  let h = 0;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, base) + bytes[i]!) | 0;
    if (i >= stride) h = (h - Math.imul(drop, bytes[i - stride]!)) | 0;
    if (i >= stride - 1) {
      const mixed = bloomMix(h);
      const mask = bloomMask(mixed);
      if ((bloom[mixed >>> shift]! & mask) === mask && index.has(h)) hits.push(i + 1 - stride, h);
    }
  }
  return hits;
}
