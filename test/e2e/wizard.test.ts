/**
 * The guided `secrets migrate` on a real pseudo-terminal (80x24, NO_COLOR), driven like a person
 * through the built binary: a full migration to the local store, a Ctrl-C at every question leaving
 * the project byte for byte as it was, and a second run after adding a key that asks about that key
 * only. No planted value may show on any captured screen.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/ui/table.js";
import { CLI, cliEnv, findLeaks, readTree, runCli, tempDir } from "../helpers/cli.js";
import { PREFIX } from "../helpers/fake-secrets.js";
import { createMigrationProject } from "../helpers/fixture.js";

const driver = resolve(import.meta.dirname, "../helpers/pty-drive.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0;

type Step = { expect: string; send: string };

/** Every question of a first migration, answered with its default. */
const QUESTIONS = [
  "Where should the secrets live?",
  "App name",
  "Use these environments?",
  "Which keys move",
  "How should they be stored?",
  "Is this plan right?",
  "Write these stubs?",
  "Apply these code changes?",
  "Move 10 secret(s)",
];
const ENTER = "\r";
const ESC = "\u001b";
const CTRL_C = "\x03";

function drive(steps: Step[], args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync("python3", [driver, JSON.stringify(steps), "--", process.execPath, CLI, ...args], {
    cwd,
    env: { ...env, PTY_DEADLINE: "40" },
    encoding: "utf8",
    timeout: 60_000,
  });
  const transcript = result.stdout;
  const code = Number(/EXIT (-?\d+)\s*$/.exec(transcript)?.[1]);
  return { transcript, code, timeout: /\nTIMEOUT (.*)\n/.exec(transcript)?.[1] };
}

/** A person's environment with no cloud credentials, so the local store is the one ready. */
function personEnv(): NodeJS.ProcessEnv {
  const home = tempDir("dotsecrets-home-");
  const env = cliEnv(join(home, "store"), { HOME: home });
  for (const name of Object.keys(env)) {
    if (/^(AWS_|GOOGLE_|GCLOUD_|CLOUDSDK_)/.test(name) || name.startsWith("DOTSECRETS_AWS")) delete env[name];
  }
  delete env.DOTSECRETS_GCP_ENDPOINT;
  return env;
}

/**
 * The transcript cut into the runs of text a terminal draws between line breaks and cursor moves
 * (the prompts redraw a line after moving the cursor back to its start).
 */
function screenLines(transcript: string): string[] {
  return transcript
    .replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, "g"), "\n")
    .split(/\r\n|\r|\n/)
    .filter((line) => !/^(EXIT|TIMEOUT) /.test(line));
}

/** The migration fixture, its code loading .env with dotenv (so there is a code change to review). */
function project(root: string) {
  const planted = createMigrationProject(root);
  const index = join(root, "src", "index.js");
  writeFileSync(index, `require("dotenv").config();\n${readFileSync(index, "utf8")}`);
  return planted;
}

function snapshot(root: string): Array<[string, string]> {
  return readTree(root).map(([path, data]) => [path, data.toString("base64")]);
}

describe.skipIf(!hasPython)("secrets migrate, the guided conversation", () => {
  it("migrates to the local store answering the defaults; screens fit 80 columns, no colour, no value", async () => {
    const root = tempDir("dotsecrets-wizard-");
    const planted = project(root);
    const env = personEnv();
    const run = drive(
      QUESTIONS.map((expect) => ({ expect, send: ENTER })),
      ["migrate"],
      root,
      env,
    );
    expect(run.timeout, run.transcript).toBeUndefined();
    expect(run.code, run.transcript).toBe(0);
    // Every step was shown, with the things a person needs to decide.
    for (const text of [
      "1/6 Inventory",
      "NEXT_PUBLIC_API_URL",
      "2/6 Provider",
      "ready",
      "this identity can write",
      "3/6 Scope",
      ".env.production  production",
      "4/6 Keys",
      "5/6 Layout",
      "per-key  10 secret(s), free",
      "6/6 Review",
      "shop/production/STRIPE_SECRET_KEY",
      "+++ b/.env",
      "-DATABASE_URL=postgres://…(",
      "+DATABASE_URL=secret://local/shop/development/DATABASE_URL",
      "moved to local: 10 key(s)",
      "secrets run -- ",
      "secrets check",
    ])
      expect(run.transcript, text).toContain(text);
    expect(readFileSync(join(root, ".env"), "utf8")).toContain(
      "secret://local/shop/development/DATABASE_URL",
    );
    const lines = screenLines(run.transcript);
    expect(lines.filter((line) => displayWidth(line) > 80)).toEqual([]);
    expect(run.transcript).not.toMatch(new RegExp(`${ESC}\\[[0-9;]*m`)); // NO_COLOR: no colour
    expect(
      findLeaks(
        planted.map((p) => p.value),
        [["screen", run.transcript]],
      ),
    ).toEqual([]);
    expect(
      findLeaks(
        planted.map((p) => p.value),
        readTree(root),
      ),
    ).toEqual([]);
    const listed = await runCli(["list"], { cwd: root, env });
    expect(listed.stdout).toContain("shop/development/STRIPE_SECRET_KEY");
  });

  it("Ctrl-C at any question exits 130 and leaves the project byte for byte unchanged", () => {
    const root = tempDir("dotsecrets-wizard-");
    const planted = project(root);
    const env = personEnv();
    const before = snapshot(root);
    for (const [index, question] of QUESTIONS.entries()) {
      const steps = [
        ...QUESTIONS.slice(0, index).map((expect) => ({ expect, send: ENTER })),
        { expect: question, send: CTRL_C },
      ];
      const run = drive(steps, ["migrate"], root, env);
      expect(run.timeout, `${question}\n${run.transcript}`).toBeUndefined();
      expect(run.code, `${question}\n${run.transcript}`).toBe(130);
      expect(snapshot(root), question).toEqual(before);
      expect(existsSync(join(root, ".dotsecrets")), question).toBe(false);
      expect(
        findLeaks(
          planted.map((p) => p.value),
          [["screen", run.transcript]],
        ),
      ).toEqual([]);
    }
  }, 180_000);

  it("after a migration, a key added to .env is the only one offered next time", () => {
    const root = tempDir("dotsecrets-wizard-");
    const planted = project(root);
    const env = personEnv();
    const first = drive(
      QUESTIONS.map((expect) => ({ expect, send: ENTER })),
      ["migrate"],
      root,
      env,
    );
    expect(first.code, first.transcript).toBe(0);
    const added = `${PREFIX.stripeLive}${Math.random().toString(36).slice(2)}${Date.now()}`;
    appendFileSync(join(root, ".env"), `NEW_PAYMENT_KEY=${added}\n`);
    const second = drive(
      [
        { expect: "Which keys move", send: ENTER },
        { expect: "Is this plan right?", send: ENTER },
        { expect: "Write these stubs?", send: ENTER },
        { expect: "Move 1 secret(s)", send: ENTER },
      ],
      ["migrate"],
      root,
      env,
    );
    expect(second.timeout, second.transcript).toBeUndefined();
    expect(second.code, second.transcript).toBe(0);
    // Provider, app, environments and layout come from dotsecrets.json and the journal.
    for (const question of ["Where should", "App name", "Use these environments", "How should"])
      expect(second.transcript).not.toContain(question);
    const offered = second.transcript.slice(
      second.transcript.indexOf("Which keys move"),
      second.transcript.indexOf("5/6 Layout"),
    );
    expect(offered).toContain("NEW_PAYMENT_KEY");
    for (const other of ["PORT", "LOG_LEVEL", "NEXT_PUBLIC_API_URL", "NODE_ENV", "DATABASE_URL"])
      expect(offered, other).not.toContain(other);
    expect(readFileSync(join(root, ".env"), "utf8")).toContain(
      "NEW_PAYMENT_KEY=secret://local/shop/development/NEW_PAYMENT_KEY",
    );
    const values = [...planted.map((p) => p.value), added];
    expect(
      findLeaks(values, [
        ["first", first.transcript],
        ["second", second.transcript],
      ]),
    ).toEqual([]);
    expect(findLeaks(values, readTree(root))).toEqual([]);
  }, 90_000);
});

describe.skipIf(!hasPython)("secrets migrate: every answer has a flag", () => {
  it("on a terminal, the flags answer their questions: only the review is asked", () => {
    const root = tempDir("dotsecrets-wizard-");
    const planted = project(root);
    const env = personEnv();
    const args = [
      "migrate",
      "--provider",
      "local",
      "--app",
      "store",
      "--env-map",
      ".env=dev,.env.production=prod",
    ];
    args.push("--only", "DATABASE_URL,API_TOKEN", "--layout", "bundle");
    const run = drive(
      ["Is this plan right?", "Write these stubs?", "Apply these code changes?", "Move 3 secret(s)"].map(
        (expect) => ({ expect, send: ENTER }),
      ),
      args,
      root,
      env,
    );
    expect(run.timeout, run.transcript).toBeUndefined();
    expect(run.code, run.transcript).toBe(0);
    for (const question of ["Where should", "App name", "Use these environments", "Which keys", "How should"])
      expect(run.transcript).not.toContain(question);
    const stub = readFileSync(join(root, ".env.production"), "utf8");
    expect(stub).toContain("API_TOKEN=secret://local/store/prod?key=API_TOKEN");
    expect(stub).toMatch(/STRIPE_SECRET_KEY=sk_/); // not chosen: still plaintext
    expect(
      findLeaks(
        planted.map((p) => p.value),
        [["screen", run.transcript]],
      ),
    ).toEqual([]);
  });

  it("without a terminal, a missing answer is exit 2 naming its flag; --yes takes the defaults", async () => {
    const root = tempDir("dotsecrets-wizard-");
    project(root);
    const env = personEnv();
    const noProvider = await runCli(["migrate"], { cwd: root, env });
    expect(noProvider.code).toBe(2);
    expect(noProvider.stderr).toContain("--provider");
    const noRegion = await runCli(["migrate", "--provider", "aws"], { cwd: root, env });
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toContain("--aws-region");
    const noProject = await runCli(["migrate", "--provider", "gcp"], { cwd: root, env });
    expect(noProject.code).toBe(2);
    expect(noProject.stderr).toContain("--gcp-project");
    const noConfirmation = await runCli(["migrate", "--provider", "local"], { cwd: root, env });
    expect(noConfirmation.code).toBe(2);
    expect(noConfirmation.stderr).toContain("--yes");
    expect(existsSync(join(root, ".dotsecrets"))).toBe(false);
    const defaults = await runCli(["migrate", "--yes"], { cwd: root, env });
    expect(defaults.code, defaults.stderr).toBe(0);
    expect(readFileSync(join(root, ".env"), "utf8")).toContain("secret://local/shop/development/JWT_SECRET");
  });
});
