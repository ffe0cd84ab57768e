/** Library entry (`import ... from "dotsecrets"`): the pieces other tools may build on. */

export type { ErrorCode } from "./errors.js";
export { EXIT, ExitError, InternalError, UserError } from "./errors.js";
export { type InjectOptions, type InjectResult, inject as config } from "./runtime/inject.js";
export { formatReference, isReference, parseReference, type Reference } from "./runtime/reference.js";
