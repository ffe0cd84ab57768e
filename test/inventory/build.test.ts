import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { buildInventory } from "../../src/inventory/index.js";

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "inv-build-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const STRIPE = `sk_live_${"Ab3dE5gH7jK9mN1pQ3sT5vW7".repeat(1)}`;
const DB_PASSWORD = "Zq8Lm2Xv9Rt4Wk7P";

describe("buildInventory", () => {
  it("returns files, keys with occurrences and usages, undeclared keys and a summary, sorted", async () => {
    const root = tree({
      "b/.env": `STRIPE_KEY=${STRIPE}\nPORT=4000\n`,
      ".env": `PORT=3000\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\nNEXT_PUBLIC_URL=https://x.dev\n`,
      ".env.example": "PORT=3000\nSTRIPE_KEY=\n",
      "src/index.ts":
        "const { PORT } = process.env;\nprocess.env.DATABASE_URL;\nprocess.env.NOT_IN_ENV;\nprocess.env.NODE_ENV;\n",
    });
    const inv = await buildInventory({ root });
    expect(inv.files.map((f) => [f.path, f.env, f.kind, f.entries])).toEqual([
      [".env", "development", "env", 3],
      [".env.example", null, "template", 2],
      ["b/.env", "development", "env", 2],
    ]);
    expect(inv.keys.map((k) => [k.key, k.class])).toEqual([
      ["DATABASE_URL", "secret"],
      ["NEXT_PUBLIC_URL", "public"],
      ["PORT", "config"],
      ["STRIPE_KEY", "secret"],
    ]);
    const port = inv.keys.find((k) => k.key === "PORT")!;
    expect(port.occurrences.map((o) => [o.file, o.line, o.preview])).toEqual([
      [".env", 1, "3000"],
      [".env.example", 1, "3000"],
      ["b/.env", 2, "4000"],
    ]);
    expect(port.usages).toEqual([{ file: "src/index.ts", line: 1 }]);
    const stripe = inv.keys.find((k) => k.key === "STRIPE_KEY")!;
    expect(stripe.reason).toBe("value is a Stripe secret key (live mode)");
    expect(stripe.occurrences.map((o) => o.preview)).toEqual(["(empty)", "sk_l…(32 chars)"]);
    expect(inv.undeclared).toEqual([{ key: "NOT_IN_ENV", usages: [{ file: "src/index.ts", line: 3 }] }]);
    expect(inv.summary).toEqual({ files: 3, keys: 4, secret: 2, config: 1, public: 1 });
    expect(inv.warnings).toEqual([]);
    const json = JSON.stringify(inv);
    expect(json).not.toContain(STRIPE);
    expect(json).not.toContain(DB_PASSWORD);
  });

  it("flags templates holding a real-looking secret and public keys that look secret", async () => {
    const root = tree({
      ".env.example": `DATABASE_URL=postgres://user:password@localhost/app\nSTRIPE_KEY=${STRIPE}\nAPI_TOKEN=\n`,
      ".env": `NEXT_PUBLIC_STRIPE_KEY=${STRIPE}\n`,
    });
    const inv = await buildInventory({ root, scanCode: false });
    expect(inv.warnings.map((w) => [w.code, w.file, w.line])).toEqual([
      ["public-secret", ".env", 1],
      ["template-secret", ".env.example", 2],
    ]);
    expect(inv.keys.find((k) => k.key === "NEXT_PUBLIC_STRIPE_KEY")!.publicWarning).toMatch(
      /Stripe secret key/,
    );
    expect(JSON.stringify(inv)).not.toContain(STRIPE);
  });

  it("still inventories the rest when files are not UTF-8, too large, or oddly quoted", async () => {
    const root = tree({
      ".env": `GOOD=1\nDB_PASSWORD=${DB_PASSWORD}\n`,
      "latin1/.env": Buffer.concat([Buffer.from("A=1\nNAME=caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
      "big/.env": `BIG=${"x".repeat(10 * 1024 * 1024)}\n`,
      "quote/.env": `OPEN="never closed\nAFTER=${DB_PASSWORD}\n`,
      "junk/.env": "this line is not an assignment\nOK=yes\n",
    });
    const inv = await buildInventory({ root, scanCode: false });
    expect(inv.files.map((f) => [f.path, f.readable])).toEqual([
      [".env", true],
      ["big/.env", false],
      ["junk/.env", true],
      ["latin1/.env", false],
      ["quote/.env", true],
    ]);
    const byFile = (file: string) => inv.warnings.filter((w) => w.file === file);
    expect(byFile("latin1/.env")).toMatchObject([{ code: "env-parse", line: 2 }]);
    expect(byFile("latin1/.env")[0]!.message).toMatch(/not valid UTF-8/);
    expect(byFile("big/.env")).toMatchObject([{ code: "env-read" }]);
    expect(byFile("big/.env")[0]!.message).toMatch(/too large/);
    expect(byFile("junk/.env")).toMatchObject([{ code: "env-syntax", line: 1 }]);
    expect(byFile("quote/.env").length).toBeGreaterThan(0);
    expect(inv.keys.map((k) => k.key)).toEqual(expect.arrayContaining(["GOOD", "DB_PASSWORD", "OK", "OPEN"]));
    for (const w of inv.warnings) expect(w.message, w.message).not.toContain(root);
    expect(JSON.stringify(inv)).not.toContain(DB_PASSWORD);
  });

  it("marks earlier duplicates as overridden", async () => {
    const root = tree({ ".env": "A=1\nA=2\n" });
    const inv = await buildInventory({ root, scanCode: false });
    expect(inv.keys[0]!.occurrences.map((o) => [o.line, o.overridden])).toEqual([
      [1, true],
      [2, undefined],
    ]);
  });

  it("rejects a root that is not a directory", async () => {
    await expect(
      buildInventory({ root: join(tmpdir(), "no-such-dir-for-inventory") }),
    ).rejects.toBeInstanceOf(UserError);
  });

  it("gives the same result twice", async () => {
    const root = tree({ "z/.env": "B=2\nA=1\n", "a/.env": "A=1\n", "m.ts": "process.env.A; process.env.B" });
    expect(await buildInventory({ root })).toEqual(await buildInventory({ root }));
  });
});
