import {
  createServicePlugin,
  type Effect,
  type LetterParagraph,
  type ReportContribution,
  type StageRules,
} from "@complaints/core";

export const ADJUDICATOR_RULES = {
  stage:
    "Lewisham annual complaints report 2009/10 paras 5.1 and 6.1: Stage 3 is decided by the Independent Adjudicator on behalf of the council, after Stage 2",
  respond:
    "Lewisham annual complaints report 2009/10 paras 1.2, 5.1 and 6.2: Stage 3 – 30 days by the Independent Adjudicator (the 30-day response standard)",
  escalation:
    "Lewisham para 5.1: a complainant still dissatisfied after Stage 2 may ask for Stage 3, the Independent Adjudicator",
  independent:
    "Lewisham para 6.1: the Independent Adjudicator is independent of the officers who handled Stages 1 and 2",
  followUp:
    "Lewisham paras 6.6–6.7: every recommendation has a named officer responsible for following it through, and its progress is monitored until it is done",
  report:
    "Lewisham paras 6.2–6.3: the Independent Adjudicator's annual report: cases by directorate and partner, upheld in full or part, within the 30-day standard, compensation by band",
} as const;

export const STAGE_ID = "stage-3";

const adjudication: StageRules = {
  id: STAGE_ID,
  label: "Stage 3: Independent Adjudicator",
  acknowledge: null,
  respond: {
    period: { workingDays: 30 },
    from: "escalation-request",
    rule: ADJUDICATOR_RULES.respond,
  },
  responsePeriodAgreeable: false,
  target: null,
  extension: null,
  holdingInterval: null,
  escalation: null,
  referBackTo: null,
  handler: { independentOf: ["stage-1", "stage-2"], rule: ADJUDICATOR_RULES.independent },
  signedByResponsiblePerson: false,
  acknowledgementLetter: "escalation-acknowledgement",
  responseLetter: "stage-3-response",
};

export const aboutTheAdjudicator: LetterParagraph = {
  id: "independent-adjudicator.about",
  letters: ["escalation-acknowledgement"],
  slot: "body-end",
  render: ({ stageId }) =>
    stageId === STAGE_ID
      ? "Your complaint will now be considered by the Independent Adjudicator, who does not work for the service you complained about. The Independent Adjudicator aims to reply within 30 working days."
      : null,
};

export const afterTheAdjudicator: LetterParagraph = {
  id: "independent-adjudicator.next-body",
  letters: ["stage-3-response"],
  slot: "body-end",
  render: ({ rules }) =>
    `This is the council's final response. If you are still unhappy, you can ask the ${rules.regime.nextBody.name} to look at your complaint.`,
};

export const adjudicatorReport: ReportContribution = {
  id: "independent-adjudicator.annual-report",
  title: "Independent Adjudicator: the annual report",
  source: ADJUDICATOR_RULES.report,
  measures: [
    {
      id: "cases",
      label: "Cases by directorate and partner",
      definition:
        "Stage 3 cases decided in the year by directorate or partner organisation, with withdrawn cases in brackets.",
    },
    {
      id: "upheld",
      label: "Upheld in full or in part",
      definition: "Stage 3 responses upheld or partly upheld, as a share of those decided.",
    },
    {
      id: "in-standard",
      label: "Within the 30-day standard (%)",
      definition: "Stage 3 responses sent by their due date (30 working days from the request).",
    },
    {
      id: "compensation",
      label: "Compensation awarded, by band",
      definition:
        "Financial remedies at Stage 3: up to and including £100, £101–£500, more than £500; the number and the total paid.",
    },
    {
      id: "recommendations",
      label: "Recommendations followed through",
      definition: "Stage 3 remedies completed by their due date, and any still open.",
    },
  ],
};

/**
 * A third stage after Stage 2 (Lewisham): the Independent Adjudicator, with a 30-day
 * standard, its own outcome and compensation, and recommendations that each have an owner and
 * a due date and are followed through. An add-on: it claims nothing and extends whichever
 * regime governs the service's complaints.
 */
export const independentAdjudicatorServicePlugin = createServicePlugin({
  id: "independent-adjudicator",
  name: "Independent Adjudicator (Stage 3)",
  version: "0.1.0",
  register(r) {
    // Complaints, and members' complaints that go on to Stage 2; never FOI/EIR reviews or statutory regimes' own kinds.
    r.appliesToKinds("complaint", "member-enquiry");
    r.addStage(adjudication, { after: "stage-2" });
    r.setEscalation("stage-2", {
      to: STAGE_ID,
      window: null,
      lateAllowedWithDiscretion: true,
      rule: ADJUDICATOR_RULES.escalation,
    });

    // Recommendations are followed through: each has an owner and a due date.
    r.onTransition({
      order: "pre",
      commands: ["respond"],
      handler({ command, state }) {
        if (command.type !== "respond" || state?.stages.at(-1)?.stageId !== STAGE_ID) return;
        const loose = (command.remedies ?? []).filter((rem) => !rem.ownerId || !rem.dueOn);
        if (loose.length) {
          return {
            refuse: {
              message: `Give every recommendation an owner and a due date so it can be followed up: ${loose.map((rem) => `"${rem.description}"`).join(", ")}`,
              rule: ADJUDICATOR_RULES.followUp,
            },
          };
        }
      },
    });

    r.onTransition({
      order: "post",
      commands: ["respond"],
      handler({ next }) {
        const stage = next?.stages.at(-1);
        if (!next || stage?.stageId !== STAGE_ID || !stage.response) return;
        const effects: Effect[] = stage.response.remedies.map((rem) => ({
          type: "notify",
          party: `officer:${rem.ownerId}`,
          reason: `Carry out the Independent Adjudicator's recommendation on ${next.reference} by ${rem.dueOn}: ${rem.description}`,
        }));
        return { effects };
      },
    });

    r.addLetterParagraphs(aboutTheAdjudicator, afterTheAdjudicator);
    r.addReport(adjudicatorReport);
  },
});
