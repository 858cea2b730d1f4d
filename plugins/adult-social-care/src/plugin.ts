import {
  createServicePlugin,
  type LetterParagraph,
  type ReportContribution,
  type TransitionVerdict,
} from "@complaints/core";
import { z } from "zod";
import { adultSocialCareLetters } from "./letter-content.js";

/** SI 2009/309, the Local Authority Social Services and NHS Complaints (England) Regulations 2009 (docs/rules.md §3). */
export const SI = "SI 2009/309";

export const ASC_RULES = {
  oneStage: `${SI} (regs 13–14): one local stage; after the council's response the complainant may go to the Local Government and Social Care Ombudsman`,
  acknowledge: `${SI} reg 13: acknowledge no later than 3 working days after the day of receipt, offering to discuss how the complaint will be handled`,
  offerToDiscuss: `${SI} reg 13: the acknowledgement offers to discuss the handling of the complaint and when the response is likely to be sent`,
  respond: `${SI} reg 14: respond within the relevant period, 6 months from receipt, or a longer period agreed with the complainant before it ends`,
  signed: `${SI} reg 14: the response is signed by the responsible person`,
  timeLimit: `${SI} reg 12: a complaint is made within 12 months of the matter, or of the complainant knowing of it, unless there is good reason and it can still be investigated fairly`,
  nextBody: `${SI} reg 14: the response tells the complainant of the right to complain to the Local Government and Social Care Ombudsman`,
  nextBodyWindow:
    "Local Government Act 1974 s26B: the Ombudsman normally expects a complaint within 12 months",
  calendar: `${SI} reg 2: a working day is not a weekend, Christmas Day, Good Friday or an England and Wales bank holiday`,
  records: `${SI} regs 17–18: a record of each complaint, its outcome and whether the agreed period was met; an annual report`,
  label: `${SI}: local resolution`,
} as const;

export const adultSocialCareIntake = {
  /** The social care record or assessment the complaint is about. */
  socialCareReference: z.string().trim().min(1).max(40).optional(),
  /** A contracted-out provider whose care the complaint is about (reg 6(1A)). */
  provider: z.string().trim().min(1).max(120).optional(),
};

const refuse = (message: string, rule: string): TransitionVerdict => ({
  refuse: { message, rule },
});

export const offerToDiscussParagraph: LetterParagraph = {
  id: "adult-social-care.offer-to-discuss",
  letters: ["acknowledgement"],
  slot: "body-end",
  render: () =>
    "We would like to talk with you about how we will look into your complaint, and agree with you when you can expect our full response. Please call us or reply to this letter to arrange this.",
};

export const annualReport: ReportContribution = {
  id: "adult-social-care.annual-report",
  title: "Adult social care complaints: the annual report",
  source: ASC_RULES.records,
  measures: [
    {
      id: "received",
      label: "Complaints received",
      definition: "Complaints under the 2009 regulations received in the year.",
    },
    {
      id: "well-founded",
      label: "Complaints found to be well founded",
      definition: "Responses upheld or partly upheld.",
    },
    {
      id: "period-met",
      label: "Responses within the agreed period (%)",
      definition:
        "Responses sent within 6 months of receipt, or within the longer period agreed with the complainant.",
    },
    {
      id: "ombudsman",
      label: "Referred to the Ombudsman",
      definition:
        "Complaints the Local Government and Social Care Ombudsman told the council it was looking at.",
    },
  ],
};

/**
 * Adult social care complaints under SI 2009/309: one local stage; acknowledge within 3 working
 * days with an offer to discuss; a response period agreed with the complainant (6 months from
 * receipt unless a longer period is agreed before it runs out); the response signed by the
 * responsible person; then the LGSCO.
 */
export const adultSocialCareServicePlugin = createServicePlugin({
  id: "adult-social-care",
  name: "Adult social care complaints (SI 2009/309)",
  version: "0.1.0",
  register(r) {
    r.claimService();
    r.setRegimeIdentity({
      id: "adult-social-care-2009",
      label: "Adult social care complaints (SI 2009/309)",
      family: "adult-social-care",
    });
    r.skipStage("stage-2", ASC_RULES.oneStage);
    r.setStageOption(
      "stage-1",
      {
        label: "Local resolution (SI 2009/309)",
        responsePeriodAgreeable: true,
        signedByResponsiblePerson: true,
      },
      ASC_RULES.respond,
    );
    r.setTimescale("stage-1", "acknowledge", {
      period: { workingDays: 3 },
      from: "receipt",
      rule: ASC_RULES.acknowledge,
    });
    r.setTimescale("stage-1", "respond", {
      period: { calendarMonths: 6 },
      from: "receipt",
      rule: ASC_RULES.respond,
    });
    // The period is agreed with the complainant, not extended by the council.
    r.setExtension("stage-1", null);
    r.setStatutoryMaximum("stage-1", "acknowledge", { workingDays: 3 }, ASC_RULES.acknowledge);
    r.setStatutoryMaximum("stage-1", "respond", { calendarMonths: 6 }, ASC_RULES.respond);
    r.setCalendar(["england-and-wales"], ASC_RULES.calendar);
    r.setTimeLimit({ calendarMonths: 12, rule: ASC_RULES.timeLimit });
    r.setNextBody({
      id: "lgsco",
      name: "Local Government and Social Care Ombudsman",
      window: { period: { calendarMonths: 12 }, from: "response", rule: ASC_RULES.nextBodyWindow },
      rule: ASC_RULES.nextBody,
    });
    r.extendIntake(adultSocialCareIntake);

    r.onTransition({
      order: "pre",
      commands: ["acknowledge"],
      handler({ command }) {
        if (command.type === "acknowledge" && command.offerToDiscuss !== true) {
          return refuse(
            "The acknowledgement must offer to discuss how the complaint will be handled and when the response will come (offerToDiscuss)",
            ASC_RULES.offerToDiscuss,
          );
        }
      },
    });

    // The right to go to the LGSCO is the letter's own Ombudsman section (packages/letters), not a second paragraph here (issue 15).
    r.addLetterParagraphs(offerToDiscussParagraph);
    r.setLetters(adultSocialCareLetters, "SI 2009/309 regs 13–14");
    r.addReport(annualReport);
  },
});
