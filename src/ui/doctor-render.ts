/**
 * The doctor's report for a terminal: one line per check, at most 80 columns, a fix line under
 * each warn and fail, colour only on a TTY without NO_COLOR.
 */
import type { DoctorLine } from "../doctor/types.js";

const WIDTH = 80;
const COLOURS = { ok: "\u001b[32m", warn: "\u001b[33m", fail: "\u001b[31m" } as const;
const RESET = "\u001b[0m";

/** True when output may be coloured: a TTY, NO_COLOR unset or empty, TERM not dumb. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Renders the report; every line fits in 80 columns. Throws nothing. */
export function renderDoctor(root: string, lines: DoctorLine[], colour: boolean): string {
  const out = [clip(`secrets doctor: ${root}`, WIDTH)];
  for (const line of lines) {
    const status = line.status.padEnd(5);
    const shown = colour ? `${COLOURS[line.status]}${status}${RESET}` : status;
    out.push(`${shown} ${line.id.padEnd(12)}${clip(line.summary, WIDTH - 18)}`);
    if (line.fix && line.status !== "ok") out.push(clip(`      fix: ${line.fix}`, WIDTH));
  }
  const count = (s: DoctorLine["status"]) => lines.filter((l) => l.status === s).length;
  out.push(`${lines.length} checks: ${count("ok")} ok, ${count("warn")} warn, ${count("fail")} fail`);
  return `${out.join("\n")}\n`;
}
