import { DomainError, LETTER_KIND_NAMES, type LetterKind } from "@complaints/core";
import type { LetterElement, LetterModel } from "./model.js";

/**
 * The rule families a letter can be issued under. Plugins resolve a case to one of these; the
 * content each letter must carry differs between them (which Ombudsman, which statute).
 */
export const REGIME_FAMILIES = [
  "code-2024",
  "housing",
  "foi-eir",
  "adult-social-care",
  "children-social-care",
  "member-enquiry",
] as const;
export type RegimeFamily = (typeof REGIME_FAMILIES)[number];

/** Facts about the letter as a whole that some rules require, beside its body sections. */
export type LetterFact = "signed-by-responsible-person" | "customer-named-for-representative";

export interface ContentRequirement {
  element: LetterElement | LetterFact;
  /** What the letter must say, in plain words, as an officer would want it listed. */
  description: string;
  /** The rule or procedure that asks for it. */
  source: string;
  /**
   * For English letters, the section must name at least one of these (case-insensitive): the
   * right Ombudsman for the regime, or an explicit outcome word. Welsh letters are not checked
   * for these words because the names would be translated.
   */
  mentionsAnyOf?: readonly string[];
}

export interface MissingContent {
  element: ContentRequirement["element"] | "letter-kind";
  description: string;
  source: string;
}

export const REGIME_FAMILY_NAMES: Record<RegimeFamily, string> = {
  "code-2024": "the complaint handling code (Local Government and Social Care Ombudsman and Housing Ombudsman, 2024)",
  housing: "the Housing Ombudsman's Complaint Handling Code",
  "foi-eir": "the Freedom of Information and Environmental Information review procedure",
  "adult-social-care": "the adult social care complaints regulations (SI 2009/309)",
  "children-social-care": "the children's social care representations procedure (SI 2006/1738)",
  "member-enquiry": "the member enquiry procedure",
};

interface NextBody {
  name: string;
  mentionsAnyOf: readonly string[];
}
const LGSCO: NextBody = {
  name: "the Local Government and Social Care Ombudsman",
  mentionsAnyOf: ["Local Government and Social Care Ombudsman"],
};
const HOUSING_OMBUDSMAN: NextBody = { name: "the Housing Ombudsman", mentionsAnyOf: ["Housing Ombudsman"] };
const ICO: NextBody = { name: "the Information Commissioner", mentionsAnyOf: ["Information Commissioner"] };

const req = (
  element: ContentRequirement["element"],
  description: string,
  source: string,
  mentionsAnyOf?: readonly string[],
): ContentRequirement => (mentionsAnyOf ? { element, description, source, mentionsAnyOf } : { element, description, source });

const ombudsmanDetails = (body: NextBody, source: string): ContentRequirement =>
  req("ombudsman-details", `how to contact ${body.name} and the right to go to them`, source, body.mentionsAnyOf);

const OUTCOME_WORDS = ["upheld"]; // matches "upheld", "partly upheld" and "not upheld"
const decision = (source: string) =>
  req("decision", "the decision: upheld, partly upheld or not upheld", source, OUTCOME_WORDS);

const SOUTHWARK = {
  ack: "Southwark procedure: acknowledgement content",
  escalationAck: "Southwark procedure: stage two acknowledgement content",
  stage1: "Southwark procedure: stage one response content",
  stage2: "Southwark procedure: stage two response content",
  holding: "Southwark procedure: every holding response says how to escalate to the Ombudsman",
};
const LEEDS = {
  holding: "Leeds policy 16: a holding response apologises, gives the reasons for the delay and the new date",
  wronglyAddressed: "Leeds policy: wrongly addressed complaints are returned with the body to complain to",
  compliment: "Leeds policy 5: a written compliment is acknowledged and passed to the service manager",
  conductWarning: "Leeds policy 54: before restrictions, the behaviour, the change required and a time span are put in writing",
  conductDesignation: "Leeds policy 55: restrictions are confirmed in writing with a review within six months",
  conductReview: "Leeds policy 56: the review outcome is put in writing and the customer is directed to the Ombudsman",
  finalLgo: "Leeds policy 23: the final response gives the Ombudsman's contact details",
  foiIco: "Leeds policy 66–67: after the review the customer can apply to the Information Commissioner",
};
const CODE = {
  ack: "Complaint handling code 6.2: the acknowledgement sets out the complaint and the outcome sought",
  response: "Complaint handling code: every response states the stage, decision, reasons, remedy, outstanding actions and escalation route",
  extensionReasons: "Complaint handling code 6.4: the reasons for an extension are explained",
  extensionOmbudsman: "Complaint handling code 6.5: an extension gives the Ombudsman's details",
  refusal: "Complaint handling code 2.1–2.5: a refusal gives reasons and the right to go to the Ombudsman",
  timeLimit: "Complaint handling code 2: complaints over 12 months old may be refused, but discretion must be considered",
  stage1Definition: "Complaint handling code 2024 6.9: the Stage 1 response confirms the complaint stage, the complaint definition, the decision, reasons, remedy, outstanding actions and how to escalate",
  hosFinal: "Housing Ombudsman Complaint Handling Code 2024: the stage 2 response gives the complaint definition and how to go to the Housing Ombudsman",
};
const LANCASTER_REFERRAL = "Lancaster task group recommendation 8(2): Stage 2 may refer a complaint back to the Stage 1 officer, after telling the complainant";
const DESIGN_NOT_A_COMPLAINT = "Complaint handling code 1: a service request is not a complaint; the customer is told what happens instead";
const DESIGN_EXCLUDED = "Complaint handling code 2: an excluded complaint is redirected to the right route (court, tribunal, appeal)";
const UNREASONABLE = "LGSCO guide to managing unreasonable actions: restrictions are specific, proportionate and reviewed";
const OMBUDSMAN_DECISION = "Ombudsman decisions: the council confirms the decision and the remedy it will carry out, and when";
const INFO_REQUEST = "Southwark procedure: the letter asks for the specific information missing and explains what happens without it";
const REPRESENTATIVE = "Data Protection Act 2018 Sch 1 para 24 (elected representatives): the reply names the constituent it is about";

/**
 * Letters about a customer's behaviour belong to the customer, not to a regime; only the
 * Ombudsman named changes: the Housing Ombudsman for a council landlord's case, else the LGSCO
 * ("directed to the Local Government Ombudsman", Leeds policy 56), never the Information
 * Commissioner of an FOI review (`foi-eir` and `member-enquiry` name the LGSCO).
 */
function conductLetters(body: NextBody): Partial<Record<LetterKind, ContentRequirement[]>> {
  return {
    "conduct-warning": [
      req("behaviour-concerns", "the behaviour that has not been acceptable", LEEDS.conductWarning),
      req("expected-behaviour", "the change in behaviour we are asking for", LEEDS.conductWarning),
      req("warning-period", "how long there is to make that change", LEEDS.conductWarning),
      req("right-to-comment", "that the customer may comment before anything is decided", "Lancaster task group recommendation 7(1): the designation report is shared and comments sought"),
    ],
    "conduct-designation": [
      req("reasons", "the reasons for the decision", LEEDS.conductDesignation),
      req("restrictions", "exactly what the restrictions are", UNREASONABLE),
      req("restriction-duration", "how long the restrictions last", UNREASONABLE),
      req("review-date", "when the restrictions will be reviewed", LEEDS.conductDesignation),
      ombudsmanDetails(body, LEEDS.conductReview),
    ],
    "conduct-review": [
      req("review-outcome", "whether the restrictions are lifted, changed or continued", LEEDS.conductReview),
      req("reasons", "the reasons for the review outcome", LEEDS.conductReview),
      ombudsmanDetails(body, LEEDS.conductReview),
    ],
  };
}

/**
 * The covering letter of our reply to an Ombudsman enquiry: which enquiry it answers, and that
 * the reply is enclosed with the Head of Service's approval (Southwark procedure, Ombudsman
 * enquiries: the HoS reviews the response before it is submitted).
 */
const OMBUDSMAN_REPLY = "Southwark procedure, Ombudsman enquiries: the response is reviewed by the Head of Service before submission";
const ombudsmanReply: ContentRequirement[] = [
  req("ombudsman-enquiry", "the Ombudsman's reference and the complaint the reply is about", OMBUDSMAN_REPLY),
  req("reply-approval", "that our reply is enclosed, and who approved it", OMBUDSMAN_REPLY),
];

function sharedLetters(body: NextBody): Partial<Record<LetterKind, ContentRequirement[]>> {
  return {
    "ombudsman-reply": ombudsmanReply,
    "information-request": [
      req("information-requested", "exactly what information we need", INFO_REQUEST),
      req("consequences-of-no-reply", "what happens if we do not get it", INFO_REQUEST),
      req("contact-details", "how to contact us", INFO_REQUEST),
    ],
    "holding-response": [
      req("apology", "an apology for the delay", LEEDS.holding),
      req("delay-reasons", "the reasons for the delay", LEEDS.holding),
      req("new-due-date", "the date the full response will be sent", LEEDS.holding),
    ],
    "wrongly-addressed": [
      req("reasons", "why the council cannot deal with this", LEEDS.wronglyAddressed),
      req("correct-organisation", "which organisation to contact instead and how", LEEDS.wronglyAddressed),
    ],
    "compliment-acknowledgement": [
      req("compliment-summary", "what the compliment was about", LEEDS.compliment),
      req("passed-to", "who we have passed the compliment to", LEEDS.compliment),
    ],
    "ombudsman-response": [
      req("ombudsman-decision", `what ${body.name} decided`, OMBUDSMAN_DECISION),
      req("remedies", "what the council will do to put things right", OMBUDSMAN_DECISION),
      req("outstanding-actions", "what is still to be done and by when", OMBUDSMAN_DECISION),
    ],
    "claim-referral": [
      req("reasons", "that the claim has gone to Legal Services, and what happens to the complaint", "Leeds policy paras 70–71: claims are decided by Legal Services on legal liability"),
    ],
    ...conductLetters(body),
  };
}

function refusalLetters(body: NextBody, source: string): Partial<Record<LetterKind, ContentRequirement[]>> {
  return {
    "not-a-complaint": [
      req("reasons", "why we are not treating this as a complaint", source),
      req("next-steps", "what we will do instead", DESIGN_NOT_A_COMPLAINT),
      ombudsmanDetails(body, source),
    ],
    excluded: [
      req("reasons", "why the complaint cannot be considered", source),
      req("alternative-route", "where the matter can be taken instead", DESIGN_EXCLUDED),
      ombudsmanDetails(body, source),
    ],
    "out-of-time": [
      req("reasons", "why the complaint is out of time", source),
      req("discretion-considered", "that we considered accepting it anyway, and why we did not", CODE.timeLimit),
      ombudsmanDetails(body, source),
    ],
  };
}

/** A stage's response under the complaint handling codes, ending with where the customer can go next. */
const codeResponse = (escalation: ContentRequirement): ContentRequirement[] => [
  req("stage", "which stage of the complaints procedure this is", CODE.response),
  decision(CODE.response),
  req("reasons", "the reasons for the decision", CODE.response),
  req("remedies", "what we will do to put things right", CODE.response),
  req("outstanding-actions", "anything still to be done, and by when", CODE.response),
  escalation,
];

/** The 2024 complaint handling codes, shared by the LGSCO code and the Housing Ombudsman code. */
function complaintHandlingCode(body: NextBody, finalSource: string): Partial<Record<LetterKind, ContentRequirement[]>> {
  return {
    ...sharedLetters(body),
    ...refusalLetters(body, CODE.refusal),
    acknowledgement: [
      req("date-received", "the date we received the complaint", SOUTHWARK.ack),
      req("complaint-summary", "our understanding of the complaint", CODE.ack),
      req("desired-outcome", "the outcome the customer wants", CODE.ack),
      req("response-due-date", "when the customer will get our response", SOUTHWARK.ack),
      req("handler", "who is dealing with the complaint", SOUTHWARK.ack),
      req("contact-details", "how to contact them", SOUTHWARK.ack),
      req("missing-information", "whether we need any more information, and what", SOUTHWARK.ack),
    ],
    "holding-response": [
      ...(sharedLetters(body)["holding-response"] ?? []),
      ombudsmanDetails(body, SOUTHWARK.holding),
    ],
    "extension-notice": [
      req("extension-reasons", "why we need more time", CODE.extensionReasons),
      req("new-due-date", "the new date for our response", CODE.extensionReasons),
      ombudsmanDetails(body, CODE.extensionOmbudsman),
    ],
    "stage-1-response": [
      req("complaint-definition", "the complaint as we defined it when we acknowledged it", CODE.stage1Definition),
      ...codeResponse(req("escalation-route", "how to ask for the complaint to go to Stage 2", CODE.response)),
    ],
    "escalation-acknowledgement": [
      req("date-received", "the date we received the request to escalate", SOUTHWARK.escalationAck),
      req("escalation-reasons", "why the customer is still unhappy, as we understand it", SOUTHWARK.escalationAck),
      req("desired-outcome", "the outcome the customer wants", SOUTHWARK.escalationAck),
      req("stage-1-resolution-offered", "what was offered at Stage 1", SOUTHWARK.escalationAck),
      req("response-due-date", "when the customer will get the Stage 2 response", SOUTHWARK.escalationAck),
      req("handler", "who is dealing with the Stage 2 complaint", SOUTHWARK.escalationAck),
      req("contact-details", "how to contact them", SOUTHWARK.escalationAck),
    ],
    "stage-2-response": [
      req("complaint-definition", "the complaint as we defined it", finalSource),
      ...codeResponse(ombudsmanDetails(body, finalSource)),
    ],
    "referral-back": [
      req("reasons", "why the complaint is going back to Stage 1", LANCASTER_REFERRAL),
      req("handler", "who will look at it again", LANCASTER_REFERRAL),
      req("response-due-date", "when the customer will hear from us", LANCASTER_REFERRAL),
    ],
  };
}

const ADULT = {
  ack: "SI 2009/309 reg 13: the acknowledgement offers to discuss how the complaint will be handled and when a response is likely",
  response: "SI 2009/309 reg 14: response signed by the responsible person and gives the right to complain to the LGSCO",
  refusal: "SI 2009/309 regs 8 and 12 with reg 14: a refusal gives reasons and the right to complain to the LGSCO",
  late: "SI 2009/309 reg 14(2): if the response will be late, the complainant is told why in writing",
  scope: "SI 2009/309: adult social care complaints have one local stage, then the LGSCO",
  timeLimit: "SI 2009/309 reg 12: a complaint over 12 months old can still be considered if there is good reason and a fair investigation is possible",
};
const CHILDREN = {
  ack: "SI 2006/1738 and Children Act 1989 s26A: children are told about advocacy when they make representations",
  stage1: "SI 2006/1738 regs 14–15: the stage 1 outcome is confirmed in writing with the right to ask for stage 2",
  stage2: "SI 2006/1738 reg 17–18: the stage 2 adjudication gives its conclusions and the right to ask for a review panel",
  extension: "SI 2006/1738 reg 17: a longer stage 2 gives the reason and the new date in writing",
  stage3: "SI 2006/1738 reg 20: the council's response to the panel gives reasons and the right to go to the LGSCO",
  refusal: "SI 2006/1738 reg 9 and the LGSCO's jurisdiction: a refusal gives reasons and the right to go to the LGSCO",
};
const FOI = {
  review: "FOI Act 2000 s50 / EIR 2004 reg 18: after the internal review the applicant may apply to the Information Commissioner",
  extension: "Leeds policy 63: where the review takes longer, the customer is told why and when",
  scope: "Leeds policy 61: an FOI/EIR complaint skips Stage 1 and is one internal review",
  timeLimit: "ICO: an internal review is asked for within 40 working days of the response",
};
const MEMBER = {
  response: "Lewisham procedure: MP, Mayor and councillor enquiries are answered within their own timescale",
};

const REQUIRED_CONTENT: Record<RegimeFamily, Partial<Record<LetterKind, ContentRequirement[]>>> = {
  "code-2024": {
    ...complaintHandlingCode(LGSCO, LEEDS.finalLgo),
    // A council may add an independent third stage (Lewisham's Independent Adjudicator); the LGSCO code allows it.
    "stage-3-response": codeResponse(ombudsmanDetails(LGSCO, LEEDS.finalLgo)),
  },
  housing: complaintHandlingCode(HOUSING_OMBUDSMAN, CODE.hosFinal),
  "adult-social-care": {
    ...sharedLetters(LGSCO),
    ...refusalLetters(LGSCO, ADULT.refusal),
    acknowledgement: [
      req("complaint-summary", "our understanding of the complaint", ADULT.ack),
      req("offer-to-discuss", "an offer to discuss how the complaint will be handled", ADULT.ack),
      req("response-due-date", "when the customer is likely to get our response", ADULT.ack),
      req("contact-details", "how to contact us", ADULT.ack),
    ],
    "extension-notice": [
      req("extension-reasons", "why our response will be later than agreed", ADULT.late),
      req("new-due-date", "when the customer will get our response", ADULT.late),
    ],
    "stage-1-response": [
      req("investigation", "how the complaint was considered", ADULT.response),
      decision(ADULT.response),
      req("reasons", "the conclusions we reached", ADULT.response),
      req("remedies", "any action to put things right", ADULT.response),
      req("outstanding-actions", "whether that action has been taken or is still to come", ADULT.response),
      ombudsmanDetails(LGSCO, ADULT.response),
      req("signed-by-responsible-person", "the signature of the responsible person", ADULT.response),
    ],
    "out-of-time": [
      req("reasons", "why the complaint is out of time", ADULT.timeLimit),
      req("discretion-considered", "whether there was good reason for the delay and a fair investigation is still possible", ADULT.timeLimit),
      ombudsmanDetails(LGSCO, ADULT.refusal),
    ],
  },
  "children-social-care": {
    ...sharedLetters(LGSCO),
    ...refusalLetters(LGSCO, CHILDREN.refusal),
    acknowledgement: [
      req("date-received", "the date we received the complaint", CHILDREN.stage1),
      req("complaint-summary", "our understanding of the complaint", CHILDREN.stage1),
      req("response-due-date", "when the customer will get our response", CHILDREN.stage1),
      req("handler", "who is dealing with the complaint", CHILDREN.stage1),
      req("contact-details", "how to contact them", CHILDREN.stage1),
      req("advocacy", "how a child can get help from an advocate", CHILDREN.ack),
    ],
    "extension-notice": [
      req("extension-reasons", "why we need more time", CHILDREN.extension),
      req("new-due-date", "the new date for our response", CHILDREN.extension),
    ],
    "stage-1-response": [
      decision(CHILDREN.stage1),
      req("reasons", "the reasons for the decision", CHILDREN.stage1),
      req("remedies", "what we will do to put things right", CHILDREN.stage1),
      req("escalation-route", "how to ask for a Stage 2 investigation, and by when", CHILDREN.stage1),
    ],
    "escalation-acknowledgement": [
      req("date-received", "the date we received the request for Stage 2", CHILDREN.stage2),
      req("escalation-reasons", "what the Stage 2 investigation will look at", CHILDREN.stage2),
      req("response-due-date", "when the customer will get the Stage 2 response", CHILDREN.stage2),
      req("handler", "who will investigate, and the Independent Person", CHILDREN.stage2),
      req("contact-details", "how to contact them", CHILDREN.stage2),
    ],
    "stage-2-response": [
      decision(CHILDREN.stage2),
      req("reasons", "the conclusions of the investigation", CHILDREN.stage2),
      req("remedies", "what we will do to put things right", CHILDREN.stage2),
      req("escalation-route", "how to ask for a review panel, and by when", CHILDREN.stage2),
    ],
    "stage-3-response": [
      decision(CHILDREN.stage3),
      req("reasons", "the reasons, including for any panel recommendation we will not follow", CHILDREN.stage3),
      req("remedies", "what we will do to put things right", CHILDREN.stage3),
      ombudsmanDetails(LGSCO, CHILDREN.stage3),
    ],
  },
  "foi-eir": {
    ...sharedLetters(ICO),
    ...conductLetters(LGSCO),
    ...refusalLetters(ICO, FOI.review),
    acknowledgement: [
      req("date-received", "the date we received the request for a review", FOI.scope),
      req("response-due-date", "when the customer will get the review outcome", FOI.extension),
      req("contact-details", "how to contact us", FOI.scope),
    ],
    "extension-notice": [
      req("extension-reasons", "why the review needs more time", FOI.extension),
      req("new-due-date", "the new date for the review outcome", FOI.extension),
    ],
    "out-of-time": [
      req("reasons", "why the request for a review is out of time", FOI.timeLimit),
      ombudsmanDetails(ICO, FOI.review),
    ],
    "foi-eir-review-outcome": [
      req("decision", "whether the original decision is upheld, changed or overturned", FOI.review),
      req("reasons", "the reasons for the review decision", FOI.review),
      ombudsmanDetails(ICO, LEEDS.foiIco),
    ],
  },
  "member-enquiry": {
    acknowledgement: [
      req("customer-named-for-representative", "the name and address of the constituent the enquiry is about", REPRESENTATIVE),
      req("enquiry-summary", "our understanding of the enquiry", MEMBER.response),
      req("response-due-date", "when the member will get our response", MEMBER.response),
      req("handler", "who is dealing with the enquiry", MEMBER.response),
    ],
    ...conductLetters(LGSCO),
    "holding-response": sharedLetters(LGSCO)["holding-response"] ?? [],
    "information-request": sharedLetters(LGSCO)["information-request"] ?? [],
    "wrongly-addressed": sharedLetters(LGSCO)["wrongly-addressed"] ?? [],
    "ombudsman-reply": ombudsmanReply,
    "member-enquiry-response": [
      req("customer-named-for-representative", "the name and address of the constituent the enquiry is about", REPRESENTATIVE),
      req("enquiry-summary", "our understanding of the enquiry", MEMBER.response),
      req("enquiry-response", "our answer to the enquiry", MEMBER.response),
      req("contact-details", "who to contact about it", MEMBER.response),
    ],
  },
};

const NOT_ISSUED_BECAUSE: Record<RegimeFamily, string> = {
  "code-2024": "The complaint handling code: member enquiries and FOI/EIR reviews have their own procedures",
  housing: "Housing Ombudsman Complaint Handling Code 2024: two stages only; member enquiries and FOI/EIR reviews have their own procedures",
  "foi-eir": FOI.scope,
  "adult-social-care": ADULT.scope,
  "children-social-care": "SI 2006/1738: three statutory stages, without referral back; member enquiries and FOI/EIR reviews have their own procedures",
  "member-enquiry": "Member enquiries are answered, not taken through complaint stages; dissatisfaction becomes a complaint under its own regime",
};

/** The checklist for one kind of letter under one regime, or undefined when that regime never sends it. */
export function requiredContent(kind: LetterKind, family: RegimeFamily): readonly ContentRequirement[] | undefined {
  return REQUIRED_CONTENT[family][kind];
}

function sectionText(model: LetterModel, element: LetterElement): string | undefined {
  const paragraphs = model.sections
    .filter((section) => section.element === element)
    .flatMap((section) => section.paragraphs)
    .filter((paragraph) => paragraph.trim() !== "");
  return paragraphs.length === 0 ? undefined : paragraphs.join("\n");
}

function isSatisfied(model: LetterModel, requirement: ContentRequirement): boolean {
  switch (requirement.element) {
    case "signed-by-responsible-person":
      return model.signOff.signedByResponsiblePerson;
    case "customer-named-for-representative":
      return model.onBehalfOf !== undefined && model.onBehalfOf.name.trim() !== "";
    default: {
      const text = sectionText(model, requirement.element);
      if (text === undefined) return false;
      if (!requirement.mentionsAnyOf || (model.language ?? "en") !== "en") return true;
      const lower = text.toLowerCase();
      return requirement.mentionsAnyOf.some((word) => lower.includes(word.toLowerCase()));
    }
  }
}

export interface ContentCheckOptions {
  /** Extra items from the council's own procedure (Leeds asks every acknowledgement for an apology). */
  councilRequirements?: Partial<Record<LetterKind, readonly ContentRequirement[]>>;
}

/** Everything the letter still lacks before it may be issued under the regime; empty when it is complete. */
export function checkRequiredContent(
  model: LetterModel,
  family: RegimeFamily,
  options: ContentCheckOptions = {},
): MissingContent[] {
  const checklist = requiredContent(model.kind, family);
  if (checklist === undefined) {
    return [
      {
        element: "letter-kind",
        description: `a ${LETTER_KIND_NAMES[model.kind]} is not sent under ${REGIME_FAMILY_NAMES[family]}`,
        source: NOT_ISSUED_BECAUSE[family],
      },
    ];
  }
  const all = [...checklist, ...(options.councilRequirements?.[model.kind] ?? [])];
  return all
    .filter((requirement) => !isSatisfied(model, requirement))
    .map(({ element, description, source }) => ({ element, description, source }));
}

export class LetterContentError extends DomainError {
  override readonly name = "LetterContentError";
  constructor(
    readonly kind: LetterKind,
    readonly family: RegimeFamily,
    readonly missing: readonly MissingContent[],
  ) {
    super(
      "LETTER_INCOMPLETE",
      missing.some((item) => item.element === "letter-kind")
        ? `This letter cannot be issued: ${missing.map((item) => item.description).join("; ")}.`
        : `This ${LETTER_KIND_NAMES[kind]} cannot be issued under ${REGIME_FAMILY_NAMES[family]} until it says:\n` +
            missing.map((item) => `- ${item.description} (${item.source})`).join("\n"),
    );
  }
}

/** Throws a LetterContentError listing every missing element; returns nothing when the letter may go. */
export function assertIssuable(model: LetterModel, family: RegimeFamily, options: ContentCheckOptions = {}): void {
  const missing = checkRequiredContent(model, family, options);
  if (missing.length > 0) throw new LetterContentError(model.kind, family, missing);
}
