/**
 * Reading git for `--staged` and `--history`: which blobs to scan, and their contents through ONE
 * `git cat-file --batch` process (each blob once, by id). History blobs are attributed to the first
 * commit (oldest first) and path that introduced them, from one `git log --raw` pass.
 */
import { spawn } from "node:child_process";
import { UserError } from "../core/errors.js";

export interface BlobRef {
  id: string;
  path: string;
  commit?: string;
  commitDate?: string;
}

/** Runs git and returns its stdout. Throws UserError(CONFIG) when git fails (not a repository...). */
export function git(cwd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", (error) =>
      reject(new UserError("CONFIG", `git could not be started: ${error.message}`)),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new UserError("CONFIG", `git ${args[0]} failed: ${err.trim().split("\n")[0] ?? `exit ${code}`}`, {
            hint: "run secrets check inside a git repository",
          }),
        );
    });
  });
}

const ZERO = /^0+$/;

/** Blobs staged for commit (added, copied, modified, renamed, type-changed). Throws UserError(CONFIG). */
export async function stagedBlobs(cwd: string): Promise<BlobRef[]> {
  const raw = await git(cwd, [
    "diff",
    "--cached",
    "--raw",
    "-z",
    "--no-abbrev",
    "--no-renames",
    "--diff-filter=ACMT",
  ]);
  return parseRaw(raw.toString("utf8")).map(({ id, path }) => ({ id, path }));
}

/**
 * Every blob reachable from any ref, once, with the first commit (oldest first) and path that
 * introduced it. Throws UserError(CONFIG).
 */
export async function historyBlobs(cwd: string): Promise<BlobRef[]> {
  const raw = await git(cwd, [
    "log",
    "--all",
    "--reverse",
    "--raw",
    "--no-abbrev",
    "--no-renames",
    "-z",
    "--diff-merges=first-parent",
    "--format=%x01%H%x02%cI",
  ]);
  const blobs = new Map<string, BlobRef>();
  let commit = "";
  let date = "";
  const tokens = raw.toString("utf8").split("\0");
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, "");
    if (token.startsWith("\x01")) {
      [commit, date] = token.slice(1).split("\x02") as [string, string];
      continue;
    }
    if (!token.startsWith(":")) continue;
    const [, newMode, , id] = token.slice(1).split(" ");
    const path = tokens[++i] ?? "";
    if (!id || ZERO.test(id) || newMode === "160000" || blobs.has(id)) continue;
    blobs.set(id, { id, path, commit, commitDate: date });
  }
  return [...blobs.values()];
}

function parseRaw(text: string): Array<{ id: string; path: string }> {
  const tokens = text.split("\0");
  const out: Array<{ id: string; path: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, "");
    if (!token.startsWith(":")) continue;
    const [, newMode, , id] = token.slice(1).split(" ");
    const path = tokens[++i] ?? "";
    if (id && !ZERO.test(id) && newMode !== "160000") out.push({ id, path });
  }
  return out;
}

export interface BlobContent {
  ref: BlobRef;
  /** Undefined when the blob is over `maxBytes` (its bytes were read and dropped). */
  bytes?: Uint8Array;
  size: number;
}

/** From this many blobs on, two `git cat-file` processes share them (inflating them is git's bottleneck). */
const PARALLEL_CAT_FROM = 1000;

/**
 * Streams the contents of `refs` from `git cat-file --batch` (one process, or two each reading a
 * half for a long history: `processes` overrides), in no particular order. A blob that came whole
 * in one read of git's output is a view of that read (no copy: over 75 MB of history, allocating
 * and copying each blob cost ~40 ms of the main thread); a longer one is a buffer of its own. A
 * view shares its memory with its neighbours: copy it before transferring it to another thread.
 * Throws UserError(CONFIG) when git fails.
 */
export function catBlobs(
  cwd: string,
  refs: BlobRef[],
  maxBytes: number,
  processes = refs.length >= PARALLEL_CAT_FROM ? 2 : 1,
): AsyncGenerator<BlobContent> {
  if (processes <= 1) return catBatch(cwd, refs, maxBytes);
  const size = Math.ceil(refs.length / processes);
  const parts: AsyncGenerator<BlobContent>[] = [];
  for (let i = 0; i < refs.length; i += size) parts.push(catBatch(cwd, refs.slice(i, i + size), maxBytes));
  return merge(parts);
}

/** Yields what each source yields, as soon as it comes. Closes every source when done or failed. */
async function* merge<T>(sources: AsyncGenerator<T>[]): AsyncGenerator<T> {
  const pull = (i: number) => sources[i]!.next().then((result) => ({ result, i }));
  const live = new Map(sources.map((_, i) => [i, pull(i)]));
  try {
    while (live.size > 0) {
      const { result, i } = await Promise.race(live.values());
      if (result.done) {
        live.delete(i);
        continue;
      }
      live.set(i, pull(i));
      yield result.value;
    }
  } finally {
    await Promise.allSettled(sources.map((source) => source.return(undefined)));
  }
}

/** One `git cat-file --batch` over `refs`, in order. */
async function* catBatch(cwd: string, refs: BlobRef[], maxBytes: number): AsyncGenerator<BlobContent> {
  if (refs.length === 0) return;
  const child = spawn("git", ["cat-file", "--batch", "--buffer"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let failed: Error | undefined;
  child.on("error", (error) => {
    failed = error;
  });
  child.stderr.resume();
  child.stdin.on("error", () => {});
  child.stdin.end(`${refs.map((r) => r.id).join("\n")}\n`);
  try {
    yield* parseBatch(child.stdout as AsyncIterable<Buffer>, refs, maxBytes);
  } finally {
    if (child.exitCode === null) child.kill();
  }
  if (failed) throw new UserError("CONFIG", `git cat-file failed: ${failed.message}`);
}

/** Blobs from `git cat-file --batch` output for `refs`, in order. */
async function* parseBatch(
  stdout: AsyncIterable<Buffer>,
  refs: BlobRef[],
  maxBytes: number,
): AsyncGenerator<BlobContent> {
  let pending = Buffer.alloc(0);
  let index = 0;
  let want = -1; // bytes of content still expected for the current blob (-1: reading a header)
  let size = 0;
  let body: Uint8Array | undefined;
  let filled = 0;
  for await (const chunk of stdout) {
    let data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (want < 0) {
        const nl = data.indexOf(0x0a);
        if (nl < 0) {
          pending = Buffer.from(data);
          break;
        }
        const header = data.toString("latin1", 0, nl).split(" ");
        data = data.subarray(nl + 1);
        if (header[1] === "missing" || header.length < 3) {
          index++;
          continue;
        }
        size = Number(header[2]);
        want = size + 1; // content and its trailing newline
        filled = 0;
        if (size > maxBytes) body = undefined;
        else if (data.length >= size) {
          // The whole blob is in this read: a view of it.
          body = data.subarray(0, size);
          filled = size;
        } else {
          // Not zero-filled: every byte is written below before the blob is yielded.
          body = Buffer.allocUnsafeSlow(size);
        }
        continue;
      }
      const take = Math.min(want, data.length);
      if (body && filled < size) {
        const part = data.subarray(0, Math.min(take, size - filled));
        body.set(part, filled);
        filled += part.length;
      }
      want -= take;
      data = data.subarray(take);
      if (want === 0) {
        want = -1;
        const content: BlobContent = { ref: refs[index++]!, size };
        if (body) content.bytes = body;
        yield content;
      }
    }
  }
}
