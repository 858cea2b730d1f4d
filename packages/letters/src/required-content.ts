import {
  DomainError,
  LETTER_KIND_NAMES,
  checkLetterContent,
  letterRequirements,
  type ContentRequirement,
  type LetterKind,
  type LetterRules,
  type MissingContent,
  type ResolvedRules,
} from "@complaints/core";
import type { LetterModel } from "./model.js";

/**
 * What each letter must carry comes from the case's resolved rules (core's defaults, changed by
 * the plugins: decision 0407); this module applies them to the letters this package builds.
 */

/** Facts about the letter as a whole that some rules require, beside its body sections. */
export type LetterFact = "signed-by-responsible-person" | "customer-named-for-representative";

export type { ContentRequirement, MissingContent };

/** The rules' letter checklists, from the resolved rules or given directly. */
export type LetterRulesOf = Pick<ResolvedRules, "letters"> | LetterRules;
const lettersOf = (rules: LetterRulesOf): LetterRules => ("letters" in rules ? rules.letters : rules);

/** The checklist for one kind of letter (at one stage), or undefined when the rules never send it. */
export function requiredContent(kind: string, rules: LetterRulesOf, stageId?: string | null): readonly ContentRequirement[] | undefined {
  return letterRequirements(lettersOf(rules), kind, stageId);
}

export interface ContentCheckOptions {
  /** Extra items from the council's own procedure (Leeds asks every acknowledgement for an apology). */
  councilRequirements?: Partial<Record<LetterKind, readonly ContentRequirement[]>>;
  /** The stage the letter is about, where a stage's letter has its own checklist. */
  stageId?: string | null;
}

const kindName = (kind: string) => (LETTER_KIND_NAMES as Record<string, string>)[kind] ?? kind;

/** Everything the letter still lacks before it may be issued under the rules; empty when it is complete. */
export function checkRequiredContent(model: LetterModel, rules: LetterRulesOf, options: ContentCheckOptions = {}): MissingContent[] {
  return checkLetterContent(model, lettersOf(rules), {
    stageId: options.stageId ?? null,
    extra: options.councilRequirements?.[model.kind] ?? [],
    kindName: kindName(model.kind),
  });
}

export class LetterContentError extends DomainError {
  override readonly name = "LetterContentError";
  constructor(
    readonly kind: LetterKind,
    /** How the rules name their procedure ("the Housing Ombudsman's Complaint Handling Code"). */
    readonly procedure: string,
    readonly missing: readonly MissingContent[],
  ) {
    super(
      "LETTER_INCOMPLETE",
      missing.some((item) => item.element === "letter-kind")
        ? `This letter cannot be issued: ${missing.map((item) => item.description).join("; ")}.`
        : `This ${kindName(kind)} cannot be issued under ${procedure} until it says:\n` +
            missing.map((item) => `- ${item.description} (${item.source})`).join("\n"),
    );
  }
}

/** Throws a LetterContentError listing every missing element; returns nothing when the letter may go. */
export function assertIssuable(model: LetterModel, rules: LetterRulesOf, options: ContentCheckOptions = {}): void {
  const missing = checkRequiredContent(model, rules, options);
  if (missing.length > 0) throw new LetterContentError(model.kind, lettersOf(rules).procedure, missing);
}
