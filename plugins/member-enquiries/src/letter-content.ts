import { LETTER_SOURCES, complaintHandlingCodeLetters, conductLetters, requirement as req, sharedLetters, type LettersSpec } from "@complaints/core";

const RESPONSE = "Lewisham procedure: MP, Mayor and councillor enquiries are answered within their own timescale";
const REPRESENTATIVE = "Data Protection Act 2018 Sch 1 para 24 (elected representatives): the reply names the constituent it is about";
const shared = sharedLetters();
const stage2 = complaintHandlingCodeLetters(LETTER_SOURCES.leeds.finalLgo);

/**
 * A member enquiry is answered, not taken through stages: the reply names the constituent it is
 * about. Letters about the constituent's conduct name the LGSCO (Leeds policy 56). A resident
 * still unhappy goes on to the council's Stage 2 (plugin.ts), whose letters are the complaint
 * handling code's: without them the Stage 2 letters could never be issued (found by the
 * conformance kit's letter check, issue 17).
 */
export const memberEnquiryLetters: LettersSpec = {
  procedure: "the member enquiry procedure",
  notSentBecause: "Member enquiries are answered, not taken through complaint stages; dissatisfaction becomes a complaint under its own regime",
  content: {
    acknowledgement: [
      req("customer-named-for-representative", "the name and address of the constituent the enquiry is about", REPRESENTATIVE),
      req("enquiry-summary", "our understanding of the enquiry", RESPONSE),
      req("response-due-date", "when the member will get our response", RESPONSE),
      req("handler", "who is dealing with the enquiry", RESPONSE),
    ],
    ...conductLetters({ name: "Local Government and Social Care Ombudsman" }),
    "holding-response": shared["holding-response"] ?? [],
    "information-request": shared["information-request"] ?? [],
    "wrongly-addressed": shared["wrongly-addressed"] ?? [],
    "ombudsman-reply": shared["ombudsman-reply"] ?? [],
    "escalation-acknowledgement": stage2["escalation-acknowledgement"] ?? [],
    "stage-2-response": stage2["stage-2-response"] ?? [],
    "member-enquiry-response": [
      req("customer-named-for-representative", "the name and address of the constituent the enquiry is about", REPRESENTATIVE),
      req("enquiry-summary", "our understanding of the enquiry", RESPONSE),
      req("enquiry-response", "our answer to the enquiry", RESPONSE),
      req("contact-details", "who to contact about it", RESPONSE),
    ],
  },
};
