/**
 * Reading history: every blob reachable from any ref comes out of `git cat-file` exactly once with
 * its bytes, whether one process reads them or two share them (as a long history does); a blob
 * over the size cap comes out without bytes.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catBlobs, historyBlobs } from "../../src/check/git.js";
import { tempDir } from "../helpers/cli.js";
import { gitIn } from "../helpers/git.js";

describe("git blobs", () => {
  const repo = tempDir("dotsecrets-git-blobs-");
  const git = gitIn(repo);
  git("init", "-q");
  const contents = new Map<string, string>();
  for (let c = 0; c < 6; c++) {
    for (let f = 0; f < 5; f++) {
      const text = `commit ${c} file ${f}\n${"x".repeat(c * 5000 + f)}\n`;
      writeFileSync(join(repo, `f${f}.txt`), text);
      contents.set(execFileSync("git", ["hash-object", "--stdin"], { input: text }).toString().trim(), text);
    }
    git("add", "-A");
    git("commit", "-qm", `c${c}`);
  }

  for (const processes of [1, 2, 3]) {
    it(`yields every blob once with its bytes (${processes} cat-file process(es))`, async () => {
      const refs = await historyBlobs(repo);
      expect(new Set(refs.map((r) => r.id))).toEqual(new Set(contents.keys()));
      // All kept, then read: a blob that is a view of git's output must stay intact while later
      // blobs are read (as a batch waits for its turn to be scanned).
      const blobs = [];
      for await (const blob of catBlobs(repo, refs, 1 << 20, processes)) blobs.push(blob);
      const seen = new Map<string, string>();
      for (const blob of blobs) {
        expect(seen.has(blob.ref.id)).toBe(false);
        seen.set(blob.ref.id, Buffer.from(blob.bytes!).toString("utf8"));
      }
      expect(seen).toEqual(contents);
      // Both kinds came out: views of one read, and buffers of their own for blobs split over reads.
      const view = (b: Uint8Array) => b.byteLength !== b.buffer.byteLength;
      expect(blobs.some((b) => view(b.bytes!))).toBe(true);
      expect(blobs.some((b) => !view(b.bytes!))).toBe(true);
    });
  }

  it("gives a blob over the cap its size and no bytes", async () => {
    const refs = await historyBlobs(repo);
    const out = [];
    for await (const blob of catBlobs(repo, refs, 10_000, 2)) out.push(blob);
    const big = out.filter((b) => b.size > 10_000);
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((b) => b.bytes === undefined)).toBe(true);
    expect(out.filter((b) => b.size <= 10_000).every((b) => b.bytes?.length === b.size)).toBe(true);
  });

  it("a reader that stops early leaves nothing in the way of the next read", async () => {
    const refs = await historyBlobs(repo);
    for await (const _ of catBlobs(repo, refs, 1 << 20, 2)) break;
    // Nothing left running: the next full read still works and the test process exits cleanly.
    let n = 0;
    for await (const _ of catBlobs(repo, refs, 1 << 20, 2)) n++;
    expect(n).toBe(refs.length);
  });
});
