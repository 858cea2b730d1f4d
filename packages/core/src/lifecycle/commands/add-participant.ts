import { z } from "zod";
import { name, text } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { caseworkers, defineCommand, onField } from "./define.js";
import { requireActiveStage, workingStage } from "./shared.js";

/** Adds a participant the regime asks for (children's Stage 2 Independent Person, a panel member). */
export const addParticipant = defineCommand({
  type: "add-participant",
  label: "Add a participant",
  done: "Participant added",
  payload: z.object({
    role: text("the role", 100),
    name: name("the name", 200),
    participantId: z.string().max(60).nullish(),
    /** Plugins' guards read it: an independent role must not be held by the council's own people. */
    isCouncilOfficerOrMember: z.boolean().optional(),
    ...onField,
  }),
  roles: caseworkers,
  can: (state) => workingStage(state) !== undefined,
  apply(state, command) {
    const stage = requireActiveStage(state, "add a participant");
    if (!command.name.trim() || !command.role.trim()) refuse("INVALID_INPUT", "Give the participant's role and name");
    stage.participants.push({ role: command.role, name: command.name, id: command.participantId ?? null });
  },
});
