import {
  createServicePlugin,
  type Effect,
  type TransitionHookArgs,
  type TransitionVerdict,
} from "@complaints/core";
import { z } from "zod";
import { housingLetters } from "./letter-content.js";
import { housingLetterParagraphs } from "./letters.js";
import { housingReports } from "./reports.js";
import {
  CONTRACTOR_REQUEST_PREFIX,
  HIGH_PRIORITY_ISSUES,
  HOUSING_ISSUES,
  REPAIRS_PARTY,
  RULES,
} from "./rules.js";

const reference = z.string().trim().min(1).max(40);

/** Intake fields for landlord services (docs/design.md §5): all optional, checked when given. */
export const housingIntake = {
  tenancyReference: reference.optional(),
  propertyReference: reference.optional(),
  /** Low-cost rental and low-cost home ownership are reported apart in the TSMs. */
  tenure: z.enum(["low-cost-rental", "low-cost-home-ownership", "other"]).optional(),
  housingIssue: z.enum(HOUSING_ISSUES).optional(),
  /** The repair or other service request the complaint is about; it carries on. */
  repairRequestReference: reference.optional(),
  /** The contractor whose work the complaint is about (Leeds: Mears, Morrison). */
  contractor: z.string().trim().min(1).max(120).optional(),
};

type Intake = { [K in keyof typeof housingIntake]?: z.infer<(typeof housingIntake)[K]> };

function intakeOf(args: TransitionHookArgs): Intake {
  const raw = args.command.type === "log" ? args.command.intake : args.state?.intake;
  return (raw ?? {}) as Intake;
}

const refuse = (message: string, rule: string): TransitionVerdict => ({
  refuse: { message, rule },
});
const issueWords = (issue: string) => issue.replace(/-/g, " ");

/** A contractor is asked for their account through an information request "contractor:…". */
const contractorRequests = (args: TransitionHookArgs) =>
  (args.next ?? args.state)?.informationRequests.filter((r) =>
    r.id.startsWith(CONTRACTOR_REQUEST_PREFIX),
  ) ?? [];

/**
 * The Housing Ombudsman Complaint Handling Code 2024 for council landlord services: two
 * stages (acknowledge 5 WD; Stage 1 10 WD from the acknowledgement, +10; Stage 2 20 WD from
 * the escalation acknowledgement, +20, a different handler), then the Housing Ombudsman
 * within 12 months. Adds tenancy intake, priority for damp and mould, disrepair and safety,
 * keeps repairs going, tracks contractors, and contributes TSM CH01/CH02.
 */
export const housingServicePlugin = createServicePlugin({
  id: "housing",
  name: "Housing Ombudsman Complaint Handling Code 2024",
  version: "0.1.0",
  register(r) {
    r.claimService();
    r.setRegimeIdentity({
      id: "housing-ombudsman-code-2024",
      label: "Housing Ombudsman Complaint Handling Code 2024",
      family: "housing",
    });

    r.setTimescale("stage-1", "acknowledge", {
      period: { workingDays: 5 },
      from: "receipt",
      rule: RULES.acknowledge,
    });
    r.setTimescale("stage-1", "respond", {
      period: { workingDays: 10 },
      from: "acknowledgement",
      rule: RULES.stage1Respond,
    });
    r.setExtension("stage-1", {
      maxWorkingDays: 10,
      ombudsmanDetailsRequired: true,
      rule: RULES.stage1Extension,
    });
    r.setTimescale("stage-2", "acknowledge", {
      period: { workingDays: 5 },
      from: "escalation-request",
      rule: RULES.stage2Acknowledge,
    });
    r.setTimescale("stage-2", "respond", {
      period: { workingDays: 20 },
      from: "acknowledgement",
      rule: RULES.stage2Respond,
    });
    r.setExtension("stage-2", {
      maxWorkingDays: 20,
      ombudsmanDetailsRequired: true,
      rule: RULES.stage2Extension,
    });
    r.setHandlerRule("stage-2", { independentOf: ["stage-1"], rule: RULES.stage2Handler });

    // Statutory for council landlords: a council may be quicker, never slower.
    r.setStatutoryMaximum("stage-1", "acknowledge", { workingDays: 5 }, RULES.acknowledge);
    r.setStatutoryMaximum("stage-1", "respond", { workingDays: 10 }, RULES.stage1Respond);
    r.setStatutoryMaximum("stage-1", "extension", { workingDays: 10 }, RULES.stage1Extension);
    r.setStatutoryMaximum("stage-2", "acknowledge", { workingDays: 5 }, RULES.stage2Acknowledge);
    r.setStatutoryMaximum("stage-2", "respond", { workingDays: 20 }, RULES.stage2Respond);
    r.setStatutoryMaximum("stage-2", "extension", { workingDays: 20 }, RULES.stage2Extension);

    r.setNextBody({
      id: "housing-ombudsman",
      name: "Housing Ombudsman",
      window: { period: { calendarMonths: 12 }, from: "response", rule: RULES.nextBodyWindow },
      rule: RULES.nextBody,
    });
    r.setTimeLimit({ calendarMonths: 12, rule: RULES.timeLimit });

    r.extendIntake(housingIntake);

    // Damp and mould, disrepair and safety are high priority (Southwark's criteria).
    r.onTransition({
      order: "pre",
      commands: ["log"],
      handler(args) {
        if (args.command.type !== "log") return;
        const issue = intakeOf(args).housingIssue;
        if (
          issue &&
          (HIGH_PRIORITY_ISSUES as readonly string[]).includes(issue) &&
          args.command.priority?.level !== "high"
        ) {
          return refuse(
            `A complaint about ${issueWords(issue)} is high priority: log it as high priority and say why`,
            RULES.priority,
          );
        }
      },
    });

    // Two stages, never three: checked at start-up, whatever else the council enables.
    r.checkRegime(RULES.twoStages, (regime) =>
      regime.stages.length > 2
        ? `a housing complaint has two stages, then the Housing Ombudsman; this service would have ${regime.stages.length} (${regime.stages.map((s) => s.label).join(", ")}): do not enable a third stage on landlord services`
        : null,
    );

    // The repair (or other service request) carries on, and the contractor is asked for input.
    r.onTransition({
      order: "post",
      commands: ["triage", "convert-to-complaint"],
      handler(args) {
        const { command, next } = args;
        const opened =
          command.type === "triage"
            ? (next?.stages.length ?? 0) > 0 && (args.state?.stages.length ?? 0) === 0
            : command.type === "convert-to-complaint";
        if (!opened || !next) return;
        const intake = intakeOf(args);
        const effects: Effect[] = [];
        if (intake.repairRequestReference) {
          effects.push({
            type: "notify",
            party: REPAIRS_PARTY,
            reason: `Repair request ${intake.repairRequestReference} must carry on while complaint ${next.reference} runs`,
          });
        }
        if (intake.contractor && command.type === "triage") {
          effects.push({
            type: "notify",
            party: `contractor:${intake.contractor}`,
            reason: `Complaint ${next.reference} is about work by ${intake.contractor}: their account will be requested`,
          });
        }
        return { effects };
      },
    });

    r.onTransition({
      order: "post",
      commands: ["request-information"],
      handler(args) {
        const { command } = args;
        const contractor = intakeOf(args).contractor;
        if (
          command.type !== "request-information" ||
          !command.id.startsWith(CONTRACTOR_REQUEST_PREFIX) ||
          !contractor
        )
          return;
        return {
          effects: [
            {
              type: "notify",
              party: `contractor:${contractor}`,
              reason: `Please send your account for complaint ${args.next?.reference}: ${command.what}`,
            },
          ],
        };
      },
    });

    r.onTransition({
      order: "pre",
      commands: ["respond"],
      handler(args) {
        const contractor = intakeOf(args).contractor;
        if (contractor && contractorRequests(args).length === 0) {
          return refuse(
            `Ask ${contractor} for their account before responding: record it as an information request with an id starting "${CONTRACTOR_REQUEST_PREFIX}"`,
            RULES.contractor,
          );
        }
      },
    });

    r.onTransition({
      order: "post",
      commands: ["respond"],
      handler(args) {
        const contractor = intakeOf(args).contractor;
        const waiting = contractorRequests(args).filter((req) => !req.answeredOn);
        if (!contractor || waiting.length === 0) return;
        return {
          effects: [
            {
              type: "notify",
              party: "complaints-manager",
              reason: `${args.next?.reference} was answered without ${contractor}'s account (${waiting.map((w) => w.what).join("; ")})`,
            },
          ],
        };
      },
    });

    r.addLetterParagraphs(...housingLetterParagraphs);
    r.setLetters(housingLetters, "Housing Ombudsman Complaint Handling Code 2024: what acknowledgements and responses say");
    for (const report of housingReports) r.addReport(report);
  },
});
