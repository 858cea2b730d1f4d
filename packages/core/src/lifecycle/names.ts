/**
 * A person's name must be something a reader can see and say: at least one letter or digit.
 * A name made only of zero-width spaces, direction marks (U+200E, U+202E…), joiners or other
 * invisible characters looks blank on a letter and in every list, and cannot be told apart
 * from another such name (issue 20). Letters of any script count.
 */
import { z } from "zod";

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function isVisibleName(name: string): boolean {
  return LETTER_OR_DIGIT.test(name);
}

export const INVISIBLE_NAME_MESSAGE = "a name with at least one letter or number (not only invisible or direction characters)";

/** A trimmed, visible name (of at most `max` characters, if given); `messages` say what to enter. */
export function personName(messages: { missing: string; tooLong?: string; invisible?: string }, max?: number) {
  const text = z.string(messages.missing).trim().min(1, messages.missing);
  return (max === undefined ? text : text.max(max, messages.tooLong ?? `at most ${max} characters`)).refine(
    isVisibleName,
    messages.invisible ?? INVISIBLE_NAME_MESSAGE,
  );
}
