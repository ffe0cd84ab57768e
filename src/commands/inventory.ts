import type { Command } from "./context.js";

/** `secrets inventory`: placeholder until src/inventory lands. */
export const inventory: Command = async (_argv, ctx) => {
  ctx.stderr.write("inventory: not built yet\n");
  return 2;
};
