/** Library entry (`import ... from "dotsecrets"`): the pieces other tools may build on. */
export { EXIT, ExitError, InternalError, UserError } from "./errors.js";
export type { ErrorCode } from "./errors.js";
export { inject as config, type InjectOptions, type InjectResult } from "./runtime/inject.js";
export { formatReference, isReference, parseReference, type Reference } from "./runtime/reference.js";
