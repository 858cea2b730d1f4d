import { z } from "zod";
import { dueDateChanges } from "../../deadlines/due-dates.js";
import { text } from "../../input/fields.js";
import type { CouncilProfile } from "../../profile/schema.js";
import { refuse } from "../refusals.js";
import { coordinators, defineCommand, onField } from "./define.js";
import { currentStage } from "./shared.js";

export const TRANSFER_RULE = "Leeds policy para 42; Southwark complaint handling procedure: re-assign a complaint logged incorrectly promptly";

/** The profile's service of that slug, with its directorate; undefined when it has none. */
function serviceOf(profile: CouncilProfile, serviceId: string) {
  for (const directorate of profile.directorates) {
    const service = directorate.services.find((s) => s.id === serviceId);
    if (service) return { id: service.id, name: service.name, directorateId: directorate.id, directorate: directorate.name };
  }
  return undefined;
}

/**
 * Moves a case logged against the wrong service to the right one (docs/decisions/0105): a
 * complaint addressed to the wrong service is redirected to that service's DCRO (Leeds policy
 * para 42), and one logged incorrectly must be re-assigned promptly (Southwark's procedure).
 * The new service's rules apply from then on, counted from the same receipt and requests, so
 * the time already spent counts; the case's row follows (service, directorate, regime), and
 * with it who may see it. A handler in the directorate the case leaves is released: the
 * case waits in the new directorate's queue to be assigned, and the API tells them.
 */
export const transfer = defineCommand({
  type: "transfer",
  label: "Transfer to another service",
  done: "Transferred to another service",
  payload: z.object({
    serviceId: z.string("Choose the service to transfer the case to").trim().min(1, "Choose the service to transfer the case to").max(60),
    reason: text("why the case is transferred", 1000),
    ...onField,
  }),
  roles: [...coordinators, "head-of-service"],
  can: (state) => state.status !== "closed",
  apply(state, command, ctx) {
    const { book, rules, on, today } = ctx;
    if (!book) throw new Error("transfer needs the council's rule book: pass it to transition");
    if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed; reopen it before you transfer it`, TRANSFER_RULE);
    const from = serviceOf(book.profile, state.serviceId);
    const fromName = from?.name ?? state.serviceId;
    if (command.serviceId === state.serviceId) refuse("INVALID_INPUT", `Case ${state.reference} is already with ${fromName}; choose another service`);
    const to = serviceOf(book.profile, command.serviceId);
    if (!to) {
      const names = book.profile.directorates.flatMap((d) => d.services.map((s) => s.name));
      refuse("INVALID_INPUT", `${book.profile.name} has no service "${command.serviceId}"; choose one of: ${names.join(", ")}`);
    }
    const next = book.rulesFor(to.id, state.kind);
    // The stages already opened keep their dates; the new rules must know every one of them.
    const unknown = state.stages.find((s) => !next.regime.stages.some((r) => r.id === s.stageId));
    if (unknown) {
      refuse(
        "NOT_ALLOWED_NOW",
        `${to.name} follows a procedure without a stage "${unknown.label}", which this case has reached; close it and log a new case for ${to.name} instead`,
        TRANSFER_RULE,
      );
    }
    const stage = currentStage(state);
    const leavesDirectorate = (from?.directorateId ?? rules.scope.directorateId) !== to.directorateId;
    let handlerReleased: string | null = null;
    if (leavesDirectorate && stage?.handlerId) {
      handlerReleased = stage.handlerId;
      stage.previousHandlerIds.push(stage.handlerId);
      stage.handlerId = null;
    }
    const moved = {
      on,
      from: { serviceId: state.serviceId, service: fromName, directorateId: from?.directorateId ?? rules.scope.directorateId },
      to: { serviceId: to.id, service: to.name, directorateId: to.directorateId },
      reason: command.reason.trim(),
      handlerReleased,
    };
    state.serviceId = to.id;
    state.otherServiceIds = state.otherServiceIds.filter((id) => id !== to.id);
    state.regimeId = next.regime.id;
    state.transfers = [...(state.transfers ?? []), moved];
    ctx.rulesAfter = next;
    ctx.eventData = { from: moved.from, to: moved.to, handlerReleased, changes: dueDateChanges(state, next, today) };
    // The new service's complaints officer is told it has arrived (Leeds policy para 42).
    ctx.effects.push({ type: "notify", party: `service:${to.id}`, reason: `Transferred from ${fromName} to ${to.name}: ${moved.reason}` });
  },
});
