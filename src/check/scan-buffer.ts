/**
 * Scans one buffer (a file, a blob, stdin): the text rules where their keywords occur, the exact
 * values where their windows occur, and, for dotenv files, the hygiene rules. Returns findings with
 * line, column, key and a redacted preview — never the matched text.
 */
import { createHash, createHmac } from "node:crypto";
import { basename } from "node:path";
import { scanKeywords, scanWindows } from "./automaton.js";
import type { Engine } from "./engine.js";
import { envFileMatches } from "./env-rules.js";
import { splitWalk } from "./split-walk.js";
import type { BufferFinding } from "./types.js";

/** The inline comment that accepts every finding on its line. */
export const ALLOW_MARKER = "dotsecrets-allow";

/** A match before it is placed: offsets into the buffer and the secret text (kept in memory only). */
export interface RawMatch {
  rule: string;
  message: string;
  /** Where the finding is reported (the token, the URL, the value). */
  at: number;
  /** The secret's span, for overlap decisions. */
  start: number;
  end: number;
  secret: string;
  key?: string;
  preview: string;
  encoding?: string;
  /** Lower wins when two matches overlap. */
  rank: number;
}

export interface BufferScan {
  findings: BufferFinding[];
  allowed: number;
  skipped?: "binary";
}

/** `sk_l…(32)`: at most the shown prefix, then the length in characters. */
export function redact(secret: string, shown: number, prefix?: string): string {
  return `${prefix ?? secret.slice(0, shown)}…(${[...secret].length})`;
}

/** True when the first 8000 bytes hold a NUL, as git decides. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).indexOf(0) >= 0;
}

/**
 * Scans `bytes`, named `path` (only its base name matters: it says whether the hygiene rules for
 * dotenv files apply). Never throws.
 */
export function scanBuffer(bytes: Buffer, path: string, engine: Engine): BufferScan {
  if (isBinary(bytes)) return { findings: [], allowed: 0, skipped: "binary" };
  const candidates = ruleCandidates(bytes, scanKeywords(bytes, engine.automaton), engine);
  const windowHits = engine.index ? scanWindows(bytes, engine.index) : [];
  const env = envFileMatches(bytes, basename(path));
  // Most files end here: no regex to run, nothing to place, so no text is made of the bytes.
  if (candidates.length === 0 && windowHits.length === 0 && env.length === 0) {
    return { findings: [], allowed: 0 };
  }
  const text = bytes.toString("latin1");
  const matches = [...ruleMatches(text, candidates, engine), ...valueMatches(bytes, windowHits, engine)];
  const kept = resolveOverlaps(matches);
  const lines = new Set(kept.map((m) => lineStart(text, m.at)));
  for (const m of env) if (!lines.has(lineStart(text, m.at))) kept.push(m);
  return place(text, kept);
}

/**
 * Where each rule's regex must run, as [position, rank] pairs: an `at` rule where its keyword does
 * not touch a word character before it, a `name` rule at the start of a name that may be assigned
 * (mayAssign), once per name. Works on the bytes, so a file with no candidate is never decoded.
 */
function ruleCandidates(bytes: Uint8Array, hits: number[], engine: Engine): number[] {
  const out: number[] = [];
  const { accepted, acceptFrom, width, keywords } = engine.automaton;
  // Per name rule (by rank), the name start it last ran at. Hits come in order of end, and a name
  // holding several keywords is one run of name characters, so its hits follow one another.
  const nameFrom: number[] = [];
  for (let h = 0; h < hits.length; h += 2) {
    const end = hits[h]!;
    for (const keywordId of accepted[(hits[h + 1]! - acceptFrom) / width]!) {
      const start = end - keywords[keywordId]!.length;
      for (const { rule, rank } of engine.rulesByKeyword[keywordId]!) {
        if (rule.mode === "at") {
          if (start === 0 || !isWordCode(bytes[start - 1]!)) out.push(start, rank);
          continue;
        }
        let from = start;
        while (from > 0 && isNameCode(bytes[from - 1]!)) from--;
        if (nameFrom[rank] === from) continue;
        nameFrom[rank] = from;
        if (mayAssign(bytes, end)) out.push(from, rank);
      }
    }
  }
  return out;
}

/** Runs each candidate's regex where ruleCandidates placed it. */
function ruleMatches(text: string, candidates: number[], engine: Engine): RawMatch[] {
  const out: RawMatch[] = [];
  for (let k = 0; k < candidates.length; k += 2) {
    const rank = candidates[k + 1]!;
    const rule = engine.rules[rank]!;
    rule.regex.lastIndex = candidates[k]!;
    const m = rule.regex.exec(text);
    if (m && (!rule.accept || rule.accept(m))) out.push(toMatch(rule.id, rule.label, m, 0, rule, rank));
  }
  return out;
}

/**
 * What a `name` rule needs after its name, for the name that runs through byte `from`: the rest of the
 * name, then at most a quote and a `]`, whitespace, and an assignment (`=`, `:`, `:=`, `=>`, a type
 * annotation's `:`, or the `,` of a call's arguments). After `=`, `=>` or `,` (no type annotation
 * can come first), also the value: whitespace, at most a string prefix and a quote, then at least
 * 16 value characters. False rules the regex out without running it (most keywords in code are
 * names that are read, or assigned short or computed values). Never throws.
 */
export function mayAssign(bytes: Uint8Array, from: number): boolean {
  const n = bytes.length;
  let i = from;
  while (i < n && isNameCode(bytes[i]!)) i++;
  let c = at(bytes, i);
  if (isQuoteCode(c)) c = at(bytes, ++i);
  if (c === 0x5d) c = at(bytes, ++i);
  while (isSpaceCode(c)) c = at(bytes, ++i);
  if (c === 0x3a) return true;
  if (c !== 0x3d && c !== 0x2c) return false;
  // `=>` is an operator, or `=` before a value that starts with `>`: either may match.
  if (c === 0x3d && at(bytes, i + 1) === 0x3e && valueAt(bytes, i + 2)) return true;
  return valueAt(bytes, i + 1);
}

/** Whitespace, at most a string prefix and a quote, then 16 value characters, from `i`. */
function valueAt(bytes: Uint8Array, from: number): boolean {
  let i = from;
  let c = at(bytes, i);
  while (isSpaceCode(c)) c = at(bytes, ++i);
  // `r"`, `b'`, `u"`, `f"` (Python): the letter is a prefix only before a quote.
  if ((c === 0x72 || c === 0x62 || c === 0x75 || c === 0x66) && isQuoteCode(at(bytes, i + 1))) {
    c = at(bytes, ++i);
  }
  if (isQuoteCode(c)) i++;
  const need = i + 16;
  if (need > bytes.length) return false;
  for (; i < need; i++) if (!isValueCode(bytes[i]!)) return false;
  return true;
}

/** The byte at `i`, or -1 past the end. */
function at(bytes: Uint8Array, i: number): number {
  return i < bytes.length ? bytes[i]! : -1;
}

function isQuoteCode(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x60;
}

/** `\s` within one-byte text: tab, line feed, vertical tab, form feed, carriage return, space, no-break space. */
function isSpaceCode(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0;
}

/** A character of a value as the generic rule reads it: `[^\s"'\`,;)}\]]`. */
function isValueCode(c: number): boolean {
  return (
    !isSpaceCode(c) && !isQuoteCode(c) && c !== 0x2c && c !== 0x3b && c !== 0x29 && c !== 0x7d && c !== 0x5d
  );
}

/** [A-Za-z0-9]: a token may not touch one (WORD_BYTE in text-rules.ts). */
function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** [A-Za-z0-9_.-]: a character of a name (NAME_BYTE in text-rules.ts). */
function isNameCode(c: number): boolean {
  return isWordCode(c) || c === 0x5f || c === 0x2e || c === 0x2d;
}

function toMatch(
  id: string,
  label: string,
  m: RegExpExecArray,
  base: number,
  rule: {
    secretGroup: number;
    nameGroup?: number;
    shown: number;
    previewPrefix?: (m: RegExpExecArray) => string;
  },
  rank: number,
): RawMatch {
  const secret = m[rule.secretGroup]!;
  const span = m.indices?.[rule.secretGroup] ?? [m.index, m.index + m[0].length];
  const named = rule.nameGroup !== undefined ? m[rule.nameGroup] : undefined;
  const match: RawMatch = {
    rule: id,
    message: label,
    at: base + (named ? span[0] : m.index),
    start: base + span[0],
    end: base + span[1],
    secret,
    preview: redact(secret, rule.shown, rule.previewPrefix?.(m)),
    rank,
  };
  if (named) match.key = named;
  return match;
}

function valueMatches(bytes: Buffer, hits: number[], engine: Engine): RawMatch[] {
  const out: RawMatch[] = [];
  const seen = new Set<string>();
  const stride = engine.index?.stride ?? 0;
  for (let h = 0; h < hits.length; h += 2) {
    const at = hits[h]!;
    for (const window of engine.index!.get(hits[h + 1]!)) {
      const pattern = engine.patterns[window.id]!;
      const start = at - window.offset;
      let span: { start: number; end: number; encoding: string } | undefined;
      if (pattern.bytes) {
        const whole =
          start >= 0 &&
          start + pattern.length <= bytes.length &&
          bytes.subarray(start, start + pattern.length).equals(pattern.bytes);
        if (whole) span = { start, end: start + pattern.length, encoding: pattern.encoding };
        else if (pattern.encoding === "raw") {
          const split = splitWalk(bytes, pattern.bytes, at, window.offset, stride);
          if (split && split.joins > 0) span = { start: split.start, end: split.end, encoding: "split" };
        }
      } else if (start + pattern.length <= bytes.length) {
        const hmac = createHmac("sha256", engine.hmacKey!)
          .update(bytes.subarray(start, start + pattern.length))
          .digest("hex");
        if (hmac === pattern.hmac) span = { start, end: start + pattern.length, encoding: pattern.encoding };
      }
      if (!span || seen.has(`${pattern.valueId}:${span.start}:${span.encoding}`)) continue;
      seen.add(`${pattern.valueId}:${span.start}:${span.encoding}`);
      const value = engine.values[pattern.valueId]!;
      const how =
        span.encoding === "raw"
          ? ""
          : ` (${span.encoding === "split" ? "split across lines" : span.encoding})`;
      out.push({
        rule: "exact-value",
        message: `the migrated value of ${value.key}${how}`,
        at: span.start,
        start: span.start,
        end: span.end,
        secret: `${value.key}\0${bytes.toString("latin1", span.start, span.end)}`,
        key: value.key,
        preview: value.preview,
        encoding: span.encoding,
        rank: -1,
      });
    }
  }
  // An escaped form (JSON, shell) also reads as a split of the raw value: the exact form says more.
  return out.filter(
    (m) =>
      m.encoding !== "split" ||
      !out.some((o) => o.encoding !== "split" && o.key === m.key && o.start < m.end && m.start < o.end),
  );
}

/** Keeps the best match of each overlapping group: exact values first, then rules in table order. */
function resolveOverlaps(matches: RawMatch[]): RawMatch[] {
  const sorted = [...matches].sort((a, b) => a.rank - b.rank || a.start - b.start);
  const kept: RawMatch[] = [];
  for (const m of sorted) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Turns offsets into lines and columns, drops the lines marked `dotsecrets-allow`. */
function place(text: string, matches: RawMatch[]): BufferScan {
  matches.sort((a, b) => a.at - b.at);
  const findings: BufferFinding[] = [];
  let allowed = 0;
  let line = 1;
  let scanned = 0;
  for (const m of matches) {
    for (let i = text.indexOf("\n", scanned); i >= 0 && i < m.at; i = text.indexOf("\n", i + 1)) {
      line++;
      scanned = i + 1;
    }
    const from = lineStart(text, m.at);
    const lineEnd = text.indexOf("\n", m.at);
    if (text.slice(from, lineEnd < 0 ? text.length : lineEnd).includes(ALLOW_MARKER)) {
      allowed++;
      continue;
    }
    const column = Buffer.from(text.slice(from, m.at), "latin1").toString("utf8").length + 1;
    const finding: BufferFinding = {
      rule: m.rule,
      message: m.message,
      line,
      column,
      preview: m.preview,
      secretHash: createHash("sha256").update(`${m.rule}\0${m.secret}`, "latin1").digest("hex"),
    };
    if (m.key) finding.key = m.key;
    if (m.encoding) finding.encoding = m.encoding;
    findings.push(finding);
  }
  return { findings, allowed };
}
