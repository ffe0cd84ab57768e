/** Library entry (`import ... from "dotsecrets"`): the pieces other tools may build on. */
export { EXIT, ExitError, InternalError, UserError } from "./errors.js";
export type { ErrorCode } from "./errors.js";
