/**
 * The questions of the public complaint form and the order they come in (client-safe: the
 * page and its action both use them; the action is in routes/complain.server.ts).
 */
export const STEPS = ["kind", "service", "description", "outcome", "name", "contact", "check"] as const;
export type Step = (typeof STEPS)[number];

/** A question's address (decision 0520); reached from "Check your answers", it goes back there. */
export const questionPath = (step: Step, returnToCheck = false) => `/complain/${step}${returnToCheck && step !== "check" ? "?return=check" : ""}`;

/** Every answer the form keeps, by field name. */
export const ANSWER_FIELDS = [
  "kind",
  "service",
  "description",
  "desiredOutcome",
  "replyWanted",
  "fullName",
  "contact",
  "email",
  "phone",
  "addressLine1",
  "addressLine2",
  "town",
  "postcode",
  "idempotencyKey",
] as const;

/**
 * The ways a resident may ask to be written to, ticked on one page ("email,post,text" as the
 * answer): email, post or both, and short text updates to a mobile (decision 0320).
 */
export const CONTACT_WAYS = ["email", "post", "text"] as const;
export const contactWays = (a: Answers): string[] => (a.contact ?? "").split(",").filter((w) => (CONTACT_WAYS as readonly string[]).includes(w));
export type Answers = Partial<Record<(typeof ANSWER_FIELDS)[number], string>>;

/** The fields each step asks (the rest go along hidden). */
export const STEP_FIELDS: Record<Step, ReadonlyArray<(typeof ANSWER_FIELDS)[number]>> = {
  kind: ["kind"],
  service: ["service"],
  description: ["description"],
  outcome: ["desiredOutcome"],
  name: ["replyWanted", "fullName"],
  contact: ["contact", "email", "phone", "addressLine1", "addressLine2", "town", "postcode"],
  check: [],
};

/** The limits the API keeps (services/public.ts), said before sending. */
export const LIMITS = { description: 10_000, desiredOutcome: 3_000, fullName: 200, address: 500 } as const;

export const isPublicKind = (kind: string | undefined) => kind === "complaint" || kind === "compliment" || kind === "comment";
export const anonymous = (a: Answers) => a.kind !== "complaint" && a.replyWanted === "no";

/** The steps this resident goes through: the outcome only for complaints, contact only if they want a reply. */
export function stepsFor(a: Answers): Step[] {
  return STEPS.filter((s) => (s === "outcome" ? a.kind === "complaint" : s === "contact" ? !anonymous(a) : true));
}

