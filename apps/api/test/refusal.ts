import { TRPCError } from "@trpc/server";
import { describeError } from "../src/errors.js";

/** Runs a call that must be refused; returns the error with what a client would see. */
export async function refusal(promise: Promise<unknown>): Promise<TRPCError & { client: ReturnType<typeof describeError> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return Object.assign(error, { client: describeError(error) });
    throw error;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}
