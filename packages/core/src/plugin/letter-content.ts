import type { LetterKind } from "../vocabulary/index.js";
import type { NextBody, Timescale } from "../regime/types.js";

/**
 * What each letter must say before it may be issued, as data a plugin registers like its rules
 * (decision 0407). Core holds the English defaults (the complaint handling code 2024, each item
 * with its source); a plugin replaces them with `setLetters` or changes one letter with
 * `setLetterContent`. Pure: the letters package builds letters, this module only says what
 * they must carry and checks a letter's sections against it.
 */

/** A letter kind of core's vocabulary, or one a plugin adds: "<pluginId>.<name>". */
export type LetterKindId = LetterKind | `${string}.${string}`;

/**
 * One item a letter must carry. `description` and `mentionsAnyOf` may name the regime's next
 * body: "{next body}" in the description becomes "the Scottish Public Services Ombudsman", and
 * `mentionsAnyOf: "next-body"` asks the section to name it, so an SPSO letter is checked for
 * the SPSO and an LGSCO letter for the LGSCO. "{next body window}" becomes its time limit
 * ("12 calendar months"), or "the time allowed" when it has none.
 */
export interface ContentRequirementSpec {
  /** A body section id (letters package LETTER_ELEMENTS) or a whole-letter fact. */
  element: string;
  /** What the letter must say, in plain words, as an officer would want it listed. */
  description: string;
  /** The rule or procedure that asks for it. */
  source: string;
  /** The section must name one of these (English letters; Welsh names are translated). */
  mentionsAnyOf?: readonly string[] | "next-body";
}

/** A requirement with the next body filled in, as the resolved rules carry it. */
export interface ContentRequirement {
  element: string;
  description: string;
  source: string;
  mentionsAnyOf?: readonly string[];
}

export type LetterContentSpec = Partial<Record<LetterKindId, readonly ContentRequirementSpec[]>>;

/** A regime's whole letter checklist (`setLetters`). */
export interface LettersSpec {
  /** How a refusal names the procedure: "the Housing Ombudsman's Complaint Handling Code". */
  procedure: string;
  /** Why a letter kind this procedure lacks is not sent, with its source. */
  notSentBecause: string;
  content: LetterContentSpec;
}

export interface LetterKindDeclaration {
  /** "<pluginId>.<name>". */
  id: `${string}.${string}`;
  label: string;
  rule: string;
}

/** The letter rules of one service and case kind, next body filled in (ResolvedRules.letters). */
export interface LetterRules {
  procedure: string;
  notSentBecause: string;
  /** Per letter kind, or per "<kind>@<stageId>" where a stage's letter differs. */
  content: Readonly<Record<string, readonly ContentRequirement[]>>;
  /** Letter kinds plugins added beside core's vocabulary. */
  kinds: ReadonlyArray<LetterKindDeclaration & { plugin: string }>;
}

/** What a registration records; applied in plugin order over core's defaults. */
export type LetterOp =
  | { op: "letters"; value: LettersSpec; rule: string }
  | { op: "letter-content"; kind: LetterKindId; stageId: string | null; value: readonly ContentRequirementSpec[] | null; rule: string };

export const contentKey = (kind: string, stageId: string | null | undefined): string => (stageId ? `${kind}@${stageId}` : kind);

/** The checklist for one letter (a stage's own first), or undefined when the regime never sends it. */
export function letterRequirements(letters: LetterRules, kind: string, stageId?: string | null): readonly ContentRequirement[] | undefined {
  return (stageId ? letters.content[contentKey(kind, stageId)] : undefined) ?? letters.content[kind];
}

function windowWords(window: Timescale | null): string {
  if (!window) return "the time allowed";
  const p = window.period;
  if ("workingDays" in p) return `${p.workingDays} working days`;
  if ("calendarDays" in p) return `${p.calendarDays} calendar days`;
  return `${p.calendarMonths} calendar months`;
}

const theBody = (body: NextBody) => (/^the /i.test(body.name) ? body.name : `the ${body.name}`);

export function resolveRequirement(spec: ContentRequirementSpec, body: NextBody): ContentRequirement {
  const description = spec.description.replaceAll("{next body window}", windowWords(body.window)).replaceAll("{next body}", theBody(body));
  const mentions = spec.mentionsAnyOf === "next-body" ? [body.name.replace(/^the /i, "")] : spec.mentionsAnyOf;
  return mentions ? { element: spec.element, description, source: spec.source, mentionsAnyOf: mentions } : { element: spec.element, description, source: spec.source };
}

/** Applies core's defaults, then each plugin's letter ops in order, then fills in the next body. */
export function resolveLetters(
  ops: ReadonlyArray<{ plugin: string; op: LetterOp }>,
  kinds: ReadonlyArray<LetterKindDeclaration & { plugin: string }>,
  body: NextBody,
): LetterRules {
  let procedure = DEFAULT_LETTERS.procedure;
  let notSentBecause = DEFAULT_LETTERS.notSentBecause;
  const content = new Map<string, readonly ContentRequirementSpec[]>(Object.entries(DEFAULT_LETTERS.content) as Array<[string, ContentRequirementSpec[]]>);
  for (const { op } of ops) {
    if (op.op === "letters") {
      procedure = op.value.procedure;
      notSentBecause = op.value.notSentBecause;
      content.clear();
      for (const [kind, items] of Object.entries(op.value.content)) if (items) content.set(kind, items);
    } else {
      const key = contentKey(op.kind, op.stageId);
      if (op.value === null) content.delete(key);
      else content.set(key, op.value);
    }
  }
  return {
    procedure,
    notSentBecause,
    content: Object.fromEntries([...content].map(([key, items]) => [key, items.map((item) => resolveRequirement(item, body))])),
    kinds: [...kinds],
  };
}

/** The parts of a letter the check reads (the letters package's LetterModel has them). */
export interface LetterContentShape {
  kind: string;
  language?: string;
  sections: ReadonlyArray<{ element: string; paragraphs: readonly string[] }>;
  signOff: { signedByResponsiblePerson: boolean };
  onBehalfOf?: { name: string };
}

export interface MissingContent {
  element: string;
  description: string;
  source: string;
}

function sectionText(letter: LetterContentShape, element: string): string | undefined {
  const paragraphs = letter.sections
    .filter((section) => section.element === element)
    .flatMap((section) => section.paragraphs)
    .filter((paragraph) => paragraph.trim() !== "");
  return paragraphs.length === 0 ? undefined : paragraphs.join("\n");
}

export function meetsRequirement(letter: LetterContentShape, requirement: ContentRequirement): boolean {
  switch (requirement.element) {
    case "signed-by-responsible-person":
      return letter.signOff.signedByResponsiblePerson;
    case "customer-named-for-representative":
      return letter.onBehalfOf !== undefined && letter.onBehalfOf.name.trim() !== "";
    default: {
      const text = sectionText(letter, requirement.element);
      if (text === undefined) return false;
      if (!requirement.mentionsAnyOf || (letter.language ?? "en") !== "en") return true;
      const lower = text.toLowerCase();
      return requirement.mentionsAnyOf.some((word) => lower.includes(word.toLowerCase()));
    }
  }
}

/**
 * Everything the letter still lacks before it may be issued under these rules; empty when it
 * is complete. A kind the rules do not send is one "letter-kind" item naming why.
 */
export function checkLetterContent(
  letter: LetterContentShape,
  letters: LetterRules,
  options: { stageId?: string | null; extra?: readonly ContentRequirement[]; kindName?: string } = {},
): MissingContent[] {
  const checklist = letterRequirements(letters, letter.kind, options.stageId);
  if (checklist === undefined) {
    return [{ element: "letter-kind", description: `a ${options.kindName ?? letter.kind} is not sent under ${letters.procedure}`, source: letters.notSentBecause }];
  }
  return [...checklist, ...(options.extra ?? [])]
    .filter((requirement) => !meetsRequirement(letter, requirement))
    .map(({ element, description, source }) => ({ element, description, source }));
}

// ---------------------------------------------------------------------------------------------
// Building blocks for checklists, so a plugin states its procedure's differences, not the lot.

export const requirement = (element: string, description: string, source: string, mentionsAnyOf?: readonly string[] | "next-body"): ContentRequirementSpec =>
  mentionsAnyOf ? { element, description, source, mentionsAnyOf } : { element, description, source };
const req = requirement;

/** The next body's contact details and the right to go to it; a fixed body where the letter names another (conduct letters under FOI). */
export const nextBodyDetails = (source: string, body?: { name: string }): ContentRequirementSpec =>
  body
    ? req("ombudsman-details", `how to contact the ${body.name} and the right to go to them`, source, [body.name])
    : req("ombudsman-details", "how to contact {next body} and the right to go to them", source, "next-body");

const OUTCOME_WORDS = ["upheld"]; // matches "upheld", "partly upheld" and "not upheld"
export const decisionRequirement = (source: string): ContentRequirementSpec => req("decision", "the decision: upheld, partly upheld or not upheld", source, OUTCOME_WORDS);

/** The sources core's English defaults cite (council documents indexed in ../shared/seeds/README.md). */
export const LETTER_SOURCES = {
  southwark: {
    ack: "Southwark procedure: acknowledgement content",
    escalationAck: "Southwark procedure: stage two acknowledgement content",
    holding: "Southwark procedure: every holding response says how to escalate to the Ombudsman",
    infoRequest: "Southwark procedure: the letter asks for the specific information missing and explains what happens without it",
  },
  leeds: {
    holding: "Leeds policy 16: a holding response apologises, gives the reasons for the delay and the new date",
    wronglyAddressed: "Leeds policy: wrongly addressed complaints are returned with the body to complain to",
    compliment: "Leeds policy 5: a written compliment is acknowledged and passed to the service manager",
    conductWarning: "Leeds policy 54: before restrictions, the behaviour, the change required and a time span are put in writing",
    conductDesignation: "Leeds policy 55: restrictions are confirmed in writing with a review within six months",
    conductReview: "Leeds policy 56: the review outcome is put in writing and the customer is directed to the Ombudsman",
    finalLgo: "Leeds policy 23: the final response gives the Ombudsman's contact details",
    claims: "Leeds policy paras 70–71: claims are decided by Legal Services on legal liability",
  },
  code: {
    ack: "Complaint handling code 6.2: the acknowledgement sets out the complaint and the outcome sought",
    response: "Complaint handling code: every response states the stage, decision, reasons, remedy, outstanding actions and escalation route",
    extensionReasons: "Complaint handling code 6.4: the reasons for an extension are explained",
    extensionOmbudsman: "Complaint handling code 6.5: an extension gives the Ombudsman's details",
    refusal: "Complaint handling code 2.1–2.5: a refusal gives reasons and the right to go to the Ombudsman",
    timeLimit: "Complaint handling code 2: complaints over 12 months old may be refused, but discretion must be considered",
    stage1Definition: "Complaint handling code 2024 6.9: the Stage 1 response confirms the complaint stage, the complaint definition, the decision, reasons, remedy, outstanding actions and how to escalate",
    notAComplaint: "Complaint handling code 1: a service request is not a complaint; the customer is told what happens instead",
    excluded: "Complaint handling code 2: an excluded complaint is redirected to the right route (court, tribunal, appeal)",
    notSent: "The complaint handling code: member enquiries and FOI/EIR reviews have their own procedures",
  },
  lancasterReferral: "Lancaster task group recommendation 8(2): Stage 2 may refer a complaint back to the Stage 1 officer, after telling the complainant",
  lancasterComment: "Lancaster task group recommendation 7(1): the designation report is shared and comments sought",
  unreasonable: "LGSCO guide to managing unreasonable actions: restrictions are specific, proportionate and reviewed",
  ombudsmanDecision: "Ombudsman decisions: the council confirms the decision and the remedy it will carry out, and when",
  ombudsmanReply: "Southwark procedure, Ombudsman enquiries: the response is reviewed by the Head of Service before submission",
} as const;
const S = LETTER_SOURCES;

/**
 * Letters about a customer's behaviour belong to the customer, not to a regime; only the
 * Ombudsman named changes ("directed to the Local Government Ombudsman", Leeds policy 56).
 * A regime whose next body does not look at conduct (the ICO) passes the body that does.
 */
export function conductLetters(body?: { name: string }): LetterContentSpec {
  return {
    "conduct-warning": [
      req("behaviour-concerns", "the behaviour that has not been acceptable", S.leeds.conductWarning),
      req("expected-behaviour", "the change in behaviour we are asking for", S.leeds.conductWarning),
      req("warning-period", "how long there is to make that change", S.leeds.conductWarning),
      req("right-to-comment", "that the customer may comment before anything is decided", S.lancasterComment),
    ],
    "conduct-designation": [
      req("reasons", "the reasons for the decision", S.leeds.conductDesignation),
      req("restrictions", "exactly what the restrictions are", S.unreasonable),
      req("restriction-duration", "how long the restrictions last", S.unreasonable),
      req("review-date", "when the restrictions will be reviewed", S.leeds.conductDesignation),
      nextBodyDetails(S.leeds.conductReview, body),
    ],
    "conduct-review": [
      req("review-outcome", "whether the restrictions are lifted, changed or continued", S.leeds.conductReview),
      req("reasons", "the reasons for the review outcome", S.leeds.conductReview),
      nextBodyDetails(S.leeds.conductReview, body),
    ],
  };
}

/** Letters every procedure sends the same way (information requests, holding responses, compliments…). */
export function sharedLetters(conductBody?: { name: string }): LetterContentSpec {
  return {
    "information-request": [
      req("information-requested", "exactly what information we need", S.southwark.infoRequest),
      req("consequences-of-no-reply", "what happens if we do not get it", S.southwark.infoRequest),
      req("contact-details", "how to contact us", S.southwark.infoRequest),
    ],
    "holding-response": [
      req("apology", "an apology for the delay", S.leeds.holding),
      req("delay-reasons", "the reasons for the delay", S.leeds.holding),
      req("new-due-date", "the date the full response will be sent", S.leeds.holding),
    ],
    "wrongly-addressed": [
      req("reasons", "why the council cannot deal with this", S.leeds.wronglyAddressed),
      req("correct-organisation", "which organisation to contact instead and how", S.leeds.wronglyAddressed),
    ],
    "compliment-acknowledgement": [
      req("compliment-summary", "what the compliment was about", S.leeds.compliment),
      req("passed-to", "who we have passed the compliment to", S.leeds.compliment),
    ],
    "ombudsman-response": [
      req("ombudsman-decision", "what {next body} decided", S.ombudsmanDecision),
      req("remedies", "what the council will do to put things right", S.ombudsmanDecision),
      req("outstanding-actions", "what is still to be done and by when", S.ombudsmanDecision),
    ],
    "claim-referral": [req("reasons", "that the claim has gone to Legal Services, and what happens to the complaint", S.leeds.claims)],
    // The covering letter of our reply to an Ombudsman enquiry (decision 0324).
    "ombudsman-reply": [
      req("ombudsman-enquiry", "the Ombudsman's reference and the complaint the reply is about", S.ombudsmanReply),
      req("reply-approval", "that our reply is enclosed, and who approved it", S.ombudsmanReply),
    ],
    ...conductLetters(conductBody),
  };
}

/** Refusals (not a complaint, excluded, out of time): reasons and the right to go to the next body. */
export function refusalLetters(source: string): LetterContentSpec {
  return {
    "not-a-complaint": [
      req("reasons", "why we are not treating this as a complaint", source),
      req("next-steps", "what we will do instead", S.code.notAComplaint),
      nextBodyDetails(source),
    ],
    excluded: [
      req("reasons", "why the complaint cannot be considered", source),
      req("alternative-route", "where the matter can be taken instead", S.code.excluded),
      nextBodyDetails(source),
    ],
    "out-of-time": [
      req("reasons", "why the complaint is out of time", source),
      req("discretion-considered", "that we considered accepting it anyway, and why we did not", S.code.timeLimit),
      nextBodyDetails(source),
    ],
  };
}

/** A stage's response under the complaint handling codes, ending with where the customer can go next. */
export const codeResponse = (escalation: ContentRequirementSpec): ContentRequirementSpec[] => [
  req("stage", "which stage of the complaints procedure this is", S.code.response),
  decisionRequirement(S.code.response),
  req("reasons", "the reasons for the decision", S.code.response),
  req("remedies", "what we will do to put things right", S.code.response),
  req("outstanding-actions", "anything still to be done, and by when", S.code.response),
  escalation,
];

/** The 2024 complaint handling codes (LGSCO and Housing Ombudsman), two stages; `finalSource` cites the final response's rule. */
export function complaintHandlingCodeLetters(finalSource: string): LetterContentSpec {
  const shared = sharedLetters();
  return {
    ...shared,
    ...refusalLetters(S.code.refusal),
    acknowledgement: [
      req("date-received", "the date we received the complaint", S.southwark.ack),
      req("complaint-summary", "our understanding of the complaint", S.code.ack),
      req("desired-outcome", "the outcome the customer wants", S.code.ack),
      req("response-due-date", "when the customer will get our response", S.southwark.ack),
      req("handler", "who is dealing with the complaint", S.southwark.ack),
      req("contact-details", "how to contact them", S.southwark.ack),
      req("missing-information", "whether we need any more information, and what", S.southwark.ack),
    ],
    "holding-response": [...(shared["holding-response"] ?? []), nextBodyDetails(S.southwark.holding)],
    "extension-notice": [
      req("extension-reasons", "why we need more time", S.code.extensionReasons),
      req("new-due-date", "the new date for our response", S.code.extensionReasons),
      nextBodyDetails(S.code.extensionOmbudsman),
    ],
    "stage-1-response": [
      req("complaint-definition", "the complaint as we defined it when we acknowledged it", S.code.stage1Definition),
      ...codeResponse(req("escalation-route", "how to ask for the complaint to go to Stage 2", S.code.response)),
    ],
    "escalation-acknowledgement": [
      req("date-received", "the date we received the request to escalate", S.southwark.escalationAck),
      req("escalation-reasons", "why the customer is still unhappy, as we understand it", S.southwark.escalationAck),
      req("desired-outcome", "the outcome the customer wants", S.southwark.escalationAck),
      req("stage-1-resolution-offered", "what was offered at Stage 1", S.southwark.escalationAck),
      req("response-due-date", "when the customer will get the Stage 2 response", S.southwark.escalationAck),
      req("handler", "who is dealing with the Stage 2 complaint", S.southwark.escalationAck),
      req("contact-details", "how to contact them", S.southwark.escalationAck),
    ],
    "stage-2-response": [req("complaint-definition", "the complaint as we defined it", finalSource), ...codeResponse(nextBodyDetails(finalSource))],
    "referral-back": [
      req("reasons", "why the complaint is going back to Stage 1", S.lancasterReferral),
      req("handler", "who will look at it again", S.lancasterReferral),
      req("response-due-date", "when the customer will hear from us", S.lancasterReferral),
    ],
  };
}

/**
 * Core's defaults: the LGSCO's complaint handling code 2024 as the seed councils apply it. A
 * council may add an independent third stage (Lewisham's Independent Adjudicator); the code
 * allows it, so its response is listed too.
 */
export const DEFAULT_LETTERS: LettersSpec = {
  procedure: "the complaint handling code (Local Government and Social Care Ombudsman and Housing Ombudsman, 2024)",
  notSentBecause: S.code.notSent,
  content: {
    ...complaintHandlingCodeLetters(S.leeds.finalLgo),
    "stage-3-response": codeResponse(nextBodyDetails(S.leeds.finalLgo)),
  },
};
