/**
 * Variables a stub must not set without `--allow-unsafe-names`: each changes which code a process
 * or its children load and run (a stub is a file anyone with write access to the repo — or an
 * agent following an injected instruction — can edit; it must not become code execution).
 */
const EXACT = new Set([
  "PATH",
  "HOME",
  "SHELL",
  "ENV",
  "BASH_ENV",
  "IFS",
  "PS4",
  "PROMPT_COMMAND",
  "NODE_OPTIONS",
  "NODE_PATH",
  "NODE_EXTRA_CA_CERTS",
  "NODE_TLS_REJECT_UNAUTHORIZED",
  "PYTHONPATH",
  "PYTHONSTARTUP",
  "PYTHONHOME",
  "PYTHONINSPECT",
  "PERL5LIB",
  "PERL5OPT",
  "PERLLIB",
  "RUBYOPT",
  "RUBYLIB",
  "JAVA_TOOL_OPTIONS",
  "_JAVA_OPTIONS",
  "JDK_JAVA_OPTIONS",
  "CLASSPATH",
  "GIT_SSH",
  "GIT_SSH_COMMAND",
  "GIT_EXEC_PATH",
  "GIT_CONFIG_GLOBAL",
  "EDITOR",
  "VISUAL",
  "PAGER",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "DOTSECRETS_HOME",
  "DOTSECRETS_LOCAL_KEY",
]);

const PREFIXES = ["LD_", "DYLD_", "NPM_CONFIG_", "GIT_CONFIG_", "BASH_FUNC_"];

/** True when setting `name` could change which code runs (case-insensitive, as on Windows). */
export function isUnsafeName(name: string): boolean {
  const upper = name.toUpperCase();
  return EXACT.has(upper) || PREFIXES.some((prefix) => upper.startsWith(prefix));
}
