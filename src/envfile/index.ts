export { encodeForNewEntry, encodeInQuotes, planValueEdit } from "./encode.js";
export { decodeRaw, encodeValue, fitsFormat, formatOf } from "./format.js";
export { dotenvValue, parseEnv, toRecord } from "./parse.js";
export { EnvFileError, MAX_ENV_FILE_BYTES, parseEnvBuffer, readEnvFile } from "./read.js";
export type { EnvDocument, EnvEntry, EnvWarning, QuoteStyle, ValueFormat } from "./types.js";
export {
  applyEdits,
  detectEol,
  type EnvEdit,
  editSpan,
  insertHeader,
  type ReadMismatch,
  readsAs,
  removeHeader,
} from "./write.js";
