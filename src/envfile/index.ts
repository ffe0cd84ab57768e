export type { EnvDocument, EnvEntry, EnvWarning, QuoteStyle, ValueFormat } from "./types.js";
