/**
 * Writing a pending letter: the form's fields as a request to `letters.preview`,
 * `letters.previewPdf` and `letters.issue`, and the API's "this letter lacks…" refusal
 * (422 LETTER_INCOMPLETE) as error summary entries that link to the field to correct.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { describeApiError, text, valuesOf, type FormErrors } from "./forms.server";
import { fieldOfElement } from "./letters";
import { CORRESPONDENCE_LANGUAGES, type CorrespondenceLanguage } from "@complaints/core/vocabulary";

export type LetterRequest = Parameters<AppLoadContext["api"]["letters"]["preview"]>[0];
type Address = NonNullable<LetterRequest["customerAddress"]>;

/** Paragraphs are separated by a blank line, as people type them. */
export function paragraphsOf(value: string): string[] {
  return value
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

function addressOf(form: FormData, name: string, errors: FormErrors): Address | undefined {
  const lines = text(form, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const postcode = text(form, `${name}Postcode`);
  if (lines.length === 0 && !postcode) return undefined;
  if (lines.length === 0) errors[name] = "Enter the address, one line each, above the postcode";
  else if (lines.length > 6) errors[name] = "Enter at most six lines: the address must fit the envelope window";
  if (!postcode) errors[`${name}Postcode`] = "Enter the postcode";
  return { lines, postcode };
}

/** The letter as the officer wrote it on the page. */
export function letterRequestFrom(form: FormData, caseId: string, outboxId: number): { request: LetterRequest; errors: FormErrors } {
  const errors: FormErrors = {};
  const sections: NonNullable<LetterRequest["sections"]> = [];
  for (const [key, value] of form) {
    if (!key.startsWith("section-") || typeof value !== "string") continue;
    const paragraphs = paragraphsOf(value);
    // An empty box keeps the draft's own wording for that part (if it has any).
    if (paragraphs.length) sections.push({ element: key.slice("section-".length) as never, paragraphs });
  }
  const customerAddress = addressOf(form, "customerAddress", errors);
  const representativeAddress = addressOf(form, "representativeAddress", errors);
  const print = text(form, "largePrint");
  const language = text(form, "language");
  const request: LetterRequest = {
    caseId,
    outboxId,
    sections,
    ...(customerAddress ? { customerAddress } : {}),
    ...(representativeAddress ? { representativeAddress } : {}),
    ...(print === "large" ? { largePrint: true } : print === "standard" ? { largePrint: false } : {}),
    ...((CORRESPONDENCE_LANGUAGES as readonly string[]).includes(language) ? { language: language as CorrespondenceLanguage } : {}),
  };
  return { request, errors };
}

interface MissingItem {
  element: string;
  description: string;
}

/** The refusal's list of what a letter lacks, if the error is LETTER_INCOMPLETE. */
export function missingOf(error: unknown): MissingItem[] | null {
  const refusal = ((error ?? {}) as { cause?: { refusal?: { code?: string; missing?: MissingItem[] } } }).cause?.refusal;
  return refusal?.code === "LETTER_INCOMPLETE" ? (refusal.missing ?? []) : null;
}

/** Each missing element as an error on the field where it is written, in plain words. */
export function missingErrors(missing: readonly MissingItem[]): FormErrors {
  const errors: FormErrors = {};
  // In the order of the page: the letter's text first, the addresses below it.
  const onPage = [...missing].sort((a, b) => Number(!fieldOfElement(a.element).startsWith("section-")) - Number(!fieldOfElement(b.element).startsWith("section-")));
  for (const m of onPage) {
    const field = fieldOfElement(m.element);
    const message = `The letter needs ${m.description.replace(/\.$/, "")}`;
    errors[field] = errors[field] ? `${errors[field]}; ${m.description}` : message;
  }
  return errors;
}

/**
 * Field problems from the API's validation (zod paths like "sections.0.paragraphs.0" or
 * "customerAddress.postcode") on the fields of the page.
 */
export function fieldErrorsOf(error: unknown, request: LetterRequest): FormErrors | null {
  const described = describeApiError(error);
  if (described.status >= 500) return null;
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(described.fields)) {
    const [top, index] = path.split(".");
    if (top === "sections" && index !== undefined) errors[`section-${request.sections?.[Number(index)]?.element ?? ""}`] = message;
    else if (top === "customerAddress" || top === "representativeAddress") errors[path.endsWith("postcode") ? `${top}Postcode` : top] = `${message}`;
    else errors._form = message;
  }
  if (Object.keys(errors).length === 0) errors._form = described.message;
  return errors;
}

/** A failed post of the letter page: the errors, what was typed, and the draft as it now stands. */
export function letterFailure(errors: FormErrors, form: FormData, draft: unknown, status: number) {
  return data({ ok: false as const, errors, values: valuesOf(form), draft }, { status: 200, headers: { "X-Form-Status": String(status) } });
}
