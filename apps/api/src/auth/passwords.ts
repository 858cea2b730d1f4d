/**
 * Staff passwords, hashed with argon2id (OWASP's first choice) using @node-rs/argon2's
 * defaults: 19 MiB memory, 2 iterations, 1 lane — OWASP's minimum recommended setting.
 */
import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

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

/**
 * What a new password must be (issue 20, finding "12 characters is the only rule"): long
 * rather than complicated (NCSC guidance), and not easy to guess — not a common or breached
 * password, a keyboard run, a repeat, a date or the person's own name or email. Judged offline
 * by zxcvbn-ts with its common-password and English dictionaries
 * (docs/decisions/0312-password-rule-and-temporary-passwords.md): a score below
 * MINIMUM_SCORE is refused with the estimator's own reason.
 *
 * Every password a person or an administrator sets through the API passes this. The demo and
 * test seeds hash theirs directly (seed/council.ts), so they are not judged.
 */
export const MINIMUM_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function strength(): ZxcvbnFactory {
  // Built on first use (about 0.2 s: the dictionaries are unpacked), then kept.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/**
 * Why this password may not be used, or null. `about` holds what the person is known by
 * (email, name): a password made of them is easy to guess for anyone who knows them.
 */
export function passwordProblem(password: string, about: ReadonlyArray<string | null | undefined> = []): string | null {
  if (password.length < 12) return "Use at least 12 characters (three random words work well)";
  if (password.length > 256) return "Use at most 256 characters";
  const words = about.flatMap((a) => (a ? [a, ...a.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3)] : []));
  const result = strength().check(password, words);
  if (result.score >= MINIMUM_SCORE) return null;
  const why = result.feedback.warning || "It would be easy to guess.";
  return `Choose a password that is harder to guess. ${why} Three or four random words together work well.`;
}
