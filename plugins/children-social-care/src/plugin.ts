import {
  createServicePlugin,
  type LetterParagraph,
  type ReportContribution,
  type StageRules,
  type TransitionHookArgs,
  type TransitionVerdict,
} from "@complaints/core";
import { z } from "zod";
import { childrenSocialCareLetters } from "./letter-content.js";

/** SI 2006/1738, the Children Act 1989 Representations Procedure (England) Regulations 2006 (docs/rules.md §4). */
export const SI = "SI 2006/1738";

export const CHILDREN_RULES = {
  stage1: `${SI} regs 14–15: Stage 1 (local resolution) within 10 working days of receipt, the outcome confirmed in writing`,
  stage1Extension: `${SI} reg 14: Stage 1 may be extended to 20 working days at most where the complaint is complex or an advocate is needed`,
  stage1Label: `${SI} reg 14: local resolution`,
  toStage2: `${SI} reg 16 and statutory guidance: Stage 2 is asked for within 20 working days of the Stage 1 response`,
  stage2: `${SI} reg 17: Stage 2 response within 25 working days of the agreed statement of complaint`,
  stage2Extension: `${SI} reg 17: Stage 2 may be extended to 65 working days at most, the complainant told the reason and the new date in writing`,
  stage2Handler: `${SI} reg 17: Stage 2 is a fresh investigation by an Investigating Officer, not the officer who handled Stage 1`,
  stage2Participants: `${SI} reg 17: an Investigating Officer and an Independent Person consider the complaint at Stage 2`,
  adjudication: `${SI} reg 17: a senior manager adjudicates on the Stage 2 report and sends the response`,
  independentPerson: `${SI} reg 2: the Independent Person is neither a member nor an officer of the council, nor the spouse or civil partner of one`,
  toStage3: `${SI} reg 18: a review panel is asked for within 20 working days of the Stage 2 response`,
  panelMeets: `${SI} reg 19: the review panel meets within 30 working days of the request`,
  panelReport: `${SI} regs 19–20: the panel's report, with its recommendations, within 5 working days of the panel meeting`,
  councilResponseTime: `${SI} reg 20: the council responds within 15 working days of receiving the panel's report`,
  panel: `${SI} reg 19: the panel is three independent people, one of them the chair, none of them the Stage 2 Independent Person`,
  councilResponse: `${SI} reg 20: the council's response to the panel (the Director) gives reasons for any recommendation not followed and the right to go to the LGSCO`,
  advocacy:
    "Children Act 1989 s26A: a child making or wishing to make a complaint is told about advocacy and helped to get an advocate",
  timeLimit: `${SI} reg 9: a complaint is made within one year of the grounds arising, unless it is not reasonable to expect that or it can still be considered fairly`,
  calendar: `${SI} reg 2: a working day is not a weekend, Christmas Day, Boxing Day, Good Friday or a bank holiday (England and Wales)`,
  nextBody: `${SI} reg 20: the council's final response gives the right to complain to the Local Government and Social Care Ombudsman, who expects statutory complaints to have completed all three stages`,
  nextBodyWindow:
    "Local Government Act 1974 s26B: the Ombudsman normally expects a complaint within 12 months",
  report: `${SI} reg 13: the complaints manager reports annually on representations received`,
} as const;

export const PARTICIPANT = {
  investigatingOfficer: "investigating-officer",
  independentPerson: "independent-person",
  panelChair: "panel-chair",
  panelMember: "panel-member",
} as const;

export const ADVOCACY_PARTY = "advocacy-service";

export const childrenIntake = {
  /** The complainant is the child or young person (advocacy must be offered, s26A). */
  complainantIsChild: z.boolean().optional(),
  /** The advocate helping the child, once there is one. */
  advocate: z.string().trim().min(1).max(120).optional(),
  /** The social care record the complaint is about. */
  socialCareReference: z.string().trim().min(1).max(40).optional(),
};

type Intake = { [K in keyof typeof childrenIntake]?: z.infer<(typeof childrenIntake)[K]> };
const refuse = (message: string, rule: string): TransitionVerdict => ({
  refuse: { message, rule },
});
const currentStageId = (args: TransitionHookArgs) => args.state?.stages.at(-1)?.stageId ?? null;
const participants = (args: TransitionHookArgs) => args.state?.stages.at(-1)?.participants ?? [];

const reviewPanel: StageRules = {
  id: "stage-3",
  label: "Stage 3: review panel",
  acknowledge: null,
  // The council's response counts from the panel's report (milestones below): 15 working days.
  respond: {
    period: { workingDays: 15 },
    from: "milestone:panel-report",
    rule: CHILDREN_RULES.councilResponseTime,
  },
  responsePeriodAgreeable: false,
  target: null,
  extension: null,
  holdingInterval: null,
  escalation: null,
  referBackTo: null,
  handler: null,
  signedByResponsiblePerson: false,
  acknowledgementLetter: "escalation-acknowledgement",
  responseLetter: "stage-3-response",
};

/** Milestones of the review panel, recorded with `record-milestone` as they happen. */
export const PANEL_MILESTONES = { meeting: "panel-meeting", report: "panel-report" } as const;

export const advocacyParagraph: LetterParagraph = {
  id: "children-social-care.advocacy",
  letters: [
    "acknowledgement",
    "escalation-acknowledgement",
    "stage-1-response",
    "stage-2-response",
  ],
  slot: "body-end",
  render({ state }) {
    if (state.intake["complainantIsChild"] !== true) return null;
    return "You can have an advocate to help you with your complaint. An advocate is someone who is on your side, helps you say what you want to say and does not work for children's social care. It is free. Tell us if you would like one and we will arrange it.";
  },
};

export const annualReport: ReportContribution = {
  id: "children-social-care.annual-report",
  title: "Children's social care representations: the annual report",
  source: CHILDREN_RULES.report,
  measures: [
    {
      id: "by-stage",
      label: "Complaints by stage",
      definition: "Representations received at Stage 1, Stage 2 and Stage 3 in the year.",
    },
    {
      id: "in-time",
      label: "Within the statutory timescales (%)",
      definition:
        "Stage 1 within 10 (or 20) working days, Stage 2 within 25 (or 65) working days of the agreed statement, panels within 30 working days of the request.",
    },
    {
      id: "children",
      label: "Complaints made by children and young people",
      definition: "Cases where the complainant is the child, and how many had an advocate.",
    },
  ],
};

/**
 * Children's social care complaints under SI 2006/1738: Stage 1 local resolution (10 WD, up
 * to 20); Stage 2 investigation by an Investigating Officer with an Independent Person (25 WD
 * from the agreed statement, up to 65); Stage 3 review panel (meets within 30 WD of the
 * request, reports within 5, council response within 15); 20 WD to ask for the next stage;
 * advocacy offered to children; then the LGSCO.
 */
export const childrenSocialCareServicePlugin = createServicePlugin({
  id: "children-social-care",
  name: "Children's social care representations (SI 2006/1738)",
  version: "0.1.0",
  register(r) {
    r.claimService();
    r.setRegimeIdentity({
      id: "children-social-care-2006",
      label: "Children's social care representations (SI 2006/1738)",
      family: "children-social-care",
    });
    r.setCalendar(["england-and-wales"], CHILDREN_RULES.calendar);
    r.setTimeLimit({ calendarMonths: 12, rule: CHILDREN_RULES.timeLimit });

    // Stage 1: the regulations set no acknowledgement period; the clock runs from receipt.
    r.setStageOption("stage-1", { label: "Stage 1: local resolution" }, CHILDREN_RULES.stage1Label);
    r.setTimescale("stage-1", "acknowledge", null);
    r.setTimescale("stage-1", "respond", {
      period: { workingDays: 10 },
      from: "receipt",
      rule: CHILDREN_RULES.stage1,
    });
    r.setExtension("stage-1", {
      maxWorkingDays: 10,
      ombudsmanDetailsRequired: false,
      rule: CHILDREN_RULES.stage1Extension,
    });
    r.setEscalation("stage-1", {
      to: "stage-2",
      window: { period: { workingDays: 20 }, from: "response", rule: CHILDREN_RULES.toStage2 },
      lateAllowedWithDiscretion: true,
      rule: CHILDREN_RULES.toStage2,
    });
    r.setStatutoryMaximum("stage-1", "respond", { workingDays: 10 }, CHILDREN_RULES.stage1);
    r.setStatutoryMaximum(
      "stage-1",
      "extension",
      { workingDays: 10 },
      CHILDREN_RULES.stage1Extension,
    );

    // Stage 2: investigation, clock from the agreed statement of complaint.
    r.setStageOption("stage-2", { label: "Stage 2: investigation" }, CHILDREN_RULES.stage2);
    r.setTimescale("stage-2", "acknowledge", null);
    r.setTimescale("stage-2", "respond", {
      period: { workingDays: 25 },
      from: "agreed-statement",
      rule: CHILDREN_RULES.stage2,
    });
    r.setExtension("stage-2", {
      maxWorkingDays: 40,
      ombudsmanDetailsRequired: false,
      rule: CHILDREN_RULES.stage2Extension,
    });
    r.setHandlerRule("stage-2", { independentOf: ["stage-1"], rule: CHILDREN_RULES.stage2Handler });
    r.setStatutoryMaximum("stage-2", "respond", { workingDays: 25 }, CHILDREN_RULES.stage2);
    r.setStatutoryMaximum(
      "stage-2",
      "extension",
      { workingDays: 40 },
      CHILDREN_RULES.stage2Extension,
    );
    r.requireRoles("respond", ["head-of-service", "director"], {
      stageId: "stage-2",
      rule: CHILDREN_RULES.adjudication,
    });

    // Stage 3: the review panel.
    r.addStage(reviewPanel, { after: "stage-2" });
    r.setEscalation("stage-2", {
      to: "stage-3",
      window: { period: { workingDays: 20 }, from: "response", rule: CHILDREN_RULES.toStage3 },
      lateAllowedWithDiscretion: true,
      rule: CHILDREN_RULES.toStage3,
    });
    r.addMilestone("stage-3", {
      id: PANEL_MILESTONES.meeting,
      label: "Review panel meets",
      period: { workingDays: 30 },
      from: "panel-request",
      rule: CHILDREN_RULES.panelMeets,
    });
    r.addMilestone("stage-3", {
      id: PANEL_MILESTONES.report,
      label: "Panel report sent",
      period: { workingDays: 5 },
      from: `milestone:${PANEL_MILESTONES.meeting}`,
      rule: CHILDREN_RULES.panelReport,
    });
    r.setStatutoryMaximum(
      "stage-3",
      "respond",
      { workingDays: 15 },
      CHILDREN_RULES.councilResponseTime,
    );
    r.requireRoles("respond", ["director"], {
      stageId: "stage-3",
      rule: CHILDREN_RULES.councilResponse,
    });

    r.setNextBody({
      id: "lgsco",
      name: "Local Government and Social Care Ombudsman",
      window: {
        period: { calendarMonths: 12 },
        from: "response",
        rule: CHILDREN_RULES.nextBodyWindow,
      },
      rule: CHILDREN_RULES.nextBody,
    });
    r.extendIntake(childrenIntake);

    // The Independent Person and panel members are independent of the council.
    r.onTransition({
      order: "pre",
      commands: ["add-participant"],
      handler(args) {
        const { command } = args;
        if (command.type !== "add-participant") return;
        const independentRole =
          command.role === PARTICIPANT.independentPerson ||
          command.role === PARTICIPANT.panelChair ||
          command.role === PARTICIPANT.panelMember;
        if (independentRole && command.isCouncilOfficerOrMember !== false) {
          return refuse(
            `${command.name} cannot be ${command.role === PARTICIPANT.independentPerson ? "the Independent Person" : "on the review panel"} unless it is confirmed they are not a member or officer of the council, nor the spouse or civil partner of one (isCouncilOfficerOrMember: false)`,
            command.role === PARTICIPANT.independentPerson
              ? CHILDREN_RULES.independentPerson
              : CHILDREN_RULES.panel,
          );
        }
        if (command.role === PARTICIPANT.independentPerson && currentStageId(args) !== "stage-2") {
          return refuse(
            "The Independent Person takes part in the Stage 2 investigation",
            CHILDREN_RULES.stage2Participants,
          );
        }
        if (command.role === PARTICIPANT.panelChair || command.role === PARTICIPANT.panelMember) {
          if (currentStageId(args) !== "stage-3")
            return refuse(
              "Panel members are appointed for the Stage 3 review panel",
              CHILDREN_RULES.panel,
            );
          const stage2People =
            args.state?.stages
              .filter((s) => s.stageId === "stage-2")
              .flatMap((s) =>
                s.participants.filter((p) => p.role === PARTICIPANT.independentPerson),
              ) ?? [];
          const same = stage2People.find(
            (p) =>
              (command.participantId && p.id === command.participantId) ||
              p.name.trim().toLowerCase() === command.name.trim().toLowerCase(),
          );
          if (same)
            return refuse(
              `${command.name} was the Stage 2 Independent Person, so cannot sit on the review panel`,
              CHILDREN_RULES.panel,
            );
          const panel = participants(args).filter(
            (p) => p.role === PARTICIPANT.panelChair || p.role === PARTICIPANT.panelMember,
          );
          if (panel.length >= 3)
            return refuse("The review panel already has three people", CHILDREN_RULES.panel);
          if (
            command.role === PARTICIPANT.panelChair &&
            panel.some((p) => p.role === PARTICIPANT.panelChair)
          )
            return refuse("The review panel already has a chair", CHILDREN_RULES.panel);
        }
      },
    });

    // Stage 2 needs its Investigating Officer and Independent Person; Stage 3 its panel of three.
    r.onTransition({
      order: "pre",
      commands: ["respond"],
      handler(args) {
        const stageId = currentStageId(args);
        const roles = participants(args).map((p) => p.role);
        if (stageId === "stage-2") {
          const missing = [
            roles.includes(PARTICIPANT.investigatingOfficer) ? null : "an Investigating Officer",
            roles.includes(PARTICIPANT.independentPerson) ? null : "an Independent Person",
          ].filter((x): x is string => x !== null);
          if (missing.length)
            return refuse(
              `Stage 2 cannot be answered without ${missing.join(" and ")}`,
              CHILDREN_RULES.stage2Participants,
            );
        }
        if (stageId === "stage-3") {
          const chairs = roles.filter((r) => r === PARTICIPANT.panelChair).length;
          const members = roles.filter((r) => r === PARTICIPANT.panelMember).length;
          if (chairs !== 1 || chairs + members !== 3) {
            return refuse(
              `The council responds after a review panel of three independent people with a chair; the panel has ${chairs + members} with ${chairs} chair`,
              CHILDREN_RULES.panel,
            );
          }
          if (!args.state?.stages.at(-1)?.milestones?.[PANEL_MILESTONES.report]) {
            return refuse(
              'Record the panel\'s report (record-milestone "panel-report") before the council responds to it',
              CHILDREN_RULES.councilResponseTime,
            );
          }
        }
      },
    });

    // A child is offered an advocate as soon as the complaint is accepted.
    r.onTransition({
      order: "post",
      commands: ["triage"],
      handler({ state, next }) {
        if (!next || (state?.stages.length ?? 0) > 0 || next.stages.length === 0) return;
        const intake = next.intake as Intake;
        if (intake.complainantIsChild !== true || intake.advocate) return;
        return {
          effects: [
            {
              type: "notify",
              party: ADVOCACY_PARTY,
              reason: `Offer the child in complaint ${next.reference} an advocate (${CHILDREN_RULES.advocacy})`,
            },
          ],
        };
      },
    });

    // The right to go to the LGSCO is the letter's own Ombudsman section (packages/letters), not a second paragraph here (issue 15).
    r.addLetterParagraphs(advocacyParagraph);
    r.setLetters(childrenSocialCareLetters, "SI 2006/1738 regs 14–20");
    r.addReport(annualReport);
  },
});
