import { describe, expect, it } from "vitest";
import { detectAgent } from "../../src/core/agent-mode.js";

describe("detectAgent", () => {
  it.each([
    [{ CLAUDECODE: "1" }, "Claude Code", "CLAUDECODE"],
    [{ GEMINI_CLI: "1" }, "Gemini CLI", "GEMINI_CLI"],
    [{ CODEX_SANDBOX: "seatbelt" }, "OpenAI Codex", "CODEX_SANDBOX"],
    [{ CURSOR_AGENT: "1" }, "Cursor agent", "CURSOR_AGENT"],
    [{ CURSOR_EXTENSION_HOST_ROLE: "agent-exec" }, "Cursor agent", "CURSOR_EXTENSION_HOST_ROLE"],
    [{ CLINE_ACTIVE: "true" }, "Cline", "CLINE_ACTIVE"],
    [{ DOTSECRETS_AGENT: "1" }, "a coding agent", "DOTSECRETS_AGENT"],
    [{ AI_AGENT: "my-bot@2" }, "my-bot@2", "AI_AGENT"],
    [{ DOTSECRETS_AGENT: "0", CLAUDECODE: "1" }, "Claude Code", "CLAUDECODE"],
  ])("%o → %s", (env, name, variable) => {
    expect(detectAgent(env)).toEqual({ name, variable });
  });

  it.each([
    {},
    { CLAUDECODE: "" },
    { CURSOR_TRACE_ID: "abc" },
    { CURSOR_EXTENSION_HOST_ROLE: "extension-host" },
    { CLINE_ACTIVE: "false" },
    { DOTSECRETS_AGENT: "0" },
    { AGENT: "other" },
  ])("%o → no agent", (env) => {
    expect(detectAgent(env)).toBeUndefined();
  });
});
