/** The UserError a promise rejects with; fails the test when it resolves or rejects with anything else. */
import { expect } from "vitest";
import { UserError } from "../../src/core/errors.js";

export async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}
