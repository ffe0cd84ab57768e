import type { Command } from "./context.js";

/** `secrets doctor` (placeholder until the checks land). */
export const doctor: Command = async () => 0;
