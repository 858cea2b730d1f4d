import { DomainError } from "../errors.js";
import type { Refusal, RefusalCode } from "./types.js";

/** A refusal the caller can act on: what was refused, why, and under which rule. */
export class RefusalError extends DomainError {
  override readonly name = "RefusalError";
  constructor(readonly refusal: Refusal) {
    super(refusal.code, refusal.message, refusal.rule);
  }
}

export function refuse(code: RefusalCode, message: string, rule: string | null = null): never {
  throw new RefusalError({ code, message: rule ? `${message} (${rule})` : message, rule });
}
