import type { Refusal, RefusalCode } from "./types.js";

/** A refusal the caller can act on: what was refused, why, and under which rule. */
export class RefusalError extends Error {
  override readonly name = "RefusalError";
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function refuse(code: RefusalCode, message: string, rule: string | null = null): never {
  throw new RefusalError({ code, message: rule ? `${message} (${rule})` : message, rule });
}
