import { resolveLetters, type LetterKind, type LetterRules } from "@complaints/core";
import type { CouncilLetterhead, LetterElement, LetterModel, LetterSection } from "./model.js";
import { requiredContent, type LetterRulesOf } from "./required-content.js";

/**
 * Realistic, complete letters for tests, previews and the benchmark. Not exported from the
 * package's public face: production letters come from case data, never from here.
 * Phone numbers are from Ofcom's range reserved for drama; the Ombudsmen's details are public.
 */

export const SAMPLE_COUNCIL: CouncilLetterhead = {
  name: "Example Borough Council",
  addressLines: ["Customer Resolution Team", "Civic Centre, 1 High Street", "Exampleton EX1 1AA"],
  phone: "020 7946 0000",
  email: "complaints@example.gov.uk",
  website: "www.example.gov.uk/complaints",
  otherFormats:
    "You can ask for this letter in large print, braille, audio or another language: call 020 7946 0000 or email complaints@example.gov.uk.",
};

/** How the sample letters reach each body the seed regimes name (their public details). */
const BODY_CONTACT: Record<string, string> = {
  "Local Government and Social Care Ombudsman": " The Ombudsman is free and independent. Visit www.lgo.org.uk or call 0300 061 0614.",
  "Housing Ombudsman": " The Ombudsman is free and independent. Visit www.housing-ombudsman.org.uk or call 0300 111 3000.",
  "Information Commissioner": " Visit ico.org.uk/make-a-complaint or call 0303 123 1113.",
};

/** Core's default checklists with the Housing Ombudsman next: the benchmark's and previews' typical letters. */
export const SAMPLE_LETTER_RULES: LetterRules = resolveLetters([], [], {
  id: "housing-ombudsman",
  name: "Housing Ombudsman",
  window: null,
  rule: "Housing Ombudsman Scheme 42",
});

const ELEMENT_TEXT: Record<LetterElement, string> = {
  apology: "I am sorry that we have not been able to give you a full reply by the date we promised.",
  "date-received": "We received your complaint on Monday 9 November 2026.",
  "complaint-summary":
    "You told us that the leak in the bathroom ceiling at your home, which you reported on 2 September 2026, has still not been repaired, and that water is now coming into your son’s bedroom.",
  "complaint-definition":
    "We defined your complaint as: the council did not repair a roof leak within its 28-day target, and did not keep you informed.",
  "desired-outcome": "You would like the roof repaired, the bedroom ceiling made good, and £150 for the damage to a carpet.",
  "response-due-date": "We will send you our full response by Monday 23 November 2026.",
  handler: "Sam Patel, Repairs Manager, is looking into your complaint.",
  "contact-details": "You can contact Sam on 020 7946 0123 or at repairs.complaints@example.gov.uk. Please quote our reference.",
  "missing-information":
    "We do not need anything else from you at the moment. If we do, Sam will call you first.",
  "information-requested":
    "Please send us a photograph of the damage to the carpet and a copy of the receipt, if you still have it.",
  "consequences-of-no-reply":
    "If we do not hear from you by Friday 4 December 2026, we will make our decision on the information we already have.",
  "offer-to-discuss":
    "We would like to talk with you about how we will look into your complaint and how long it is likely to take. Please call us to arrange a time that suits you.",
  advocacy:
    "If you are a young person, you can have an advocate to help you make your complaint. An advocate is someone who is on your side. Call 020 7946 0456 and we will arrange one for free.",
  stage: "This is our Stage 1 response to your complaint.",
  investigation:
    "Sam spoke to you on 12 November 2026, visited your home on 16 November, and checked our repair records and the contractor’s job notes.",
  decision: "We have partly upheld your complaint.",
  reasons:
    "The repair was booked but the contractor’s visit on 30 September was cancelled and not re-booked. That was our fault. We could not find that anyone promised to call you back, so we have not upheld that part.",
  remedies:
    "We apologise. The roof will be repaired on Thursday 26 November 2026 and the ceiling made good within 10 working days after that. We will pay you £150 for the carpet and £50 for your time and trouble.",
  "outstanding-actions":
    "The repair and the ceiling work are still to be done. Sam will call you after each visit to check that you are happy with the work.",
  "escalation-route":
    "If you are unhappy with this response, you can ask us to look at your complaint again at Stage 2. Please tell us within 28 days, by phone, email or letter. You do not have to give reasons.",
  "escalation-reasons": "You told us you are unhappy because the repair date we gave you was missed again.",
  "stage-1-resolution-offered": "At Stage 1 we offered a new repair date, an apology and £150 for the carpet.",
  "ombudsman-details": ombudsmanText("Local Government and Social Care Ombudsman", "stage-2-response"),
  "extension-reasons":
    "We need to inspect the roof with a specialist contractor, and the earliest appointment is on 1 December 2026.",
  "delay-reasons":
    "We are waiting for the roofing contractor’s report, which we need before we can decide what went wrong.",
  "new-due-date": "We will now send you our full response by Monday 7 December 2026.",
  "next-steps":
    "We have treated your message as a request for a repair. The repair has been booked for Thursday 26 November 2026, and you will get a text the day before.",
  "alternative-route":
    "Because you have started a claim in the county court, the court is the right place to decide this. You can still complain to us about anything the claim does not cover.",
  "discretion-considered":
    "We thought about whether we could still look into this. We decided we could not, because the events were more than 12 months ago and the staff and records involved are no longer available.",
  "correct-organisation":
    "Street lights on the A1 are looked after by National Highways. You can contact them at nationalhighways.co.uk or on 0300 123 5000.",
  "compliment-summary": "Thank you for telling us how helpful Jo Smith from our housing team was when you moved home.",
  "passed-to": "We have passed your kind words to Jo and to Jo’s manager.",
  "enquiry-summary":
    "You asked why your constituent’s housing benefit has not been paid since October 2026.",
  "enquiry-response":
    "We were waiting for a payslip. It arrived on 10 November 2026 and the payments due, £412.50, were made on 13 November 2026.",
  "behaviour-concerns":
    "Since 1 September 2026 you have phoned our offices more than 40 times about the same complaint, and on two of those calls staff were sworn at.",
  "expected-behaviour":
    "Please contact us only by email or letter about this complaint, and please do not use abusive language.",
  "warning-period": "We will look again at how you contact us on Monday 4 January 2027.",
  "right-to-comment":
    "Before we decide anything, you can tell us anything you would like us to take into account. Please write to us by Friday 18 December 2026.",
  restrictions:
    "From Monday 11 January 2027, please contact us about your complaint only by email to one named officer, Alex Brown. We will still deal with any new problem you report.",
  "restriction-duration": "This will last for six months.",
  "review-date": "We will review this arrangement by Monday 12 July 2027 and write to you with the outcome.",
  "review-outcome": "We have decided to lift the restrictions on how you contact us from Monday 12 July 2027.",
  "ombudsman-decision":
    "The Ombudsman found that we were at fault for the delay in repairing your roof and asked us to apologise and pay you £300.",
  "ombudsman-enquiry":
    "Your reference: 26 001 002. On Monday 1 June 2026 you asked for our response to the complaint of Mrs Amina Okafor (our reference EXC-2026-00123) by Monday 29 June 2026.",
  "reply-approval": "Our reply is enclosed. Jane Cooper, Head of Housing Services, approved it on Friday 26 June 2026.",
};

const STAGE_TEXT: Partial<Record<LetterKind, string>> = {
  "stage-2-response": "This is our Stage 2 response. It is our final response to your complaint.",
  "stage-3-response": "This is our Stage 3 response. It is our final response to your complaint.",
};

const SUBJECTS: Partial<Record<LetterKind, string>> = {
  acknowledgement: "Your complaint about a roof repair",
  "stage-1-response": "Our response to your complaint about a roof repair",
  "stage-2-response": "Our final response to your complaint about a roof repair",
  "member-enquiry-response": "Your enquiry about housing benefit",
};

/**
 * The Ombudsman paragraph as this kind of letter words it: an extension or a holding response
 * is sent while we carry on, so the resident may go to the Ombudsman if they do not accept it,
 * not "if still unhappy" (issue 15; decision 0104).
 */
function ombudsmanText(body: string, kind: LetterKind): string {
  const what = body === "Information Commissioner" ? "look at how we dealt with your request" : "look at your complaint";
  const text = `If you are still unhappy, you can ask the ${body} to ${what}.${BODY_CONTACT[body] ?? ""}`;
  if (kind !== "extension-notice" && kind !== "holding-response") return text;
  const reason = kind === "extension-notice" ? "you do not agree that we need this extra time" : "you are unhappy about the delay";
  return text.replace(/^If you are still unhappy, you can ask the (.+?) to [^.]+\./, `We are still looking into your complaint. If ${reason}, you can contact the $1.`);
}

/** The text for one element as these rules would word it (the body named is the one the checklist asks for). */
export function sampleSection(element: LetterElement, rules: LetterRulesOf, kind: LetterKind): LetterSection {
  if (element === "ombudsman-details") {
    const body = requiredContent(kind, rules)?.find((item) => item.element === "ombudsman-details")?.mentionsAnyOf?.[0] ?? "Local Government and Social Care Ombudsman";
    return { element, paragraphs: [ombudsmanText(body, kind)] };
  }
  if (element === "stage" && STAGE_TEXT[kind]) return { element, paragraphs: [STAGE_TEXT[kind]] };
  return { element, paragraphs: [ELEMENT_TEXT[element]] };
}

/** A letter carrying every element its regime requires, in the order the checklist lists them. */
export function sampleLetter(kind: LetterKind, rules: LetterRulesOf = SAMPLE_LETTER_RULES): LetterModel {
  const checklist = requiredContent(kind, rules) ?? [];
  const sections = checklist
    .map((item) => item.element)
    .filter((element): element is LetterElement => element !== "signed-by-responsible-person" && element !== "customer-named-for-representative")
    .filter((element): element is LetterElement => element in ELEMENT_TEXT || element === "ombudsman-details")
    .map((element) => sampleSection(element, rules, kind));
  const forMember = checklist.some((item) => item.element === "customer-named-for-representative");
  return {
    kind,
    language: "en",
    council: SAMPLE_COUNCIL,
    recipient: forMember
      ? { name: "Jane Example MP", address: { lines: ["House of Commons", "London"], postcode: "SW1A 0AA" } }
      : {
          name: "Ms Ada Lovelace",
          address: { lines: ["Flat 4, Rosewood Court", "12 Station Road", "Exampleton"], postcode: "EX2 4PQ" },
        },
    ...(forMember
      ? {
          onBehalfOf: {
            name: "Ms Ada Lovelace",
            address: { lines: ["Flat 4, Rosewood Court", "12 Station Road", "Exampleton"], postcode: "EX2 4PQ" },
          },
        }
      : {}),
    ourReference: "COMP-2026-004217",
    date: "2026-11-23",
    subject: SUBJECTS[kind] ?? "Your complaint about a roof repair",
    salutation: forMember ? "Dear Jane Example" : "Dear Ms Lovelace",
    sections,
    signOff: {
      name: "Sam Patel",
      jobTitle: "Repairs Manager",
      signedByResponsiblePerson: checklist.some((item) => item.element === "signed-by-responsible-person"),
    },
  };
}

/**
 * A typical two-page Stage 1 response: the required sections plus the investigation in detail,
 * the length most complaint responses run to.
 */
export function typicalStage1Response(): LetterModel {
  const base = sampleLetter("stage-1-response");
  const detail: LetterSection = {
    element: "investigation",
    heading: "What we found",
    paragraphs: [
      "Sam Patel, Repairs Manager, spoke to you on 12 November 2026 to make sure we understood your complaint. Sam visited your home on 16 November 2026 and saw the damage to the ceiling and the carpet.",
      "Our records show that you first reported the leak on 2 September 2026. The repair was given a 28-day target and booked with our contractor for 30 September 2026. The contractor cancelled that visit because the scaffolding company was not available. The job was not re-booked, and nobody told you.",
      "You called us on 14 October and 3 November 2026. Both times you were told that the job was open. Nobody checked why no visit had been booked. This should have happened, and it is the main reason for the delay.",
      "We have now changed how cancelled visits are handled: a cancelled job goes back to the repairs team the same day to be re-booked, and the tenant is told the new date.",
    ],
  };
  const [stage, ...rest] = base.sections;
  return {
    ...base,
    sections: [
      ...(stage ? [stage] : []),
      { element: "complaint-summary", heading: "Your complaint", paragraphs: [ELEMENT_TEXT["complaint-summary"], ELEMENT_TEXT["desired-outcome"]] },
      detail,
      ...rest.map((section) => ({ ...section, heading: HEADINGS[section.element] })),
    ],
    slots: {
      "before-signoff": [
        { id: "housing.repairs-line", text: "To report a new repair at any time, call 020 7946 0999 or use the repairs page on our website." },
      ],
    },
  };
}

const HEADINGS: Partial<Record<LetterElement, string>> = {
  decision: "Our decision",
  remedies: "Putting things right",
  "outstanding-actions": "What happens next",
  "escalation-route": "If you are still unhappy",
  "ombudsman-details": "The Housing Ombudsman",
};

/** A typical response with `extraParagraphs` more paragraphs of visit notes, for pagination tests (10 makes three pages). */
export function longLetter(extraParagraphs: number): LetterModel {
  const base = typicalStage1Response();
  const paragraphs = Array.from(
    { length: extraParagraphs },
    (_, index) =>
      `Visit ${index + 1}: our officer checked the roof space, the gutters and the bathroom ceiling, took photographs, and wrote down what needed to be done so that the contractor could bring the right materials and finish the job in one visit.`,
  );
  return {
    ...base,
    sections: [...base.sections, { element: "investigation", heading: "Visits to your home", paragraphs }],
  };
}
