import {
  createServicePlugin,
  type LetterParagraph,
  type ReportContribution,
  type TransitionVerdict,
} from "@complaints/core";
import { z } from "zod";
import { memberEnquiryLetters } from "./letter-content.js";

export const MEMBER_RULES = {
  kind: "Lewisham annual complaints report 2009/10 para 5.1–5.2: MP, Mayor and councillor enquiries and complaints are a category of their own, answered by a Head of Service or Executive Director and reported separately",
  timescales:
    "Leeds policy para 34: complaints through an elected member or MP follow the normal policies and timescales (Lewisham para 5.1: 10 days, the same as its Stage 1)",
  member:
    "Lewisham para 5.1, Leeds para 34: a member enquiry comes from an MP, a councillor or the Mayor",
  reply:
    "Leeds policy para 34: the response goes to the member unless the member asks the council to reply to the customer directly",
  consent:
    "Leeds policy para 34; Data Protection Act 2018 Sch 1 para 24: an elected member acting for a constituent needs no separate consent for the investigation",
  monitoring:
    "Leeds policy para 34: member complaints are monitored and reported; Lewisham para 5.2: by directorate and member type, with the share in time",
} as const;

const MEMBER_ROLES = ["mp", "councillor", "mayor"] as const;

export const memberEnquiryIntake = {
  /** Lewisham counts members' enquiries and complaints together but reports both. */
  enquiryType: z.enum(["enquiry", "complaint"]).optional(),
  /** The ward or constituency the member represents. */
  memberArea: z.string().trim().min(1).max(120).optional(),
};

const refuse = (message: string, rule: string): TransitionVerdict => ({
  refuse: { message, rule },
});

export const constituentParagraph: LetterParagraph = {
  id: "member-enquiries.constituent",
  letters: ["acknowledgement", "member-enquiry-response", "stage-2-response"],
  slot: "opening",
  render({ state }) {
    const rep = state.representative;
    if (
      !rep ||
      rep.replyTo !== "representative" ||
      !(MEMBER_ROLES as readonly string[]).includes(rep.role)
    )
      return null;
    return state.customer
      ? `Thank you for contacting us on behalf of ${state.customer.name}.`
      : "Thank you for contacting us on behalf of your constituent.";
  },
};

export const monitoring: ReportContribution = {
  id: "member-enquiries.monitoring",
  title: "Enquiries and complaints from MPs, the Mayor and councillors",
  source: MEMBER_RULES.monitoring,
  measures: [
    {
      id: "by-member-type",
      label: "Received, by member type",
      definition:
        "Member enquiry cases received in the year by directorate and the representative's role (MP, Mayor, councillor), with last year's figure beside each.",
    },
    {
      id: "in-time",
      label: "Answered within the standard (%)",
      definition:
        "Member enquiries answered by their response due date, by directorate and member type.",
    },
    {
      id: "escalated",
      label: "Continued at Stage 2",
      definition: "Member enquiries the resident took on to Stage 2.",
    },
  ],
};

/**
 * Enquiries and complaints from MPs, councillors and the Mayor (Lewisham report 5.1–5.2, Leeds
 * policy para 34): their own case kind, answered to the member unless the member asks
 * otherwise, no separate consent when the member acts for the resident, the council's own
 * Stage 1 timescales (Lewisham: 10 days; Leeds: normal timescales), monitored separately. A
 * resident still unhappy goes on to the council's Stage 2.
 */
export const memberEnquiriesServicePlugin = createServicePlugin({
  id: "member-enquiries",
  name: "Member enquiries (MPs, councillors and the Mayor)",
  version: "0.1.0",
  register(r) {
    r.claimKinds("member-enquiry");
    r.setRegimeIdentity({
      id: "member-enquiry",
      label: "Member enquiries (MPs, councillors and the Mayor)",
      family: "member-enquiry",
    });
    r.setStageOption(
      "stage-1",
      { label: "Member enquiry", responseLetter: "member-enquiry-response" },
      MEMBER_RULES.kind,
    );
    r.extendIntake(memberEnquiryIntake);

    r.onTransition({
      order: "pre",
      commands: ["log"],
      handler({ command }) {
        if (command.type !== "log") return;
        const rep = command.representative;
        if (!rep || !(MEMBER_ROLES as readonly string[]).includes(rep.role)) {
          return refuse(
            `A member enquiry comes from an MP, a councillor or the Mayor: record them as the representative${rep ? ` (${rep.name} is recorded as ${rep.role})` : ""}, or log it as a complaint`,
            MEMBER_RULES.member,
          );
        }
      },
    });

    r.addLetterParagraphs(constituentParagraph);
    r.setLetters(memberEnquiryLetters, "Lewisham procedure: member enquiries");
    r.addReport(monitoring);
  },
});
