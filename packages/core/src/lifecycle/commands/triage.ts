import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { applyPeriod, describePeriod } from "../../deadlines/apply-period.js";
import { id, slug, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { closeCase, openStage, sendLetter } from "./shared.js";
import type { ResolvedRules } from "../../plugin/resolved.js";
import type { StageRules } from "../../regime/types.js";
import { EXCLUSION_REASONS, OUT_OF_TIME_DECISIONS } from "../../vocabulary/index.js";

const CODE_TIME_LIMIT = "Complaint handling code 2024 section 2";

const outcome = z.discriminatedUnion(
  "outcome",
  [
    z.object({
      outcome: z.literal("accept"),
      /** A later stage to open directly, when the regime allows it (StageRules.openedByTriage: SPSO's complex complaints). */
      stageId: slug.optional(),
    }),
    z.object({ outcome: z.literal("not-a-complaint"), agreedWithCustomer: z.boolean(), note: text("a note", 2000) }),
    z.object({ outcome: z.literal("excluded"), reason: z.enum(EXCLUSION_REASONS, "Choose why it is excluded"), route: text("the right route for the customer", 2000) }),
    z.object({ outcome: z.literal("out-of-time"), decision: z.enum(OUT_OF_TIME_DECISIONS, "Choose the decision"), reasons: text("the reasons", 4000) }),
    z.object({ outcome: z.literal("wrongly-addressed"), body: text("the right body", 300), bodyContact: text("their contact details", 1000) }),
    z.object({ outcome: z.literal("duplicate"), ofCaseId: id, ofReference: text("the reference of the other case", 40) }),
  ],
  { error: "Choose the outcome of triage" },
);

/**
 * The later stage triage may open directly (regime/types.ts StageRules.openedByTriage), or null
 * for the entry stage. Its due dates then count from receipt, as the first stage's would.
 */
function directStage(rules: ResolvedRules, stageId: string | undefined): StageRules | null {
  const entry = rules.regime.stages[0]!;
  if (!stageId || stageId === entry.id) return null;
  const stage = rules.regime.stages.find((s) => s.id === stageId);
  if (!stage) refuse("INVALID_INPUT", `These rules have no stage "${stageId}" (stages: ${rules.regime.stages.map((s) => s.label).join(", ")})`);
  if (!stage.openedByTriage) {
    refuse(
      "NOT_ALLOWED_NOW",
      `${stage.label} is opened by escalation from an earlier stage, not by triage: accept the complaint at ${entry.label}`,
      rules.regime.stages.find((s) => s.escalation?.to === stage.id)?.escalation?.rule ?? null,
    );
  }
  return stage;
}

/** The first decision on a new case: a complaint to investigate, or why it is not one. */
export const triage = defineCommand({
  type: "triage",
  label: "Triage",
  done: "Triaged",
  payload: outcome.and(z.object(onField)),
  roles: ["customer-services", ...coordinators],
  can: (state) => state.status === "new",
  apply(state, command, ctx) {
    const { rules, on } = ctx;
    if (state.status !== "new") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} has already been triaged`);
    const entry = rules.regime.stages[0]!;
    const limit = rules.regime.timeLimit;
    switch (command.outcome) {
      case "accept": {
        if (limit && state.matterArose) {
          const deadline = applyPeriod(rules.calendar, state.matterArose, limit);
          if (state.receipt.receivedOn > deadline.date) {
            refuse(
              "NOT_ALLOWED_NOW",
              `The matter arose on ${formatShort(state.matterArose)}, more than ${describePeriod(limit)} before the complaint; record an out-of-time decision (refuse, or accept with discretion and say why)`,
              limit.rule,
            );
          }
        }
        state.triage = { outcome: "accept" };
        openStage(state, directStage(rules, command.stageId) ?? entry, state.receipt.countsFrom, { receivedOn: state.receipt.receivedOn });
        return;
      }
      case "not-a-complaint":
        if (!command.agreedWithCustomer) {
          refuse("NOT_ALLOWED_NOW", "Treat it as a service request only when the customer agrees; otherwise accept it as a complaint", "Complaint handling code 2024 1.2–1.3: offer the choice to complain");
        }
        state.triage = { outcome: "not-a-complaint", agreedWithCustomer: true, note: command.note };
        state.kind = "service-request";
        state.status = "open";
        sendLetter(state, ctx, "not-a-complaint", null);
        return;
      case "excluded":
        if (!command.route.trim()) refuse("INVALID_INPUT", "Tell the customer the right route for an excluded matter (the appeal, tribunal or body)", "Complaint handling code 2024 2.x: a refusal gives reasons and the right to go to the Ombudsman");
        state.triage = { outcome: "excluded", reason: command.reason, route: command.route };
        closeCase(state, on, "excluded", command.route);
        sendLetter(state, ctx, "excluded", null);
        return;
      case "out-of-time": {
        if (!command.reasons.trim()) refuse("INVALID_INPUT", "Record the reasons for the out-of-time decision (discretion must be considered)", limit?.rule ?? CODE_TIME_LIMIT);
        state.triage = { outcome: "out-of-time", decision: command.decision, reasons: command.reasons };
        if (command.decision === "accept-with-discretion") {
          openStage(state, entry, state.receipt.countsFrom, { receivedOn: state.receipt.receivedOn });
        } else {
          closeCase(state, on, "out-of-time", command.reasons);
          sendLetter(state, ctx, "out-of-time", null);
        }
        return;
      }
      case "wrongly-addressed":
        if (!command.body.trim()) refuse("INVALID_INPUT", "Name the organisation the customer should contact");
        state.triage = { outcome: "wrongly-addressed", body: command.body, bodyContact: command.bodyContact };
        closeCase(state, on, "wrongly-addressed", command.body);
        sendLetter(state, ctx, "wrongly-addressed", null);
        return;
      case "duplicate":
        if (command.ofCaseId === state.id) refuse("INVALID_INPUT", "A case cannot duplicate itself");
        state.triage = { outcome: "duplicate", ofCaseId: command.ofCaseId, ofReference: command.ofReference };
        closeCase(state, on, "duplicate", `Duplicate of ${command.ofReference}`);
        return;
    }
  },
});
