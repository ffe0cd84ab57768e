/** The names a stub may not set (issue 9, item 12): each can make a program run other code. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  isUnsafeName,
  UNSAFE_NAMES,
  unsafeNamesMarkdown,
  unsafeReason,
} from "../../src/runtime/unsafe-names.js";

describe("unsafe names", () => {
  it.each([
    // the reproductions
    "GIT_EXTERNAL_DIFF",
    "XDG_CONFIG_HOME",
    "GIT_PROXY_COMMAND",
    "GIT_ASKPASS",
    "SSH_ASKPASS",
    "GIT_PAGER",
    "PYTHONWARNINGS",
    "CC",
    "RUSTC_WRAPPER",
    "LESSOPEN",
    "ZDOTDIR",
    "GCONV_PATH",
    "HTTPS_PROXY",
    // families
    "https_proxy",
    "ALL_PROXY",
    "GLOBAL_AGENT_HTTP_PROXY",
    "GIT_CONFIG_COUNT",
    "GIT_CONFIG_KEY_0",
    "GIT_TRACE_CURL",
    "GIT_SSH_VARIANT",
    "LD_AUDIT",
    "DYLD_LIBRARY_PATH",
    "CARGO_BUILD_RUSTC_WRAPPER",
    "CGO_LDFLAGS",
    "DOTSECRETS_HOME",
    "BASH_FUNC_ls%%",
    // and a few more from the researched lists
    "GIT_TEMPLATE_DIR",
    "GIT_DIR",
    "GIT_ALLOW_PROTOCOL",
    "GIT_SEQUENCE_EDITOR",
    "PERL5OPT",
    "RUBYOPT",
    "JAVA_TOOL_OPTIONS",
    "DOTNET_STARTUP_HOOKS",
    "OPENSSL_CONF",
    "GOFLAGS",
    "MAKEFLAGS",
    "PROMPT_COMMAND",
    "BROWSER",
    "KUBECONFIG",
  ])("%s is unsafe", (name) => {
    expect(isUnsafeName(name)).toBe(true);
    expect(unsafeReason(name)).toBeTruthy();
  });

  it.each([
    "DATABASE_URL",
    "GIT_SHA",
    "GIT_COMMIT",
    "NO_PROXY",
    "PROXY_URL",
    "CC_EMAIL",
    "PAGER_SIZE",
    "LDAP_URL",
  ])("%s is fine", (name) => expect(isUnsafeName(name)).toBe(false));

  it("gives every entry a reason and a source", () => {
    for (const rule of UNSAFE_NAMES) {
      expect(rule.reason, rule.name).toMatch(/\S/);
      expect(rule.source, rule.name).toMatch(/\S/);
    }
  });

  it("docs/unsafe-names.md is the list as the code has it", () => {
    const doc = readFileSync(resolve(import.meta.dirname, "../../docs/unsafe-names.md"), "utf8");
    expect(doc).toBe(unsafeNamesMarkdown());
  });
});
