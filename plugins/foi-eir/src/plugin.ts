import {
  createServicePlugin,
  type LetterParagraph,
  type ReportContribution,
  type TransitionHookArgs,
  type TransitionVerdict,
} from "@complaints/core";
import { z } from "zod";
import { foiEirLetters } from "./letter-content.js";

/** Where each rule comes from (docs/rules.md §5; Leeds Compliments and Complaints Policy paras 58–67). */
export const FOI_EIR_RULES = {
  skipStage1:
    "Leeds policy para 61: a complaint about an FOI or EIR response does not go through Stage 1; it is handled as a Stage 2 review",
  review:
    "FOI Act s45 Code of Practice and ICO guidance; EIR 2004 reg 11: one internal review (reconsideration) of the response",
  respond:
    "FOI s45 Code of Practice, Leeds policy para 63: the review outcome within 20 working days of receipt of the complaint",
  respondEir:
    "EIR 2004 reg 11(4), Leeds policy para 64: the reconsideration decided as soon as possible and within 40 working days of receipt",
  extension:
    "Leeds policy para 63: in exceptional cases, with notice and an explanation, but never later than 40 working days from receipt (EIR reg 11(4): 40 working days at most)",
  maxRespond: "FOI s45 Code of Practice: an internal review is answered within 20 working days",
  maxRespondEir: "EIR 2004 reg 11(4): the reconsideration within 40 working days of receipt at the most",
  noExtensionEir:
    "EIR 2004 reg 11(4): 40 working days is the statutory limit of a reconsideration, so it is not extended",
  maxExtension:
    "FOI s45 Code of Practice and EIR reg 11(4): 40 working days from receipt at the most, so at most 20 more",
  calendar:
    "FOIA 2000 s10(6) and EIR 2004 reg 2: a working day is not a weekend, Christmas Day, Good Friday or a bank holiday anywhere in the United Kingdom (a council's own closure days still count)",
  timeLimit:
    "ICO guidance and EIR reg 11(2): a review is asked for within 40 working days of the response complained about",
  director: "Leeds policy para 61: the review is investigated by the relevant Director",
  legalAdvice:
    "Leeds policy para 61: the Director considers advice from Legal Services before deciding the review",
  publicInterest:
    "Leeds policy para 61: the relevant Executive Member is consulted where the public interest test has to be applied",
  legalLog:
    "Leeds policy para 62: details of every FOI/EIR complaint and the outcome of the review go to Legal Services for its information requests log",
  dcro: "Leeds policy para 62: the DCRO is informed of every FOI/EIR complaint",
  ico: "Leeds policy para 66; ICO: the applicant may apply to the Information Commissioner for a decision within 6 weeks of the final review response",
  tribunal:
    "First-tier Tribunal (General Regulatory Chamber): appeal within 28 days of the Information Commissioner's decision notice",
  report:
    "Leeds policy para 65: Legal monitors the timescales for FOI/EIR complaints and publishes them",
} as const;

/** Parties the plugin expects in `notify` commands. */
export const LEGAL_PARTY = "legal";
export const EXECUTIVE_MEMBER_PARTY = "executive-member";

export const foiEirIntake = {
  /** FOI or EIR: the same review, different statutory footing and letter wording. */
  informationRegime: z.enum(["foi", "eir"]),
  /** The information request the complaint is about. */
  requestReference: z.string().trim().min(1).max(60),
  /** The response relied on a qualified exemption or EIR exception, so a public interest test applies. */
  publicInterestTest: z.boolean().optional(),
  /** The complaint is that the council did not follow its publication scheme (Leeds para 60). */
  publicationScheme: z.boolean().optional(),
};

type Intake = { [K in keyof typeof foiEirIntake]?: z.infer<(typeof foiEirIntake)[K]> };
const intakeOf = (args: TransitionHookArgs): Intake =>
  ((args.command.type === "log" ? args.command.intake : args.state?.intake) ?? {}) as Intake;
const refuse = (message: string, rule: string): TransitionVerdict => ({
  refuse: { message, rule },
});
const notified = (args: TransitionHookArgs, party: string) =>
  args.state?.notified.some((n) => n.party === party) ?? false;

// The Commissioner's contact details are the letter's own Ombudsman section, from the council
// profile (packages/letters): this paragraph adds only what the Acts say, so they print once (issue 15).
export const icoSignpost: LetterParagraph = {
  id: "foi-eir.ico-signpost",
  letters: ["foi-eir-review-outcome", "extension-notice"],
  slot: "body-end",
  render({ state, stageId, rules }) {
    const body = rules.regime.nextBody;
    const act =
      state.intake["informationRegime"] === "eir"
        ? "the Environmental Information Regulations 2004"
        : "the Freedom of Information Act 2000";
    const respondedAtStage = state.stages.find((s) => s.stageId === stageId)?.response;
    if (respondedAtStage) {
      return `This is the outcome of our internal review under ${act}. If you are still unhappy, you can ask the ${body.name} for a decision within 6 weeks of this letter. If you disagree with the Commissioner's decision, you can appeal to the ${body.then?.name ?? "First-tier Tribunal (General Regulatory Chamber)"} within 28 days of it.`;
    }
    return `We will send the outcome of our review no later than 40 working days after we received your complaint. If we do not, you can ask the ${body.name} to look at it.`;
  },
};

export const legalLog: ReportContribution = {
  id: "foi-eir.review-log",
  title: "FOI and EIR internal reviews (for Legal Services)",
  source: FOI_EIR_RULES.report,
  measures: [
    {
      id: "received",
      label: "Reviews received, FOI and EIR",
      definition:
        "FOI/EIR review cases received in the period, by regime (`informationRegime`) and directorate.",
    },
    {
      id: "within-20",
      label: "Answered within 20 working days (%)",
      definition:
        "Reviews answered within 20 working days of receipt, counting UK-wide bank holidays.",
    },
    {
      id: "within-40",
      label: "Answered within 40 working days (%)",
      definition:
        "Reviews answered within 40 working days of receipt: the ceiling for FOI (s45 Code) and EIR (reg 11(4)).",
    },
    {
      id: "outcomes",
      label: "Outcomes",
      definition:
        "Upheld, partly upheld and not upheld reviews, and how many went on to the Information Commissioner.",
    },
  ],
};

/** FOI or EIR, as the intake records it: the timescales vary by it (decision 0107). */
const EIR = { field: "informationRegime", equals: "eir" } as const;
const FOI = { field: "informationRegime", equals: "foi" } as const;

/**
 * Complaints about FOI and EIR responses (Leeds policy 58–66, docs/rules.md §5): no Stage 1; one
 * internal review at Stage 2 by a Director with Legal advice; an FOI review due in 20 working
 * days, extendable to 40, an EIR reconsideration due in 40 (decision 0107, superseding 0403's
 * one date at 20); UK-wide working days; then the Information Commissioner (6 weeks) and the
 * First-tier Tribunal.
 */
export const foiEirServicePlugin = createServicePlugin({
  id: "foi-eir",
  name: "FOI and EIR internal reviews",
  version: "0.1.0",
  register(r) {
    r.claimKinds("foi-eir-review");
    r.setRegimeIdentity({
      id: "foi-eir-review",
      label: "FOI/EIR internal review",
      family: "foi-eir",
    });
    r.skipStage("stage-1", FOI_EIR_RULES.skipStage1);
    r.setStageOption(
      "stage-2",
      {
        label: "Internal review (Stage 2)",
        acknowledgementLetter: "acknowledgement",
        responseLetter: "foi-eir-review-outcome",
      },
      FOI_EIR_RULES.review,
    );
    // Neither the s45 Code nor EIR reg 11 sets an acknowledgement period: the clock runs from receipt.
    r.setTimescale("stage-2", "acknowledge", null);
    r.setTimescale("stage-2", "respond", {
      period: { workingDays: 20 },
      from: "receipt",
      rule: FOI_EIR_RULES.respond,
      byIntake: [{ ...EIR, period: { workingDays: 40 }, rule: FOI_EIR_RULES.respondEir }],
    });
    r.setExtension("stage-2", {
      maxWorkingDays: 20,
      ombudsmanDetailsRequired: false,
      rule: FOI_EIR_RULES.extension,
      byIntake: [{ ...EIR, maxWorkingDays: 0, rule: FOI_EIR_RULES.noExtensionEir }],
    });
    r.setHandlerRule("stage-2", null);
    r.setStatutoryMaximum("stage-2", "respond", { workingDays: 20 }, FOI_EIR_RULES.maxRespond, { intake: FOI });
    r.setStatutoryMaximum("stage-2", "respond", { workingDays: 40 }, FOI_EIR_RULES.maxRespondEir, { intake: EIR });
    r.setStatutoryMaximum("stage-2", "extension", { workingDays: 20 }, FOI_EIR_RULES.maxExtension);
    // The statute defines the working days: a council's own closure days (a Christmas shutdown) do not stop the clock.
    r.setCalendar(["england-and-wales", "scotland", "northern-ireland"], FOI_EIR_RULES.calendar, {
      councilClosures: false,
    });
    r.setTimeLimit({ workingDays: 40, rule: FOI_EIR_RULES.timeLimit });
    r.setNextBody({
      id: "ico",
      name: "Information Commissioner",
      window: { period: { calendarDays: 42 }, from: "response", rule: FOI_EIR_RULES.ico },
      rule: FOI_EIR_RULES.ico,
      then: {
        id: "first-tier-tribunal",
        name: "First-tier Tribunal (General Regulatory Chamber)",
        window: { period: { calendarDays: 28 }, from: "response", rule: FOI_EIR_RULES.tribunal },
        rule: FOI_EIR_RULES.tribunal,
      },
    });
    r.requireRoles("respond", ["director"], { stageId: "stage-2", rule: FOI_EIR_RULES.director });
    r.extendIntake(foiEirIntake);

    // The time limit counts from the response complained about, recorded as `matterArose`.
    r.onTransition({
      order: "pre",
      commands: ["log"],
      handler(args) {
        if (args.command.type === "log" && !args.command.matterArose) {
          return refuse(
            "Give the date of the response being complained about (matterArose): a review is asked for within 40 working days of it",
            FOI_EIR_RULES.timeLimit,
          );
        }
      },
    });

    r.onTransition({
      order: "pre",
      commands: ["respond"],
      handler(args) {
        if (!notified(args, LEGAL_PARTY)) {
          return refuse(
            'Ask Legal Services for advice before deciding the review: record it with a "notify" to "legal"',
            FOI_EIR_RULES.legalAdvice,
          );
        }
        if (intakeOf(args).publicInterestTest && !notified(args, EXECUTIVE_MEMBER_PARTY)) {
          return refuse(
            'The public interest test applies: consult the relevant Executive Member first and record it with a "notify" to "executive-member"',
            FOI_EIR_RULES.publicInterest,
          );
        }
      },
    });

    r.onTransition({
      order: "post",
      commands: ["triage"],
      handler({ state, next }) {
        if (!next || (state?.stages.length ?? 0) > 0 || next.stages.length === 0) return;
        const request = String(next.intake["requestReference"] ?? "");
        return {
          effects: [
            {
              type: "notify",
              party: "dcro",
              reason: `FOI/EIR review ${next.reference} (request ${request}) received`,
            },
            {
              type: "notify",
              party: LEGAL_PARTY,
              reason: `Log FOI/EIR review ${next.reference} about request ${request} on the information requests database`,
            },
          ],
        };
      },
    });

    r.onTransition({
      order: "post",
      commands: ["respond"],
      handler({ next }) {
        const response = next?.stages.at(-1)?.response;
        if (!next || !response) return;
        return {
          effects: [
            {
              type: "notify",
              party: LEGAL_PARTY,
              reason: `Log the outcome of review ${next.reference} (request ${String(next.intake["requestReference"] ?? "")}): ${response.outcome.replace(/-/g, " ")}, ${response.on}`,
            },
          ],
        };
      },
    });

    r.addLetterParagraphs(icoSignpost);
    r.setLetters(foiEirLetters, "FOI Act 2000 s50 / EIR 2004 reg 18; Leeds policy 61–67");
    r.addReport(legalLog);
  },
});
