/**
 * Staff passwords, hashed with argon2id (OWASP's first choice) using @node-rs/argon2's
 * defaults: 19 MiB memory, 2 iterations, 1 lane — OWASP's minimum recommended setting.
 */
import { hash, verify } from "@node-rs/argon2";

/** `Algorithm.Argon2id` (an ambient const enum, which isolated modules cannot import). */
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID } as const;

/** A valid hash nobody knows the password of: verifying against it costs the same as a real one. */
let dummy: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/**
 * Checks a password. With no stored hash (unknown email, or an SSO-only account) it still
 * spends the time of a real check, so timing does not reveal which emails exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword("no account has this password");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** What a new password must be: long rather than complicated (NCSC guidance). */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return "Use at least 12 characters (three random words work well)";
  if (password.length > 256) return "Use at most 256 characters";
  return null;
}
