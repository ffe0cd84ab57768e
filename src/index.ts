/** Library entry (`import ... from "dotsecrets"`): the pieces other tools may build on. */

export type { ErrorCode } from "./core/errors.js";
export { EXIT, ExitError, InternalError, UserError } from "./core/errors.js";
export { formatReference, isReference, parseReference, type Reference } from "./core/reference.js";
export { type InjectOptions, type InjectResult, inject as config } from "./runtime/inject.js";
