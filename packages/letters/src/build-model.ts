import {
  currentStage,
  DomainError,
  type CaseState,
  type ConductState,
  type Restriction,
  type CouncilProfile,
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
import { asClause, formatLetterDate, joinSentences, tidyParagraph } from "./words.js";
import { say, type WordingKey } from "./wording/index.js";

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
  /**
   * The council's public web address (its own host, or this server's address for it): the
   * Stage 1 response tells the resident they can ask for the next stage online at
   * `<publicAddress>/escalate`, the portal's public escalate page.
   */
  publicAddress?: string;
  /**
   * The customer's persistent-complainant record, for the letters about how they contact us
   * (conduct-warning, conduct-designation, conduct-review): the behaviour asked for and its
   * time span, the restrictions and their review date, the review's outcome.
   */
  conduct?: ConductState;
}

/** A letter that cannot be drafted from the case as it stands (no address, nobody to sign it…). */
export class LetterModelError extends DomainError {
  override readonly name = "LetterModelError";
  constructor(message: string) {
    super("LETTER_NOT_POSSIBLE", message);
  }
}

/** The subject line's wording for each kind (the stage responses read "final" when no stage of ours follows). */
const SUBJECT_KEYS: Record<LetterKind, WordingKey> = {
  acknowledgement: "subject.acknowledgement",
  "information-request": "subject.information-request",
  "holding-response": "subject.holding-response",
  "extension-notice": "subject.extension-notice",
  "stage-1-response": "subject.stage-response",
  "escalation-acknowledgement": "subject.escalation-acknowledgement",
  "stage-2-response": "subject.stage-response",
  "stage-3-response": "subject.stage-response",
  "referral-back": "subject.referral-back",
  "not-a-complaint": "subject.not-a-complaint",
  excluded: "subject.excluded",
  "out-of-time": "subject.out-of-time",
  "wrongly-addressed": "subject.wrongly-addressed",
  "compliment-acknowledgement": "subject.compliment-acknowledgement",
  "member-enquiry-response": "subject.member-enquiry-response",
  "foi-eir-review-outcome": "subject.foi-eir-review-outcome",
  "conduct-warning": "subject.conduct",
  "conduct-designation": "subject.conduct",
  "conduct-review": "subject.conduct",
  "ombudsman-response": "subject.ombudsman-response",
  "claim-referral": "subject.claim-referral",
  "ombudsman-reply": "subject.ombudsman-reply",
};

function stageOf(state: CaseState, stageId: string | undefined): StageInstance | undefined {
  if (!stageId) return currentStage(state) ?? undefined;
  return [...state.stages].reverse().find((stage) => stage.stageId === stageId);
}

function dueDate(state: CaseState, stage: StageInstance | undefined, kind: DueKind): string | undefined {
  const prefix = stage ? `${stage.stageId}#${stage.sequence}.` : "";
  return state.dueDates.find((due) => due.kind === kind && (!stage || due.id.startsWith(prefix)))?.date;
}

/** A section from the paragraphs that have words, each tidied where its sentences were joined. */
const section = (element: LetterElement, ...paragraphs: Array<string | undefined | null>): LetterSection[] => {
  const present = paragraphs.filter((text): text is string => typeof text === "string" && text.trim() !== "").map(tidyParagraph);
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
  // The enquiry the Ombudsman decided last (the letter tells the resident of that decision).
  const ombudsmanCase = [...state.ombudsman].reverse().find((enquiry) => enquiry.decision) ?? state.ombudsman.at(-1);
  // The enquiry our reply answers (the covering letter goes to its body): the latest answered.
  const repliedEnquiry = [...state.ombudsman].reverse().find((enquiry) => enquiry.respondedOn);
  const stageIndex = stage ? rules.regime.stages.findIndex((rule) => rule.id === stage.stageId) : -1;
  const previousStage = stageIndex > 0 ? stageOf(state, rules.regime.stages[stageIndex - 1]?.id) : undefined;

  const showTrackingCode = Boolean(context.trackingCode) && TRACKING_CODE_LETTERS.has(kind) && !writeToRepresentative;

  if (writeToRepresentative && !context.representativeAddress && kind !== "ombudsman-reply") {
    throw new LetterModelError(`Case ${state.reference}: the reply goes to the representative, so their postal address is needed.`);
  }

  const t = (key: WordingKey, values?: Record<string, string | number>) => say(language, key, values);
  // A stage the rules call "Stage 2" is "Cam 2" in Welsh; other names are the council's own.
  const stageName = (label: string) => label.replace(/^Stage (\d+)$/, (_, number: string) => t("stage.numbered", { number }));
  // Printed as people type it, without "https://" (as the letterhead's website is).
  const escalateAddress = context.publicAddress ? `${context.publicAddress.replace(/^https?:\/\//, "").replace(/\/+$/, "")}/escalate` : undefined;

  const contactLine = (() => {
    // The Ombudsman deals with whoever sends our reply, not with the officer who handled a stage.
    const person = kind === "ombudsman-reply" ? (context.signatoryId ? context.staff(context.signatoryId) : undefined) : handler;
    const phone = person?.phone ?? profile.letterhead.phone;
    const email = person?.email ?? profile.letterhead.email;
    return joinSentences(
      person ? t("contact.person", { name: person.name, phone, email, reference: state.reference }) : t("contact.us", { phone, email, reference: state.reference }),
      showTrackingCode && t("contact.online"),
    );
  })();

  const ombudsmanParagraph = (() => {
    const name = nextBodyContact?.name ?? nextBody.name;
    const ways = [
      nextBodyContact?.website ? t("ombudsman.visit", { website: nextBodyContact.website }) : undefined,
      nextBodyContact?.phone ? t("ombudsman.call", { phone: nextBodyContact.phone }) : undefined,
      nextBodyContact && nextBodyContact.addressLines.length > 0
        ? t("ombudsman.write", { address: [...nextBodyContact.addressLines, nextBodyContact.postcode].filter(Boolean).join(", ") })
        : undefined,
    ].filter((way): way is string => Boolean(way));
    const windowDue = dueDate(state, stage, "next-body-window");
    // What the letter lets the resident take to the Ombudsman: an extension or a delay while we
    // carry on (code 6.5: the Ombudsman's details come with every extension), a decision not to
    // take the complaint, or, after our last stage, the complaint itself.
    const lead: WordingKey =
      kind === "extension-notice" ? "ombudsman.extension" : kind === "holding-response" ? "ombudsman.delay" : DECISION_LETTERS.has(kind) ? "ombudsman.decision" : "ombudsman.final";
    if (CONDUCT_LETTERS.has(kind)) return conductOmbudsmanParagraph(rules, profile, t);
    return joinSentences(
      t(lead, { name }),
      ways.length > 0 && t("ombudsman.contact", { ways: ways.join(t("ombudsman.or")) }),
      // A deadline for going to the Ombudsman belongs to a decision, not to a letter sent while we carry on.
      lead !== "ombudsman.extension" && lead !== "ombudsman.delay" && windowDue && t("ombudsman.by", { date: date(windowDue) }),
    );
  })();

  const remedyText = (remedy: { description: string; amountPence?: number | null }) =>
    remedy.amountPence ? t("remedy.amount", { remedy: asClause(remedy.description), amount: pounds(remedy.amountPence) }) : asClause(remedy.description);
  const decisionText = response ? t(`decision.${response.outcome}`) : undefined;
  const remediesText = response
    ? response.remedies.length > 0
      ? joinSentences(...response.remedies.map((remedy) => `${remedy.dueOn ? t("remedy.by", { remedy: remedyText(remedy), date: date(remedy.dueOn) }) : remedyText(remedy)}.`))
      : response.outcome === "not-upheld"
        ? t("remedy.none-not-upheld")
        : undefined
    : undefined;
  // What is still to be done includes what an earlier stage promised and has not done: a final
  // response must not say "nothing" while a Stage 1 remedy is open (issue 15, letter wording).
  const outstanding = (() => {
    if (!response || !stage) return [];
    const own = [
      ...response.outstandingActions.map(asClause),
      ...response.remedies.filter((remedy) => !remedy.completedOn && remedy.dueOn).map((remedy) => t("outstanding.item-by", { item: asClause(remedy.description), date: date(remedy.dueOn as string) })),
    ];
    const ownDescriptions = new Set(response.remedies.map((remedy) => asClause(remedy.description).toLowerCase()));
    const earlier = state.stages
      .slice(0, state.stages.indexOf(stage))
      .flatMap((previous) =>
        (previous.response?.remedies ?? [])
          .filter((remedy) => !remedy.completedOn && !ownDescriptions.has(asClause(remedy.description).toLowerCase()))
          .map((remedy) =>
            remedy.dueOn
              ? t("outstanding.item-from-stage-by", { item: asClause(remedy.description), stage: stageName(previous.label), date: date(remedy.dueOn) })
              : t("outstanding.item-from-stage", { item: asClause(remedy.description), stage: stageName(previous.label) }),
          ),
      );
    return [...earlier, ...own];
  })();
  const outstandingText = response ? (outstanding.length > 0 ? t("outstanding.list", { items: outstanding.join("; ") }) : t("outstanding.none")) : undefined;
  const escalationText = (() => {
    const escalation = stageRules?.escalation;
    if (!escalation) return undefined;
    const nextLabel = rules.regime.stages.find((rule) => rule.id === escalation.to)?.label ?? escalation.to;
    const windowDue = dueDate(state, stage, "escalation-window");
    return joinSentences(
      t("escalation.route", { stage: stageName(nextLabel) }),
      windowDue ? t("escalation.by", { date: date(windowDue) }) : t("escalation.soon"),
      t("escalation.how"),
      escalateAddress && t("escalation.online", { address: escalateAddress }),
    );
  })();
  const respondBy = dueDate(state, stage, "respond");
  const listOf = (items: string[]) => items.map(asClause).join("; ");

  const elements: Record<LetterElement, () => LetterSection[]> = {
    apology: () => section("apology", kind === "holding-response" ? t("apology.holding") : undefined),
    // The day it arrived, not the working day the clock counts from: a request made on a bank
    // holiday is stated on that day (decision 0108; cases stored before `receivedOn` have none).
    "date-received": () =>
      section(
        "date-received",
        stage && stage.sequence > 1
          ? t("received.request", { date: date(stage.receivedOn ?? stage.requestedOn) })
          : t(state.kind === "complaint" ? "received.complaint" : "received.message", { date: date(state.receipt.receivedOn) }),
      ),
    "complaint-summary": () => section("complaint-summary", state.description ? t("complaint-summary", { description: state.description }) : undefined),
    // Complaint handling code 2024 6.2 and 6.9: the complaint is defined when it is acknowledged
    // at Stage 1, and the Stage 1 response repeats that definition. At Stage 2 the definition is
    // the officer's to write (it is agreed again on escalation, 6.11).
    "complaint-definition": () =>
      section("complaint-definition", kind === "stage-1-response" && state.description ? t("complaint-definition", { description: state.description }) : undefined),
    "desired-outcome": () => section("desired-outcome", state.desiredOutcome ? t("desired-outcome", { outcome: state.desiredOutcome }) : undefined),
    "response-due-date": () => section("response-due-date", respondBy ? t("response-due", { date: date(respondBy) }) : undefined),
    handler: () =>
      section("handler", handler ? t(state.kind === "member-enquiry" ? "handler.enquiry" : "handler.complaint", { name: handler.name, jobTitle: handler.jobTitle }) : undefined),
    "contact-details": () => section("contact-details", contactLine),
    "missing-information": () =>
      section(
        "missing-information",
        openCustomerRequests.length > 0 ? t("information.missing", { items: listOf(openCustomerRequests.map((request) => request.what)) }) : t("information.none"),
      ),
    "information-requested": () =>
      section("information-requested", openCustomerRequests.length > 0 ? t("information.requested", { items: listOf(openCustomerRequests.map((request) => request.what)) }) : undefined),
    "consequences-of-no-reply": () => [],
    "offer-to-discuss": () => section("offer-to-discuss", stage?.offerToDiscussMade ? t("offer-to-discuss") : undefined),
    advocacy: () => [],
    stage: () => section("stage", stage ? joinSentences(t("stage.response", { stage: stageName(stage.label) }), !stageRules?.escalation && t("stage.final")) : undefined),
    investigation: () => [],
    decision: () => section("decision", decisionText),
    reasons: () =>
      section(
        "reasons",
        CONDUCT_LETTERS.has(kind)
          ? conductReasons(kind, context.conduct, t)
          : kind === "wrongly-addressed" && state.triage?.outcome === "wrongly-addressed"
          ? t("wrongly-addressed.reason", { body: state.triage.body })
          : kind === "out-of-time" && state.triage?.outcome === "out-of-time"
            ? state.triage.reasons
            : kind === "referral-back"
              ? stage?.requestReason
              : kind === "claim-referral"
                ? claimReasons(state, t)
                : response?.reasons,
      ),
    remedies: () =>
      section(
        "remedies",
        kind === "ombudsman-response"
          ? ombudsmanCase?.decision && ombudsmanCase.remedies.length === 0
            ? t("remedy.ombudsman-none")
            : joinSentences(...(ombudsmanCase?.remedies ?? []).map((remedy) => `${t("remedy.by", { remedy: remedyText(remedy), date: date(remedy.dueOn) })}.`))
          : remediesText,
      ),
    "outstanding-actions": () =>
      section(
        "outstanding-actions",
        kind === "ombudsman-response"
          ? (() => {
              const open = ombudsmanCase?.remedies.filter((remedy) => !remedy.completedOn) ?? [];
              return open.length > 0
                ? t("outstanding.list", { items: open.map((remedy) => t("outstanding.item-by", { item: asClause(remedy.description), date: date(remedy.dueOn) })).join("; ") })
                : t("outstanding.ombudsman-done");
            })()
          : outstandingText,
      ),
    "escalation-route": () => section("escalation-route", escalationText),
    "escalation-reasons": () => section("escalation-reasons", stage?.requestReason ? t("escalation.reasons", { reason: stage.requestReason }) : undefined),
    "stage-1-resolution-offered": () =>
      section(
        "stage-1-resolution-offered",
        previousStage?.response
          ? previousStage.response.remedies.length > 0
            ? t("stage-1-offered.remedies", { stage: stageName(previousStage.label), items: listOf(previousStage.response.remedies.map((remedy) => remedy.description)) })
            : t("stage-1-offered.none", { stage: stageName(previousStage.label) })
          : undefined,
      ),
    // A stage response points to the Ombudsman only when no stage of ours comes after it.
    "ombudsman-details": () => (STAGE_RESPONSES.has(kind) && stageRules?.escalation ? [] : section("ombudsman-details", ombudsmanParagraph)),
    "extension-reasons": () => section("extension-reasons", lastExtension?.reason),
    "delay-reasons": () => section("delay-reasons", stage?.holdingResponses.at(-1)?.summary),
    "new-due-date": () => section("new-due-date", respondBy ? t("new-due-date", { date: date(respondBy) }) : undefined),
    "next-steps": () => section("next-steps", state.triage?.outcome === "not-a-complaint" ? state.triage.note : undefined),
    "alternative-route": () => section("alternative-route", state.triage?.outcome === "excluded" ? state.triage.route : undefined),
    "discretion-considered": () => section("discretion-considered", stage?.lateDiscretion),
    "correct-organisation": () =>
      section(
        "correct-organisation",
        state.triage?.outcome === "wrongly-addressed" ? t("wrongly-addressed.contact", { body: state.triage.body, contact: asClause(state.triage.bodyContact) }) : undefined,
      ),
    // A comment is acknowledged with the same letter as a compliment, and says what it was about the same way.
    "compliment-summary": () => section("compliment-summary", state.kind === "compliment" || state.kind === "comment" ? t("compliment.thanks", { description: state.description }) : undefined),
    "passed-to": () => [],
    "enquiry-summary": () => section("enquiry-summary", state.kind === "member-enquiry" ? t("enquiry.asked", { description: state.description }) : undefined),
    "enquiry-response": () => section("enquiry-response", state.kind === "member-enquiry" ? response?.reasons : undefined),
    // What the behaviour was is the officer's to write (the referral's evidence is for staff).
    "behaviour-concerns": () => [],
    ...conductSections(kind, context.conduct, profile, t, date),
    "ombudsman-decision": () => section("ombudsman-decision", ombudsmanCase?.decision?.summary),
    "ombudsman-enquiry": () =>
      section(
        "ombudsman-enquiry",
        repliedEnquiry && t("ombudsman-reply.enquiry", { reference: repliedEnquiry.reference, received: date(repliedEnquiry.receivedOn), customer: customerName, ours: state.reference, due: date(repliedEnquiry.responseDueOn) }),
      ),
    "reply-approval": () => {
      const approver = repliedEnquiry?.approvedBy ? context.staff(repliedEnquiry.approvedBy) : undefined;
      return section("reply-approval", repliedEnquiry?.respondedOn && approver && t("ombudsman-reply.enclosed", { name: approver.name, jobTitle: approver.jobTitle, date: date(repliedEnquiry.respondedOn) }));
    },
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
  const ombudsman = kind === "ombudsman-reply" ? ombudsmanAddressee(state, profile, repliedEnquiry) : null;
  const recipientAddress = ombudsman ? ombudsman.address : writeToRepresentative ? (context.representativeAddress as PostalAddress) : context.customerAddress;
  const recipientName = ombudsman ? ombudsman.name : writeToRepresentative && state.representative ? state.representative.name : customerName;

  return {
    kind,
    language,
    ...(profile.correspondence.languages !== "english" ? { welcomesWelsh: true } : {}),
    council: {
      name: profile.name,
      addressLines: [...profile.letterhead.addressLines, profile.letterhead.postcode],
      phone: profile.letterhead.phone,
      email: profile.letterhead.email,
      website: profile.letterhead.website,
      otherFormats: profile.letterhead.otherFormats,
    },
    recipient: { name: recipientName, address: recipientAddress },
    ...(writeToRepresentative && !ombudsman ? { onBehalfOf: { name: customerName, address: context.customerAddress } } : {}),
    ourReference: state.reference,
    ...(showTrackingCode ? { trackingCode: context.trackingCode } : {}),
    date: context.date,
    subject: t((kind === "stage-2-response" || kind === "stage-3-response") && !stageRules?.escalation ? "subject.final-response" : SUBJECT_KEYS[kind]),
    salutation: t("salutation", { name: recipientName }),
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

/** Letters about how a customer contacts us: about the customer, not a stage of a case. */
const CONDUCT_LETTERS = new Set<LetterKind>(["conduct-warning", "conduct-designation", "conduct-review"]);

type Say = (key: WordingKey, values?: Record<string, string | number>) => string;

/** The reasons of a designation or of its latest review, as the decider wrote them. */
function conductReasons(kind: LetterKind, conduct: ConductState | undefined, t: Say): string | undefined {
  if (kind === "conduct-designation") return conduct?.designation ? t("conduct.designation-reasons", { reasons: conduct.designation.reason }) : undefined;
  if (kind === "conduct-review") return conduct?.reviews.at(-1)?.reason;
  return undefined;
}

function restrictionText(restriction: Restriction, t: Say): string {
  switch (restriction.kind) {
    case "single-point-of-contact":
      return t("conduct.restriction.single-point-of-contact", { contact: restriction.contact });
    case "written-contact-only":
      return restriction.adjustments?.trim()
        ? t("conduct.restriction.written-contact-only-adjusted", { adjustments: asClause(restriction.adjustments).replace(/^./, (c) => c.toLowerCase()) })
        : t("conduct.restriction.written-contact-only");
    case "call-limit":
      return restriction.callsPerWeek === 0 ? t("conduct.restriction.no-calls") : t("conduct.restriction.call-limit", { calls: restriction.callsPerWeek });
    case "premises-limit":
      return t("conduct.restriction.premises-limit", { detail: asClause(restriction.detail) });
    case "correspondence-filed":
      return t("conduct.restriction.correspondence-filed", { detail: asClause(restriction.detail) });
    case "other":
      return asClause(restriction.detail);
  }
}

/**
 * The sections the persistent-complainant record fills (Leeds policy paras 54–56): the change
 * asked for and its time span, the right to comment first (Lancaster task group 7(1)); the
 * restrictions, how long they last and their review (LGSCO guide, chapter 6); the review's outcome.
 */
function conductSections(
  kind: LetterKind,
  conduct: ConductState | undefined,
  profile: CouncilProfile,
  t: Say,
  date: (iso: string) => string,
): Pick<Record<LetterElement, () => LetterSection[]>, "expected-behaviour" | "warning-period" | "right-to-comment" | "restrictions" | "restriction-duration" | "review-date" | "review-outcome"> {
  const warning = kind === "conduct-warning" ? conduct?.warning : undefined;
  const designation = kind === "conduct-designation" ? conduct?.designation : undefined;
  const review = kind === "conduct-review" ? conduct?.reviews.at(-1) : undefined;
  return {
    "expected-behaviour": () => section("expected-behaviour", warning ? t("conduct.expected", { behaviour: warning.behaviourExpected }) : undefined),
    "warning-period": () => section("warning-period", warning ? t("conduct.warning-period", { date: date(warning.until) }) : undefined),
    "right-to-comment": () => section("right-to-comment", warning ? t("conduct.right-to-comment", { email: profile.letterhead.email, date: date(warning.until) }) : undefined),
    restrictions: () =>
      section("restrictions", designation && designation.restrictions.length > 0 ? t("conduct.restrictions", { items: designation.restrictions.map((r) => restrictionText(r, t)).join("; ") }) : undefined),
    "restriction-duration": () => section("restriction-duration", designation ? t("conduct.restriction-duration") : undefined),
    "review-date": () => section("review-date", designation ? t("conduct.review-date", { date: date(designation.reviewBy) }) : undefined),
    "review-outcome": () =>
      section(
        "review-outcome",
        review ? (review.decision === "lift" ? t("conduct.review.lift") : t("conduct.review.renew", { date: date(review.nextReviewBy ?? conduct?.designation?.reviewBy ?? "") })) : undefined,
      ),
  };
}

/**
 * Where a customer can take the council's decision about how they contact us: "no further
 * right of appeal to the council ... directed to the Local Government Ombudsman" (Leeds policy
 * para 56), or the Housing Ombudsman where the case is a council landlord's; never the body of
 * an FOI review (the Information Commissioner) or of a member enquiry.
 */
function conductOmbudsmanParagraph(rules: ResolvedRules, profile: CouncilProfile, t: Say): string {
  const id = rules.regime.nextBody.id === "housing-ombudsman" ? "housing-ombudsman" : "lgsco";
  const contact = profile.ombudsmen[id];
  const name = contact?.name ?? (id === "housing-ombudsman" ? "Housing Ombudsman" : "Local Government and Social Care Ombudsman");
  const ways = [
    contact?.website ? t("ombudsman.visit", { website: contact.website }) : undefined,
    contact?.phone ? t("ombudsman.call", { phone: contact.phone }) : undefined,
    contact && contact.addressLines.length > 0 ? t("ombudsman.write", { address: [...contact.addressLines, contact.postcode].filter(Boolean).join(", ") }) : undefined,
  ].filter((way): way is string => Boolean(way));
  return joinSentences(t("ombudsman.conduct", { name }), ways.length > 0 && t("ombudsman.contact", { ways: ways.join(t("ombudsman.or")) }));
}

/**
 * The Ombudsman our reply goes to, as the council's profile records it (Administration →
 * contacts): a reply cannot be addressed to a body the council has no address for.
 */
function ombudsmanAddressee(state: CaseState, profile: CouncilProfile, enquiry: CaseState["ombudsman"][number] | undefined): { name: string; address: PostalAddress } {
  if (!enquiry) throw new LetterModelError(`Case ${state.reference}: no reply to an Ombudsman enquiry has been recorded, so there is nothing to send.`);
  const contact = profile.ombudsmen[enquiry.body];
  if (!contact || contact.addressLines.length === 0) {
    throw new LetterModelError(`Case ${state.reference}: the council's settings have no postal address for "${enquiry.body}", the body of enquiry ${enquiry.reference}; add it to the profile's Ombudsmen.`);
  }
  return { name: contact.name, address: { lines: [...contact.addressLines], postcode: contact.postcode ?? "" } };
}

/** Letters that give the customer their tracking code: the first one they get. */
const TRACKING_CODE_LETTERS = new Set<LetterKind>(["acknowledgement"]);

/** Letters that tell the resident of a decision not to take (or go on with) their complaint as asked. */
const DECISION_LETTERS = new Set<LetterKind>(["not-a-complaint", "excluded", "out-of-time", "wrongly-addressed", "conduct-designation", "conduct-review"]);

const STAGE_RESPONSES = new Set<LetterKind>(["stage-1-response", "stage-2-response", "stage-3-response", "foi-eir-review-outcome"]);

/** The order sections read in, for each kind: what happened, what we decided, what next. */
const ELEMENT_ORDER: Record<LetterKind, readonly LetterElement[]> = {
  acknowledgement: ["date-received", "complaint-summary", "enquiry-summary", "desired-outcome", "offer-to-discuss", "handler", "response-due-date", "missing-information", "advocacy", "contact-details"],
  "information-request": ["information-requested", "consequences-of-no-reply", "contact-details"],
  "holding-response": ["apology", "delay-reasons", "new-due-date", "ombudsman-details"],
  "extension-notice": ["extension-reasons", "new-due-date", "ombudsman-details"],
  "stage-1-response": ["stage", "complaint-definition", "investigation", "decision", "reasons", "remedies", "outstanding-actions", "escalation-route", "ombudsman-details"],
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
  "claim-referral": ["reasons", "contact-details"],
  "ombudsman-reply": ["ombudsman-enquiry", "reply-approval", "contact-details"],
};

/** Leeds policy paras 70–71: the claim goes to Legal Services, and what that means for the complaint. */
function claimReasons(state: CaseState, t: (key: WordingKey, values?: Record<string, string | number>) => string): string | undefined {
  const claim = state.claim;
  if (!claim) return undefined;
  return joinSentences(t("claim.referred", { basis: t(`claim.basis.${claim.basis}`), details: claim.details.replace(/[.\s]+$/, "") }), t(`claim.then.${claim.then}`));
}
