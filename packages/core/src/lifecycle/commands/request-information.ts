import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { requireActiveStage, sendLetter, workingStage } from "./shared.js";

/** Asks the customer (a letter, the clock paused if chosen) or the service for information. */
export const requestInformation = defineCommand({
  type: "request-information",
  label: "Request information",
  done: "Information requested",
  payload: z.object({ id: z.string().min(1).max(60), from: z.enum(["customer", "service"], "Choose who the information is from"), what: text("what is needed", 2000), pause: z.boolean().optional(), ...onField }),
  roles: caseworkers,
  can: (state) => workingStage(state) !== undefined,
  apply(state, command, ctx) {
    const { on } = ctx;
    const stage = requireActiveStage(state, "request information");
    if (state.informationRequests.some((r) => r.id === command.id)) refuse("INVALID_INPUT", `Information request ${command.id} already exists`);
    state.informationRequests.push({ id: command.id, from: command.from, what: command.what, requestedOn: on, answeredOn: null });
    if (command.from === "customer") {
      sendLetter(state, ctx, "information-request", stage.stageId);
      if (command.pause) {
        if (stage.phase === "paused") refuse("NOT_ALLOWED_NOW", `${stage.label} is already paused`);
        stage.pauses.push({ from: on, to: null, reason: `waiting for the customer: ${command.what}` });
        stage.phase = "paused";
      }
    } else {
      ctx.effects.push({ type: "notify", party: `service:${state.serviceId}`, reason: `Information needed for ${state.reference}: ${command.what}` });
    }
  },
});
