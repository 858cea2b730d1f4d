import {
  createServicePlugin,
  type LetterParagraph,
  type ReportContribution,
  type TransitionVerdict,
} from "@complaints/core";
import { z } from "zod";

/**
 * Every number and guard names the document it comes from. Replace these with your service's
 * rules: "<document> para <n>: <what it says>". A statutory rule names the Act or SI.
 */
export const EXAMPLE_RULES = {
  target: "Example Council service standard para 4: aim to answer within 7 working days of receipt",
  contactFirst:
    "Southwark procedure, 'Contact Customer': the investigating officer contacts the customer at the start of the investigation",
  report:
    "Example Council service standard para 9: quarterly figures to the service's management team",
} as const;

/** Intake fields your service needs, checked with zod when the case is logged. */
export const exampleIntake = {
  siteReference: z.string().trim().min(1).max(40).optional(),
};

const refuse = (message: string, rule: string): TransitionVerdict => ({
  refuse: { message, rule },
});

export const siteParagraph: LetterParagraph = {
  // "<plugin id>.<name>": stable, used in letter snapshots.
  id: "example.site",
  letters: ["acknowledgement", "stage-1-response"],
  slot: "body-end",
  render({ state }) {
    const site = state.intake["siteReference"];
    return typeof site === "string"
      ? `We have recorded the site reference ${site} with your complaint.`
      : null;
  },
};

export const exampleReport: ReportContribution = {
  id: "example.quarterly",
  title: "Example service: quarterly complaint figures",
  source: EXAMPLE_RULES.report,
  measures: [
    {
      id: "target-met",
      label: "Answered within the 7-day target (%)",
      definition: "Stage 1 responses sent by the target date, of those sent in the quarter.",
    },
  ],
};

/**
 * An example service plugin. It claims the services a council enables it on, adds an internal
 * target under the council's deadline, an intake field, a guard, a letter paragraph and a
 * report. Rename it `<camelId>ServicePlugin` with a kebab-case id.
 */
export const exampleServicePlugin = createServicePlugin({
  id: "example",
  name: "Example service rules",
  version: "0.1.0",
  register(r) {
    // 1. What it governs: the complaints of the services it is enabled on.
    //    (claimKinds("member-enquiry") instead for a case kind; neither for an add-on.)
    r.claimService();

    // 2. Timescales and stages, each naming its rule. A statutory number also becomes a
    //    setStatutoryMaximum, so a council setting above it stops start-up naming this plugin.
    r.setTarget("stage-1", {
      label: "Example 7-day target",
      period: { workingDays: 7 },
      from: "receipt",
      rule: EXAMPLE_RULES.target,
    });

    // 3. Intake fields.
    r.extendIntake(exampleIntake);

    // 4. Guards ("pre": may refuse, naming the rule) and side effects ("post": effects only).
    r.onTransition({
      order: "pre",
      commands: ["respond"],
      handler({ state }) {
        if (!state?.contacts.some((c) => c.direction === "out")) {
          return refuse(
            "Contact the customer before responding (record-contact)",
            EXAMPLE_RULES.contactFirst,
          );
        }
      },
    });

    // 5. Letter paragraphs and reports.
    r.addLetterParagraphs(siteParagraph);
    r.addReport(exampleReport);
  },
});
