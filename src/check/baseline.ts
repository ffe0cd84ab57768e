/**
 * Baselines: a file of finding fingerprints (hashes of rule, file and secret — never a value), so a
 * team can adopt `secrets check` on a repository with old findings and fail only on new ones.
 */
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../core/atomic-write.js";
import { UserError } from "../core/errors.js";
import type { Finding } from "./types.js";

interface BaselineFile {
  version: 1;
  comment: string;
  fingerprints: string[];
}

/** Reads a baseline. Throws UserError(CONFIG) when it is missing or malformed. */
export async function readBaseline(path: string): Promise<Set<string>> {
  let data: BaselineFile;
  try {
    data = JSON.parse(await readFile(path, "utf8")) as BaselineFile;
  } catch (error) {
    throw new UserError(
      "CONFIG",
      `${path}: baseline not readable (${(error as NodeJS.ErrnoException).code ?? "not JSON"})`,
      {
        hint: "create it with `secrets check --write-baseline FILE`",
      },
    );
  }
  if (data?.version !== 1 || !Array.isArray(data.fingerprints)) {
    throw new UserError("CONFIG", `${path}: not a dotsecrets baseline (expected version 1 and fingerprints)`);
  }
  return new Set(data.fingerprints.filter((f) => typeof f === "string"));
}

/** Writes the fingerprints of `findings` (sorted, deduplicated) atomically. */
export async function writeBaseline(path: string, findings: Finding[]): Promise<number> {
  const fingerprints = [...new Set(findings.map((f) => f.fingerprint))].sort();
  const data: BaselineFile = {
    version: 1,
    comment:
      "dotsecrets check baseline: fingerprints (sha256 of rule, file and secret) of accepted findings; no values",
    fingerprints,
  };
  await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o644 });
  return fingerprints.length;
}
