import {
  currentStage,
  DomainError,
  type CaseState,
  type CouncilProfile,
  OUTCOME_LABELS,
  type DueKind,
  type LetterKind,
  type ResolvedRules,
  type StageInstance,
} from "@complaints/core";
import type {
  LetterElement,
  LetterLanguage,
  LetterModel,
  LetterSection,
  LetterSlot,
  PluginParagraph,
  PostalAddress,
} from "./model.js";
import { REGIME_FAMILIES, type RegimeFamily } from "./required-content.js";
import { formatLetterDate } from "./words.js";

/** A member of staff as a letter names them; the case holds only their id. */
export interface StaffMember {
  name: string;
  jobTitle: string;
  phone?: string;
  email?: string;
}

/** What a letter needs that the case does not hold. */
export interface LetterContext {
  /** The letter's date, in the council's time zone. */
  date: string;
  /** Where the customer lives; the case holds the customer's id and name only. */
  customerAddress: PostalAddress;
  /** Needed when the reply goes to the representative (MP, councillor, advocate). */
  representativeAddress?: PostalAddress;
  staff: (staffId: string) => StaffMember | undefined;
  /** Who signs; the stage's signatory or handler when not given. */
  signatoryId?: string;
  /** The stage the letter is about; the current stage when not given. */
  stageId?: string;
  language?: LetterLanguage;
  /**
   * The customer's tracking code for the case: printed under the reference on an
   * acknowledgement that goes to the customer (never on one to a representative).
   */
  trackingCode?: string;
}

/** A letter that cannot be drafted from the case as it stands (no address, nobody to sign it…). */
export class LetterModelError extends DomainError {
  override readonly name = "LetterModelError";
  constructor(message: string) {
    super("LETTER_NOT_POSSIBLE", message);
  }
}

/** The letter content rules for the case's regime (the regime names its family; plugins may name an unknown one). */
export function letterRegimeFamily(rules: ResolvedRules): RegimeFamily {
  const family = rules.regime.family;
  if (!(REGIME_FAMILIES as readonly string[]).includes(family)) {
    throw new LetterModelError(`Regime "${rules.regime.id}" names letter family "${family}", which the letters package does not know.`);
  }
  return family as RegimeFamily;
}


const SUBJECTS: Record<LetterKind, string> = {
  acknowledgement: "We have received your complaint",
  "information-request": "We need some more information about your complaint",
  "holding-response": "An update on your complaint",
  "extension-notice": "We need more time to respond to your complaint",
  "stage-1-response": "Our response to your complaint",
  "escalation-acknowledgement": "We have received your request to take your complaint further",
  "stage-2-response": "Our response to your complaint",
  "stage-3-response": "Our response to your complaint",
  "referral-back": "Your complaint is going back to Stage 1",
  "not-a-complaint": "Your recent contact with us",
  excluded: "We cannot consider your complaint under our complaints procedure",
  "out-of-time": "We cannot consider your complaint because it is out of time",
  "wrongly-addressed": "Your complaint is for another organisation",
  "compliment-acknowledgement": "Thank you for your compliment",
  "member-enquiry-response": "Your enquiry",
  "foi-eir-review-outcome": "The outcome of our review of your information request",
  "conduct-warning": "How you contact us",
  "conduct-designation": "How you contact us",
  "conduct-review": "How you contact us",
  "ombudsman-response": "The Ombudsman's decision on your complaint",
};

function stageOf(state: CaseState, stageId: string | undefined): StageInstance | undefined {
  if (!stageId) return currentStage(state) ?? undefined;
  return [...state.stages].reverse().find((stage) => stage.stageId === stageId);
}

function dueDate(state: CaseState, stage: StageInstance | undefined, kind: DueKind): string | undefined {
  const prefix = stage ? `${stage.stageId}#${stage.sequence}.` : "";
  return state.dueDates.find((due) => due.kind === kind && (!stage || due.id.startsWith(prefix)))?.date;
}

const section = (element: LetterElement, ...paragraphs: Array<string | undefined | null>): LetterSection[] => {
  const present = paragraphs.filter((text): text is string => typeof text === "string" && text.trim() !== "");
  return present.length > 0 ? [{ element, paragraphs: present }] : [];
};

function pounds(pence: number): string {
  return `£${(pence / 100).toFixed(pence % 100 === 0 ? 0 : 2)}`;
}

/**
 * A first draft of a letter from the case: every section the case's data can fill, in plain
 * words, and the plugins' paragraphs in their slots. Sections only an officer can write (what
 * the investigation found, why an extension is needed when no reason was recorded) are left
 * out, so `assertIssuable` lists them until the officer adds them.
 */
export function buildLetterModel(
  kind: LetterKind,
  state: CaseState,
  rules: ResolvedRules,
  profile: CouncilProfile,
  context: LetterContext,
): LetterModel {
  const language = context.language ?? "en";
  const date = (iso: string) => formatLetterDate(iso, language);
  const stage = stageOf(state, context.stageId);
  const stageRules = stage ? rules.regime.stages.find((rule) => rule.id === stage.stageId) : undefined;
  const response = stage?.response ?? null;
  const handler = stage?.handlerId ? context.staff(stage.handlerId) : undefined;
  const customerName = state.customer?.name ?? "Customer";
  const nextBody = rules.regime.nextBody;
  const nextBodyContact = profile.ombudsmen[nextBody.id];
  const writeToRepresentative = state.representative?.replyTo === "representative";
  const lastExtension = stage?.extensions.at(-1);
  const openCustomerRequests = state.informationRequests.filter((request) => request.from === "customer" && !request.answeredOn);
  const ombudsmanCase = state.ombudsman.at(-1);
  const stageIndex = stage ? rules.regime.stages.findIndex((rule) => rule.id === stage.stageId) : -1;
  const previousStage = stageIndex > 0 ? stageOf(state, rules.regime.stages[stageIndex - 1]?.id) : undefined;

  const showTrackingCode = Boolean(context.trackingCode) && TRACKING_CODE_LETTERS.has(kind) && !writeToRepresentative;

  if (writeToRepresentative && !context.representativeAddress) {
    throw new LetterModelError(`Case ${state.reference}: the reply goes to the representative, so their postal address is needed.`);
  }

  const contactLine = (() => {
    const phone = handler?.phone ?? profile.letterhead.phone;
    const email = handler?.email ?? profile.letterhead.email;
    const who = handler ? handler.name : "us";
    const online = showTrackingCode ? " You can also check how your complaint is going online with our reference and your tracking code." : "";
    return `You can contact ${who} on ${phone} or at ${email}. Please quote our reference, ${state.reference}.${online}`;
  })();

  const ombudsmanParagraph = (() => {
    const name = nextBodyContact?.name ?? nextBody.name;
    const details = [
      nextBodyContact?.website ? `visit ${nextBodyContact.website}` : undefined,
      nextBodyContact?.phone ? `call ${nextBodyContact.phone}` : undefined,
      nextBodyContact && nextBodyContact.addressLines.length > 0
        ? `write to ${[...nextBodyContact.addressLines, nextBodyContact.postcode].filter(Boolean).join(", ")}`
        : undefined,
    ].filter(Boolean);
    const windowDue = dueDate(state, stage, "next-body-window");
    return [
      `If you are still unhappy, you can ask the ${name} to look at your complaint. It is free and independent.`,
      details.length > 0 ? `To contact them, ${details.join(", or ")}.` : undefined,
      windowDue ? `You should contact them by ${date(windowDue)}.` : undefined,
    ]
      .filter(Boolean)
      .join(" ");
  })();

  const decisionText = response ? `We have ${OUTCOME_LABELS[response.outcome].toLowerCase()} your complaint.` : undefined;
  const remediesText = response
    ? response.remedies.length > 0
      ? response.remedies
          .map((remedy) => `${remedy.description}${remedy.amountPence ? ` (${pounds(remedy.amountPence)})` : ""}${remedy.dueOn ? `, by ${date(remedy.dueOn)}` : ""}.`)
          .join(" ")
      : response.outcome === "not-upheld"
        ? "As we did not find that we were at fault, we are not offering a remedy."
        : undefined
    : undefined;
  const outstanding = response
    ? [
        ...response.outstandingActions,
        ...response.remedies
          .filter((remedy) => !remedy.completedOn && remedy.dueOn)
          .map((remedy) => `${remedy.description} (by ${date(remedy.dueOn as string)})`),
      ]
    : [];
  const outstandingText = response
    ? outstanding.length > 0
      ? `Still to be done: ${outstanding.join("; ")}.`
      : "There is nothing still to be done."
    : undefined;
  const escalationText = (() => {
    const escalation = stageRules?.escalation;
    if (!escalation) return undefined;
    const nextLabel = rules.regime.stages.find((rule) => rule.id === escalation.to)?.label ?? escalation.to;
    const windowDue = dueDate(state, stage, "escalation-window");
    return `If you are unhappy with this response, you can ask us to look at your complaint again at ${nextLabel}. ${
      windowDue ? `Please tell us by ${date(windowDue)}.` : "Please tell us as soon as you can."
    } You can phone, email or write to us, and you do not have to give reasons.`;
  })();
  const respondBy = dueDate(state, stage, "respond");

  const elements: Record<LetterElement, () => LetterSection[]> = {
    apology: () => section("apology", kind === "holding-response" ? "We are sorry that we have not yet been able to send you our full response." : undefined),
    // The first stage's date is the day it arrived, not the working day the clock counts from.
    "date-received": () =>
      section(
        "date-received",
        stage && stage.sequence > 1
          ? `We received your request on ${date(stage.requestedOn)}.`
          : `We received your ${state.kind === "complaint" ? "complaint" : "message"} on ${date(state.receipt.receivedOn)}.`,
      ),
    "complaint-summary": () => section("complaint-summary", state.description ? `As we understand it, your complaint is: ${state.description}` : undefined),
    "complaint-definition": () => [],
    "desired-outcome": () => section("desired-outcome", state.desiredOutcome ? `You would like: ${state.desiredOutcome}` : undefined),
    "response-due-date": () => section("response-due-date", respondBy ? `We will send you our full response by ${date(respondBy)}.` : undefined),
    handler: () => section("handler", handler ? `${handler.name}, ${handler.jobTitle}, is dealing with ${state.kind === "member-enquiry" ? "the enquiry" : "your complaint"}.` : undefined),
    "contact-details": () => section("contact-details", contactLine),
    "missing-information": () =>
      section(
        "missing-information",
        openCustomerRequests.length > 0
          ? `We need some more information from you: ${openCustomerRequests.map((request) => request.what).join("; ")}.`
          : "We do not need any more information from you at the moment.",
      ),
    "information-requested": () => section("information-requested", openCustomerRequests.length > 0 ? `Please send us: ${openCustomerRequests.map((request) => request.what).join("; ")}.` : undefined),
    "consequences-of-no-reply": () => [],
    "offer-to-discuss": () => section("offer-to-discuss", stage?.offerToDiscussMade ? "We would like to talk with you about how we will look into your complaint and how long it is likely to take. Please contact us to arrange a time." : undefined),
    advocacy: () => [],
    stage: () => section("stage", stage ? `This is our ${stage.label} response to your complaint.${stageRules?.escalation ? "" : " It is our final response."}` : undefined),
    investigation: () => [],
    decision: () => section("decision", decisionText),
    reasons: () =>
      section(
        "reasons",
        kind === "wrongly-addressed" && state.triage?.outcome === "wrongly-addressed"
          ? `${state.triage.body} is responsible for this, not the council.`
          : kind === "out-of-time" && state.triage?.outcome === "out-of-time"
            ? state.triage.reasons
            : kind === "referral-back"
              ? stage?.requestReason
              : response?.reasons,
      ),
    remedies: () => section("remedies", kind === "ombudsman-response" ? ombudsmanCase?.remedies.map((remedy) => `${remedy.description}${remedy.amountPence ? ` (${pounds(remedy.amountPence)})` : ""}, by ${date(remedy.dueOn)}.`).join(" ") : remediesText),
    "outstanding-actions": () =>
      section(
        "outstanding-actions",
        kind === "ombudsman-response"
          ? (() => {
              const open = ombudsmanCase?.remedies.filter((remedy) => !remedy.completedOn) ?? [];
              return open.length > 0 ? `Still to be done: ${open.map((remedy) => `${remedy.description} (by ${date(remedy.dueOn)})`).join("; ")}.` : "Everything the Ombudsman asked for has been done.";
            })()
          : outstandingText,
      ),
    "escalation-route": () => section("escalation-route", escalationText),
    "escalation-reasons": () => section("escalation-reasons", stage?.requestReason ? `You told us you are still unhappy because: ${stage.requestReason}` : undefined),
    "stage-1-resolution-offered": () =>
      section(
        "stage-1-resolution-offered",
        previousStage?.response
          ? previousStage.response.remedies.length > 0
            ? `At ${previousStage.label} we offered: ${previousStage.response.remedies.map((remedy) => remedy.description).join("; ")}.`
            : `At ${previousStage.label} we did not offer a remedy.`
          : undefined,
      ),
    // A stage response points to the Ombudsman only when no stage of ours comes after it.
    "ombudsman-details": () => (STAGE_RESPONSES.has(kind) && stageRules?.escalation ? [] : section("ombudsman-details", ombudsmanParagraph)),
    "extension-reasons": () => section("extension-reasons", lastExtension?.reason),
    "delay-reasons": () => section("delay-reasons", stage?.holdingResponses.at(-1)?.summary),
    "new-due-date": () => section("new-due-date", respondBy ? `We will now send you our full response by ${date(respondBy)}.` : undefined),
    "next-steps": () => section("next-steps", state.triage?.outcome === "not-a-complaint" ? state.triage.note : undefined),
    "alternative-route": () => section("alternative-route", state.triage?.outcome === "excluded" ? state.triage.route : undefined),
    "discretion-considered": () => section("discretion-considered", stage?.lateDiscretion),
    "correct-organisation": () =>
      section("correct-organisation", state.triage?.outcome === "wrongly-addressed" ? `Please contact ${state.triage.body}: ${state.triage.bodyContact}.` : undefined),
    "compliment-summary": () => section("compliment-summary", state.kind === "compliment" ? `Thank you for telling us: ${state.description}` : undefined),
    "passed-to": () => [],
    "enquiry-summary": () => section("enquiry-summary", state.kind === "member-enquiry" ? `You asked us: ${state.description}` : undefined),
    "enquiry-response": () => section("enquiry-response", state.kind === "member-enquiry" ? response?.reasons : undefined),
    "behaviour-concerns": () => [],
    "expected-behaviour": () => [],
    "warning-period": () => [],
    "right-to-comment": () => [],
    restrictions: () => [],
    "restriction-duration": () => [],
    "review-date": () => [],
    "review-outcome": () => [],
    "ombudsman-decision": () => section("ombudsman-decision", ombudsmanCase?.decision?.summary),
  };

  const sections = ELEMENT_ORDER[kind].flatMap((element) => elements[element]());

  const slots: Partial<Record<LetterSlot, PluginParagraph[]>> = {};
  for (const paragraph of rules.letterParagraphs) {
    if (!paragraph.letters.includes(kind)) continue;
    const text = paragraph.render({ state, stageId: stage?.stageId ?? null, rules });
    if (text === null || text.trim() === "") continue;
    if (!/^[a-z0-9-]+\.[a-z0-9-.]+$/i.test(paragraph.id)) {
      throw new LetterModelError(`Plugin paragraph id "${paragraph.id}" must read "<pluginId>.<name>".`);
    }
    (slots[paragraph.slot] ??= []).push({ id: paragraph.id as `${string}.${string}`, text });
  }

  const signatoryId = context.signatoryId ?? response?.signedBy ?? stage?.handlerId ?? undefined;
  const signatory = signatoryId ? context.staff(signatoryId) : undefined;
  if (!signatory) {
    throw new LetterModelError(`Case ${state.reference}: nobody to sign the letter (no signatory given and no handler on the stage).`);
  }
  const recipientAddress = writeToRepresentative ? (context.representativeAddress as PostalAddress) : context.customerAddress;
  const recipientName = writeToRepresentative && state.representative ? state.representative.name : customerName;

  return {
    kind,
    language,
    council: {
      name: profile.name,
      addressLines: [...profile.letterhead.addressLines, profile.letterhead.postcode],
      phone: profile.letterhead.phone,
      email: profile.letterhead.email,
      website: profile.letterhead.website,
      otherFormats: profile.letterhead.otherFormats,
    },
    recipient: { name: recipientName, address: recipientAddress },
    ...(writeToRepresentative ? { onBehalfOf: { name: customerName, address: context.customerAddress } } : {}),
    ourReference: state.reference,
    ...(showTrackingCode ? { trackingCode: context.trackingCode } : {}),
    date: context.date,
    subject: kind === "stage-2-response" || kind === "stage-3-response" ? (stageRules?.escalation ? SUBJECTS[kind] : "Our final response to your complaint") : SUBJECTS[kind],
    salutation: `Dear ${recipientName}`,
    sections,
    ...(Object.keys(slots).length > 0 ? { slots } : {}),
    signOff: {
      name: signatory.name,
      jobTitle: signatory.jobTitle,
      signedByResponsiblePerson: Boolean(stageRules?.signedByResponsiblePerson && response?.signedBy && response.signedBy === signatoryId),
    },
  };
}

/**
 * The draft with the officer's own sections: each replaces the draft's section for the same
 * element, or goes where that element reads in this kind of letter (after the others when
 * the kind does not list it). A section of the officer's with no words in it is ignored.
 */
export function withSections(model: LetterModel, sections: readonly LetterSection[]): LetterModel {
  const given = new Map<LetterElement, LetterSection>();
  for (const section of sections) {
    const paragraphs = section.paragraphs.map((text) => text.trim()).filter((text) => text !== "");
    if (paragraphs.length > 0) given.set(section.element, { ...section, paragraphs });
    else given.delete(section.element);
  }
  const order = ELEMENT_ORDER[model.kind];
  const rank = (element: LetterElement) => {
    const index = order.indexOf(element);
    return index === -1 ? order.length : index;
  };
  const kept = model.sections.filter((section) => !given.has(section.element));
  const merged = [...kept, ...given.values()];
  // A stable sort: the draft's own order stands where the kind does not decide.
  return { ...model, sections: merged.map((section, at) => ({ section, at })).sort((a, b) => rank(a.section.element) - rank(b.section.element) || a.at - b.at).map(({ section }) => section) };
}

/** Letters that give the customer their tracking code: the first one they get. */
const TRACKING_CODE_LETTERS = new Set<LetterKind>(["acknowledgement"]);

const STAGE_RESPONSES = new Set<LetterKind>(["stage-1-response", "stage-2-response", "stage-3-response", "foi-eir-review-outcome"]);

/** The order sections read in, for each kind: what happened, what we decided, what next. */
const ELEMENT_ORDER: Record<LetterKind, readonly LetterElement[]> = {
  acknowledgement: ["date-received", "complaint-summary", "enquiry-summary", "desired-outcome", "offer-to-discuss", "handler", "response-due-date", "missing-information", "advocacy", "contact-details"],
  "information-request": ["information-requested", "consequences-of-no-reply", "contact-details"],
  "holding-response": ["apology", "delay-reasons", "new-due-date", "ombudsman-details"],
  "extension-notice": ["extension-reasons", "new-due-date", "ombudsman-details"],
  "stage-1-response": ["stage", "investigation", "decision", "reasons", "remedies", "outstanding-actions", "escalation-route", "ombudsman-details"],
  "escalation-acknowledgement": ["date-received", "escalation-reasons", "desired-outcome", "stage-1-resolution-offered", "handler", "response-due-date", "contact-details"],
  "stage-2-response": ["stage", "complaint-definition", "investigation", "decision", "reasons", "remedies", "outstanding-actions", "escalation-route", "ombudsman-details"],
  "stage-3-response": ["stage", "investigation", "decision", "reasons", "remedies", "outstanding-actions", "ombudsman-details"],
  "referral-back": ["reasons", "handler", "response-due-date", "contact-details"],
  "not-a-complaint": ["reasons", "next-steps", "ombudsman-details"],
  excluded: ["reasons", "alternative-route", "ombudsman-details"],
  "out-of-time": ["reasons", "discretion-considered", "ombudsman-details"],
  "wrongly-addressed": ["reasons", "correct-organisation"],
  "compliment-acknowledgement": ["compliment-summary", "passed-to"],
  "member-enquiry-response": ["enquiry-summary", "enquiry-response", "contact-details"],
  "foi-eir-review-outcome": ["decision", "reasons", "ombudsman-details"],
  "conduct-warning": ["behaviour-concerns", "expected-behaviour", "warning-period", "right-to-comment"],
  "conduct-designation": ["reasons", "restrictions", "restriction-duration", "review-date", "ombudsman-details"],
  "conduct-review": ["review-outcome", "reasons", "ombudsman-details"],
  "ombudsman-response": ["ombudsman-decision", "remedies", "outstanding-actions"],
};
