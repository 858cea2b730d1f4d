import { z } from "zod";
import { text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";

/** Records that someone was told about the case (a flag may require it before acknowledging). */
export const notify = defineCommand({
  type: "notify",
  label: "Notify someone",
  done: "Notified",
  payload: z.object({ party: text("who was told", 200), reason: text("why", 2000), ...onField }),
  roles: ["customer-services", ...caseworkers, "head-of-service", "director", "legal"],
  can: (state) => state.status !== "closed",
  apply(state, command, ctx) {
    if (!command.party.trim()) refuse("INVALID_INPUT", "Say who was notified");
    state.notified.push({ party: command.party, on: ctx.on, reason: command.reason });
    ctx.effects.push({ type: "notify", party: command.party, reason: command.reason });
  },
});
