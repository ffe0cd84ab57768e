/**
 * Progress on stderr: a redrawn bar on a terminal, plain lines otherwise (CI logs stay readable).
 */
import type { Writable } from "node:stream";
import type { ProgressEvent } from "../migrate/steps/types.js";

export interface Progress {
  update(label: string, done: number, total: number): void;
  end(): void;
}

/** Creates a progress reporter for `stream` (a bar when it is a TTY). */
export function createProgress(stream: Writable & { isTTY?: boolean }): Progress {
  const tty = Boolean(stream.isTTY);
  let last = "";
  let drawn = false;
  return {
    update(label, done, total) {
      if (tty) {
        const width = 24;
        const filled = total === 0 ? width : Math.round((done / total) * width);
        stream.write(`\r${"█".repeat(filled)}${"░".repeat(width - filled)} ${done}/${total} ${label}\x1b[K`);
        drawn = true;
        return;
      }
      // Plain mode: one line per label when it completes.
      if (done === total && label !== last) {
        stream.write(`${label}: ${done}/${total}\n`);
        last = label;
      }
    },
    end() {
      if (tty && drawn) stream.write("\r\x1b[K");
      drawn = false;
    },
  };
}

/** The migration's progress hook, drawing on `progress` (both migrate front ends use it). */
export function migrationProgress(progress: Progress): (event: ProgressEvent) => void {
  return (event) =>
    progress.update(
      event.phase === "write" ? "secrets written and verified" : "files stubbed",
      event.done,
      event.total,
    );
}
