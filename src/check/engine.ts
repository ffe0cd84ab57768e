/**
 * The compiled scanner: the keyword automaton over every text rule, and the index of exact values
 * or of their fingerprints. Built from an `EngineSpec` — plain, structured-cloneable data. The main
 * thread builds it from the values; worker threads build theirs from the main thread's compiled
 * index (`compiledValues`), a few typed arrays, so 1,000 values are hashed and sorted once.
 */
import { TEXT_RULES, type TextRule } from "../inventory/text-rules.js";
import { alignedLayout, KeywordAutomaton, type SealedIndex, ValueIndex } from "./automaton.js";

/** A migrated value to match exactly, in each of its encoded forms. */
export interface ExactValueSpec {
  key: string;
  /** Redacted preview of the raw value (`sk_l…(32)`). */
  preview: string;
  forms: Array<{ encoding: string; bytes: Uint8Array }>;
}

/** A migrated value known only by fingerprints: the keyed hash of each form and of its first window. */
export interface FingerprintValueSpec {
  key: string;
  preview: string;
  forms: Array<{ encoding: string; length: number; head: number; hmac: string }>;
}

export type ValuesSpec =
  | { mode: "exact"; base: number; items: ExactValueSpec[] }
  | { mode: "fingerprints"; base: number; hmacKey: string; items: FingerprintValueSpec[] };

/** An engine's values, compiled: the sealed index and the patterns packed into one buffer. */
export interface CompiledValues {
  values: Array<{ key: string; preview: string }>;
  index: SealedIndex;
  /** Per pattern: its value, length and encoding; the exact bytes (packed) or the keyed hash. */
  valueIds: Int32Array;
  lengths: Int32Array;
  encodings: string[];
  packed?: Uint8Array;
  starts?: Int32Array;
  hmacs?: string[];
  hmacKey?: string;
}

export interface EngineSpec {
  values?: ValuesSpec;
  /** Instead of `values`: another thread's engine's values (see compiledValues). */
  compiled?: CompiledValues;
}

/** Window of the offline fingerprints' rolling hash. */
export const FINGERPRINT_WINDOW = 8;

export interface PatternRecord {
  valueId: number;
  encoding: string;
  length: number;
  bytes?: Buffer;
  hmac?: string;
}

export interface Engine {
  automaton: KeywordAutomaton;
  /** TEXT_RULES: a rule's rank is its index. */
  rules: readonly TextRule[];
  /** Keyword id → the rules that keyword triggers, in rule order, each with its rank (its place in TEXT_RULES). */
  rulesByKeyword: Array<Array<{ rule: TextRule; rank: number }>>;
  index?: ValueIndex;
  patterns: PatternRecord[];
  values: Array<{ key: string; preview: string }>;
  hmacKey?: Buffer;
}

/** Builds an engine from its spec. Never throws. */
export function buildEngine(spec: EngineSpec): Engine {
  const keywords: string[] = [];
  const ids = new Map<string, number>();
  const rulesByKeyword: Engine["rulesByKeyword"] = [];
  for (const [rank, rule] of TEXT_RULES.entries()) {
    for (const raw of rule.keywords) {
      const keyword = raw.toLowerCase();
      let id = ids.get(keyword);
      if (id === undefined) {
        id = keywords.length;
        ids.set(keyword, id);
        keywords.push(keyword);
        rulesByKeyword.push([]);
      }
      if (!rulesByKeyword[id]!.some((r) => r.rule === rule)) rulesByKeyword[id]!.push({ rule, rank });
    }
  }
  const engine: Engine = {
    automaton: new KeywordAutomaton(keywords),
    rules: TEXT_RULES,
    rulesByKeyword,
    patterns: [],
    values: [],
  };
  if (spec.compiled) return withCompiled(engine, spec.compiled);
  const values = spec.values;
  if (!values || values.items.length === 0) return engine;
  engine.values = values.items.map(({ key, preview }) => ({ key, preview }));
  if (values.mode === "exact") {
    const lengths = values.items.flatMap((v) => v.forms.map((f) => f.bytes.length));
    // Any occurrence of a pattern of length ≥ grid + stride − 1 holds a window starting on the scan's grid.
    const { stride, grid } = alignedLayout(Math.min(...lengths));
    const index = new ValueIndex(values.base, stride, "aligned", grid);
    // A whole occurrence holds a grid window at one of its first `grid` offsets, so those are
    // enough. The raw form registers every offset: a value split across lines is found from a
    // window inside any of its pieces (the split walk).
    const lastOffset = (encoding: string, length: number) =>
      encoding === "raw" ? length - stride : Math.min(grid - 1, length - stride);
    index.reserve(
      values.items.reduce(
        (sum, item) => sum + item.forms.reduce((n, f) => n + lastOffset(f.encoding, f.bytes.length) + 1, 0),
        0,
      ),
    );
    values.items.forEach((item, valueId) => {
      for (const form of item.forms) {
        const bytes = Buffer.isBuffer(form.bytes)
          ? form.bytes
          : Buffer.from(form.bytes.buffer, form.bytes.byteOffset, form.bytes.byteLength);
        const id = engine.patterns.length;
        engine.patterns.push({ valueId, encoding: form.encoding, length: bytes.length, bytes });
        index.addWindows(bytes, id, lastOffset(form.encoding, bytes.length));
      }
    });
    engine.index = index;
  } else {
    const index = new ValueIndex(values.base, FINGERPRINT_WINDOW, "rolling");
    values.items.forEach((item, valueId) => {
      for (const form of item.forms) {
        const id = engine.patterns.length;
        engine.patterns.push({ valueId, encoding: form.encoding, length: form.length, hmac: form.hmac });
        index.add(form.head, id, 0);
      }
    });
    engine.index = index;
    engine.hmacKey = Buffer.from(values.hmacKey, "hex");
  }
  return engine;
}

/** The engine's values as `CompiledValues`, for a worker's `buildEngine({ compiled })`. Never throws. */
export function compiledValues(engine: Engine): CompiledValues | undefined {
  if (!engine.index) return undefined;
  const { patterns } = engine;
  const compiled: CompiledValues = {
    values: engine.values,
    index: engine.index.sealed(),
    valueIds: Int32Array.from(patterns, (p) => p.valueId),
    lengths: Int32Array.from(patterns, (p) => p.length),
    encodings: patterns.map((p) => p.encoding),
  };
  if (engine.hmacKey) {
    compiled.hmacs = patterns.map((p) => p.hmac!);
    compiled.hmacKey = engine.hmacKey.toString("hex");
    return compiled;
  }
  compiled.starts = new Int32Array(patterns.length);
  let size = 0;
  patterns.forEach((p, i) => {
    compiled.starts![i] = size;
    size += p.length;
  });
  compiled.packed = new Uint8Array(size);
  patterns.forEach((p, i) => {
    compiled.packed!.set(p.bytes!, compiled.starts![i]);
  });
  return compiled;
}

function withCompiled(engine: Engine, compiled: CompiledValues): Engine {
  engine.values = compiled.values;
  engine.index = ValueIndex.fromSealed(compiled.index);
  const { packed, starts, hmacs } = compiled;
  for (let i = 0; i < compiled.valueIds.length; i++) {
    const record: PatternRecord = {
      valueId: compiled.valueIds[i]!,
      encoding: compiled.encodings[i]!,
      length: compiled.lengths[i]!,
    };
    if (packed && starts) {
      record.bytes = Buffer.from(packed.buffer, packed.byteOffset + starts[i]!, record.length);
    } else {
      record.hmac = hmacs![i]!;
    }
    engine.patterns.push(record);
  }
  if (compiled.hmacKey) engine.hmacKey = Buffer.from(compiled.hmacKey, "hex");
  return engine;
}
