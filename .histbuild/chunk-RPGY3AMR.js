// src/errors.ts
var EXIT = { ok: 0, findings: 1, usage: 2, notFound: 127, cancelled: 130 };
var UserError = class extends Error {
  name = "UserError";
  code;
  hint;
  exitCode;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.usage;
  }
};

export {
  UserError
};
