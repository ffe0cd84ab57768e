import { describe, expect, it } from "vitest";
import { openLocalProvider } from "../../providers/local.js";
import type { SecretProvider } from "../../providers/types.js";
import { UserError } from "../../src/core/errors.js";
import { parseEnv } from "../../src/envfile/index.js";
import { resolveDocument } from "../../src/runtime/resolve.js";
import { tempDir } from "../helpers/cli.js";

const project = { root: "/nowhere", config: {}, configured: false };

describe("resolveDocument", () => {
  it("fetches every reference of a file in one batch call per provider (bundle fields share one fetch)", async () => {
    const local = openLocalProvider({
      settings: {},
      env: { DOTSECRETS_HOME: tempDir("dotsecrets-resolve-") },
    });
    await local.put("shop/dev/A", "value-a");
    await local.put("shop/dev/B", "value-b");
    await local.put("shop/dev", JSON.stringify({ C: "value-c", D: "value-d" }));
    const calls: number[] = [];
    const counting: SecretProvider = {
      ...local,
      checkName: local.checkName,
      getMany: (requests) => {
        calls.push(requests.length);
        return local.getMany(requests);
      },
    };
    const doc = parseEnv(
      "A=secret://local/shop/dev/A\nB=secret://local/shop/dev/B\nC=secret://local/shop/dev?key=C\nD=secret://local/shop/dev?key=D\nPORT=3000\n",
      ".env",
    );
    const variables = await resolveDocument(doc, { project, env: {}, open: async () => counting });
    expect(Object.fromEntries(variables.map((v) => [v.key, v.value]))).toEqual({
      A: "value-a",
      B: "value-b",
      C: "value-c",
      D: "value-d",
      PORT: "3000",
    });
    expect(variables.filter((v) => v.secret).map((v) => v.key)).toEqual(["A", "B", "C", "D"]);
    expect(calls).toEqual([3]);
  });

  it("reports every unresolvable key at once, with file and line, and no value", async () => {
    const local = openLocalProvider({
      settings: {},
      env: { DOTSECRETS_HOME: tempDir("dotsecrets-resolve-") },
    });
    const doc = parseEnv(
      "X=secret://local/shop/dev/X\nY=secret://local/shop/dev/Y#4\nZ=secret://other/a/b\n",
      ".env",
    );
    await expect(
      resolveDocument(doc, {
        project,
        env: {},
        open: async (kind) =>
          kind === "local"
            ? local
            : Promise.reject(new UserError("PROVIDER_UNKNOWN", `unknown provider ${kind}`)),
      }),
    ).rejects.toThrow(
      /cannot resolve 3 reference\(s\):\n {2}\.env:1 X: shop\/dev\/X not found in the local provider\n {2}\.env:2 Y: shop\/dev\/Y not found in the local provider\n {2}\.env:3 Z: unknown provider 'other'/,
    );
  });
});
