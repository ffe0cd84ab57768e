/**
 * Variables a stub must not set without `--allow-unsafe-names`: each changes which code a process
 * or its children load and run, where their configuration comes from, or whom they trust on the
 * network. A stub is a file anyone with write access to the repo — or an agent following an
 * injected instruction — can edit; `secrets run -- git diff` must not become code execution.
 *
 * A name ending in `*` is a family (every name with that prefix), one starting with `*` a suffix
 * family. Families are used where new members appear with new tool versions (git, cargo, loaders).
 * docs/unsafe-names.md is generated from this list (unsafeNamesMarkdown); a test keeps them equal.
 */

export interface UnsafeName {
  /** `NAME`, `PREFIX*` or `*SUFFIX`, upper case. */
  name: string;
  /** Why setting it can run code or redirect trust, in one line. */
  reason: string;
  /** Where the behaviour is documented. */
  source: string;
  /** Members of a family that are harmless. */
  except?: readonly string[];
}

const u = (name: string, reason: string, source: string, except?: readonly string[]): UnsafeName => ({
  name,
  reason,
  source,
  ...(except && { except }),
});

/** Grouped as in docs/unsafe-names.md. */
export const UNSAFE_NAMES: readonly UnsafeName[] = [
  // Shells and the process itself
  u("PATH", "decides which program a bare command name runs", "POSIX exec; every shell"),
  u(
    "HOME",
    "where shells, git, npm, ssh read their dotfiles (.bashrc, .gitconfig, .npmrc)",
    "POSIX; git-config(1) FILES",
  ),
  u("SHELL", "the shell that make, editors and some npm scripts start", "POSIX"),
  u(
    "ENV",
    "file run by sh/dash (and bash in POSIX mode) when an interactive shell starts",
    "POSIX sh; bash(1) INVOCATION",
  ),
  u("BASH_ENV", "file bash runs before every non-interactive script", "bash(1) INVOCATION"),
  u(
    "BASH_FUNC_*",
    "function definitions bash imports from the environment",
    "bash(1) (Shellshock fix format)",
  ),
  u("SHELLOPTS", "turns on bash options (xtrace, …) in every bash started", "bash(1) Shell Variables"),
  u("BASHOPTS", "turns on shopt options in every bash started", "bash(1) Shell Variables"),
  u("IFS", "changes how shells split words, so scripts run other commands than written", "POSIX sh"),
  u("PS4", "expanded (command substitution included) before each traced command", "bash(1) Shell Variables"),
  u("PROMPT_COMMAND", "command bash runs before every prompt", "bash(1) Shell Variables"),
  u("ZDOTDIR", "folder zsh reads .zshenv and .zshrc from", "zsh(1) STARTUP/SHUTDOWN FILES"),
  // Dynamic loaders and C libraries
  u("LD_*", "LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT load shared objects into every program", "ld.so(8)"),
  u("DYLD_*", "DYLD_INSERT_LIBRARIES and friends load libraries into every program (macOS)", "dyld(1)"),
  u("GCONV_PATH", "glibc loads iconv modules (shared objects) from here", "iconv(3), gconv; CVE-2021-4034"),
  u("OPENSSL_CONF", "OpenSSL config can load engines and providers (shared objects)", "OpenSSL config(5)"),
  u("OPENSSL_ENGINES", "folder OpenSSL loads engine shared objects from", "OpenSSL engine(3)"),
  u("OPENSSL_MODULES", "folder OpenSSL 3 loads provider shared objects from", "OpenSSL provider(7)"),
  // Language runtimes
  u(
    "NODE_OPTIONS",
    "--require/--import load code into every Node process",
    "Node.js CLI: Environment variables",
  ),
  u("NODE_PATH", "extra folders require() resolves modules from", "Node.js modules docs"),
  u(
    "NODE_DEBUG",
    "makes Node print internals, spawned processes' environments included",
    "Node.js CLI: NODE_DEBUG",
  ),
  u("NODE_EXTRA_CA_CERTS", "adds trusted certificate authorities (interception)", "Node.js CLI"),
  u("NODE_TLS_REJECT_UNAUTHORIZED", "0 turns off TLS certificate checks", "Node.js CLI"),
  u(
    "NPM_CONFIG_*",
    "any npm setting: script-shell, node-options, registry, git",
    "npm config docs (npm_config_*)",
  ),
  u(
    "YARN_YARN_PATH",
    "Yarn runs the JavaScript file it names instead of itself",
    "Yarn configuration (yarnPath)",
  ),
  u("YARN_RC_FILENAME", "points Yarn at another .yarnrc.yml (yarnPath, plugins)", "Yarn configuration"),
  u("PYTHONPATH", "extra folders Python imports modules from", "python(1) ENVIRONMENT"),
  u("PYTHONHOME", "replaces Python's standard library", "python(1) ENVIRONMENT"),
  u("PYTHONSTARTUP", "file run when an interactive Python starts", "python(1) ENVIRONMENT"),
  u("PYTHONINSPECT", "drops into an interactive prompt after the script", "python(1) ENVIRONMENT"),
  u(
    "PYTHONWARNINGS",
    "a warning category names a module, which Python imports",
    "python(1) -W; warnings module",
  ),
  u("PYTHONBREAKPOINT", "callable (any importable module) breakpoint() runs", "PEP 553"),
  u("PYTHONUSERBASE", "user site-packages, whose .pth files run at startup", "site module docs"),
  u("PYTHONHTTPSVERIFY", "0 turns off TLS certificate checks", "PEP 493"),
  u("PIP_INDEX_URL", "package index pip installs from", "pip configuration"),
  u(
    "PIP_EXTRA_INDEX_URL",
    "extra package index pip installs from (dependency confusion)",
    "pip configuration",
  ),
  u("PIP_CONFIG_FILE", "pip configuration file to read", "pip configuration"),
  u("PERL5LIB", "extra folders Perl loads modules from", "perlrun(1) ENVIRONMENT"),
  u("PERLLIB", "extra folders Perl loads modules from", "perlrun(1) ENVIRONMENT"),
  u("PERL5OPT", "command-line switches (-M loads a module) for every perl", "perlrun(1) ENVIRONMENT"),
  u("PERL5DB", "debugger code perl runs with -d", "perlrun(1) ENVIRONMENT"),
  u("RUBYOPT", "command-line options (-r loads a file) for every ruby", "ruby(1) ENVIRONMENT"),
  u("RUBYLIB", "extra folders Ruby loads files from", "ruby(1) ENVIRONMENT"),
  u("BUNDLE_GEMFILE", "Gemfile bundler evaluates (it is Ruby code)", "bundle-config(1)"),
  u("GEM_HOME", "where RubyGems loads and installs gems", "RubyGems docs"),
  u("GEM_PATH", "where RubyGems loads gems", "RubyGems docs"),
  u("JAVA_TOOL_OPTIONS", "JVM options (-javaagent loads code) for every JVM", "JVMTI docs"),
  u("_JAVA_OPTIONS", "JVM options for every JVM (HotSpot)", "HotSpot"),
  u("JDK_JAVA_OPTIONS", "JVM options for the java launcher", "java(1) JDK_JAVA_OPTIONS"),
  u("JAVA_HOME", "which JVM gradle, maven and wrappers run", "Gradle / Maven docs"),
  u("CLASSPATH", "where the JVM loads classes from", "java(1)"),
  u("MAVEN_OPTS", "JVM options (-javaagent) for Maven", "Maven docs"),
  u("GRADLE_OPTS", "JVM options (-javaagent) for Gradle", "Gradle docs"),
  u("DOTNET_STARTUP_HOOKS", "assemblies .NET loads and runs before Main", ".NET docs: startup hooks"),
  u("CORECLR_PROFILER_PATH", "native profiler library .NET loads", ".NET profiling docs"),
  u("PHPRC", "php.ini to use (auto_prepend_file runs code)", "PHP docs: php.ini"),
  u("PHP_INI_SCAN_DIR", "folder of extra .ini files PHP reads", "PHP docs: php.ini"),
  u("LUA_INIT", "Lua code (or @file) run when lua starts", "lua(1)"),
  // Build tools
  u(
    "CC",
    "C compiler that make, node-gyp, cargo's cc crate and pip builds run",
    "GNU make implicit variables; cc crate",
  ),
  u("CXX", "C++ compiler run by builds", "GNU make implicit variables"),
  u("CPP", "C preprocessor run by builds", "GNU make implicit variables"),
  u("LD", "linker run by builds", "GNU make implicit variables"),
  u("AR", "archiver run by builds", "GNU make implicit variables; cc crate"),
  u("CFLAGS", "compiler flags (-fplugin loads code into the compiler)", "GCC docs; GNU make"),
  u("CXXFLAGS", "compiler flags (-fplugin)", "GCC docs; GNU make"),
  u("CPPFLAGS", "preprocessor flags", "GNU make"),
  u("LDFLAGS", "linker flags (-Wl, plugins)", "GNU make"),
  u("MAKEFLAGS", "options for every make (--eval runs make code, $(shell …))", "GNU make: Options/Recursion"),
  u("MAKEFILES", "extra makefiles every make reads first", "GNU make: MAKEFILES variable"),
  u("RUSTC", "compiler cargo runs", "Cargo reference: environment variables"),
  u("RUSTC_WRAPPER", "program cargo runs in place of rustc", "Cargo reference: environment variables"),
  u(
    "RUSTC_WORKSPACE_WRAPPER",
    "program cargo runs in place of rustc for workspace members",
    "Cargo reference",
  ),
  u("RUSTDOC", "program cargo runs for docs", "Cargo reference"),
  u("RUSTFLAGS", "rustc flags (-C linker=… runs a program)", "Cargo reference"),
  u(
    "CARGO_*",
    "any cargo setting: CARGO_BUILD_RUSTC_WRAPPER, CARGO_TARGET_*_LINKER, *_RUNNER",
    "Cargo reference: configuration",
  ),
  u("GOFLAGS", "flags for every go command (-toolexec runs a program)", "go help environment"),
  u("GOTOOLCHAIN", "go downloads and runs the toolchain it names", "Go toolchains docs"),
  u("GOPROXY", "where go fetches modules from", "go help environment"),
  u("GOSUMDB", "checksum database go trusts (off disables it)", "go help environment"),
  u("GONOSUMDB", "modules go fetches without checksum checks", "go help environment"),
  u("GOINSECURE", "modules go fetches without TLS", "go help environment"),
  u("CGO_*", "C compiler and flags cgo runs (CGO_CFLAGS, CGO_LDFLAGS)", "go help environment"),
  // Pagers, editors, prompts
  u("PAGER", "program many tools pipe output to", "man(1); git-var(1)"),
  u("MANPAGER", "program man pipes pages to", "man(1)"),
  u("LESSOPEN", "input preprocessor less runs on every file", "less(1) INPUT PREPROCESSOR"),
  u("LESSCLOSE", "postprocessor less runs", "less(1) INPUT PREPROCESSOR"),
  u("LESS", "options for less, including a +command run at start", "less(1) OPTIONS"),
  u("EDITOR", "editor that git, crontab and others start", "git-var(1)"),
  u("VISUAL", "editor that git, crontab and others start", "git-var(1)"),
  u("BROWSER", "program xdg-open, Python webbrowser and CLIs start for URLs", "Python webbrowser docs"),
  u("SSH_ASKPASS", "program ssh runs to ask for a passphrase", "ssh(1)"),
  u("SSH_ASKPASS_REQUIRE", "forces ssh to run SSH_ASKPASS", "ssh(1)"),
  u("SUDO_ASKPASS", "program sudo -A runs to ask for a password", "sudo(8)"),
  // Git: its own environment (git(1) ENVIRONMENT VARIABLES)
  u(
    "GIT_CONFIG*",
    "configuration from the environment (GIT_CONFIG_COUNT/KEY_n/VALUE_n, PARAMETERS, GLOBAL, SYSTEM): any setting, core.fsmonitor and aliases run commands",
    "git-config(1) ENVIRONMENT",
  ),
  u(
    "GIT_SSH*",
    "program git runs to connect (GIT_SSH, GIT_SSH_COMMAND, GIT_SSH_VARIANT)",
    "git(1) ENVIRONMENT",
  ),
  u("GIT_TRACE*", "writes traces to a file it names; GIT_TRACE_CURL logs credentials", "git(1) Debugging"),
  u("GIT_ASKPASS", "program git runs to ask for credentials", "gitcredentials(7)"),
  u("GIT_EDITOR", "editor git runs", "git-var(1)"),
  u("GIT_SEQUENCE_EDITOR", "editor git rebase -i runs", "git-var(1)"),
  u("GIT_PAGER", "pager git runs", "git-var(1)"),
  u("GIT_EXTERNAL_DIFF", "program git diff runs for every diff", "git(1) ENVIRONMENT"),
  u(
    "GIT_PROXY_COMMAND",
    "program git runs to connect with the git:// protocol",
    "git-config(1) core.gitProxy",
  ),
  u("GIT_EXEC_PATH", "where git finds its sub-commands", "git(1) --exec-path"),
  u("GIT_TEMPLATE_DIR", "templates (hooks included) copied into new repositories", "git-init(1)"),
  u("GIT_DIR", "the repository git uses (its config and hooks)", "git(1) ENVIRONMENT"),
  u("GIT_WORK_TREE", "the work tree git uses", "git(1) ENVIRONMENT"),
  u("GIT_COMMON_DIR", "where git reads config and hooks of linked work trees", "git(1) ENVIRONMENT"),
  u("GIT_ALLOW_PROTOCOL", "allows protocols such as ext::, which runs a command", "git(1) ENVIRONMENT"),
  u("GIT_PROTOCOL_FROM_USER", "allows user-only protocols (ext::) from submodules", "git(1) ENVIRONMENT"),
  u("GIT_SSL_NO_VERIFY", "turns off TLS certificate checks", "git-config(1) http.sslVerify"),
  u("GIT_SSL_CAINFO", "certificate authorities git trusts", "git-config(1) http.sslCAInfo"),
  // Configuration and credential files of other tools
  u(
    "XDG_CONFIG_HOME",
    "where git (git/config), and most tools read their configuration",
    "XDG Base Directory spec; git-config(1) FILES",
  ),
  u("XDG_CONFIG_DIRS", "system configuration folders tools read", "XDG Base Directory spec"),
  u(
    "KUBECONFIG",
    "kubeconfig whose exec credential plugins kubectl runs",
    "kubectl docs: client-go credential plugins",
  ),
  u(
    "DOCKER_CONFIG",
    "Docker config whose credential helpers the CLI runs",
    "docker login docs: credential helpers",
  ),
  u(
    "AWS_CONFIG_FILE",
    "AWS config whose credential_process SDKs and the CLI run",
    "AWS CLI: sourcing credentials with an external process",
  ),
  // Network trust
  u(
    "*_PROXY",
    "sends traffic (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, …) through a host of the file's choosing",
    "curl(1) ENVIRONMENT; Go net/http; Node undici",
    ["NO_PROXY"],
  ),
  u("SSL_CERT_FILE", "certificate authorities OpenSSL trusts", "OpenSSL SSL_CTX_set_default_verify_paths(3)"),
  u("SSL_CERT_DIR", "certificate authorities OpenSSL trusts", "OpenSSL SSL_CTX_set_default_verify_paths(3)"),
  u("REQUESTS_CA_BUNDLE", "certificate authorities Python requests trusts", "requests docs"),
  u("CURL_CA_BUNDLE", "certificate authorities curl trusts", "curl(1)"),
  // dotsecrets itself
  u("DOTSECRETS_*", "dotsecrets' own settings and credentials (store location, key)", "this project"),
];

function matches(rule: UnsafeName, upper: string): boolean {
  if (rule.except?.includes(upper)) return false;
  if (rule.name.endsWith("*")) return upper.startsWith(rule.name.slice(0, -1));
  if (rule.name.startsWith("*")) return upper.endsWith(rule.name.slice(1));
  return upper === rule.name;
}

/** The entry that makes `name` unsafe (case-insensitive, as on Windows), or undefined. Never throws. */
export function unsafeReason(name: string): UnsafeName | undefined {
  const upper = name.toUpperCase();
  return UNSAFE_NAMES.find((rule) => matches(rule, upper));
}

/** True when a stub setting `name` could change what code runs or whom a program trusts. Never throws. */
export function isUnsafeName(name: string): boolean {
  return unsafeReason(name) !== undefined;
}

/** docs/unsafe-names.md: the list as a table. Never throws. */
export function unsafeNamesMarkdown(): string {
  const rows = UNSAFE_NAMES.map((rule) => {
    const except = rule.except ? ` (not ${rule.except.map((n) => `\`${n}\``).join(", ")})` : "";
    return `| \`${rule.name}\`${except} | ${rule.reason.replaceAll("|", "\\|")} | ${rule.source} |`;
  });
  return [
    "# Names a stub may not set",
    "",
    "`secrets run` and `dotsecrets/config` refuse a stub that sets one of these variables, unless",
    "`secrets run --allow-unsafe-names` is given: each can make a program run other code, read its",
    "configuration from elsewhere, or trust another host. A name ending in `*` is a family (every name",
    "with that prefix), one starting with `*` a suffix family. Matching ignores case.",
    "",
    "Generated from `src/runtime/unsafe-names.ts`; a test keeps this file equal to it.",
    "",
    "| Name | Why | Source |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
