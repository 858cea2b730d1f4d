import { z } from "zod";
import { formatShort } from "../../calendar/dates.js";
import { chosenKey } from "../../input/fields.js";
import { refuse } from "../refusals.js";
import { defineCommand, onField } from "./define.js";
import { findEnquiry } from "./shared.js";

/** Records that a remedy the Ombudsman asked for was carried out. */
export const ombudsmanRemedyComplied = defineCommand({
  type: "ombudsman-remedy-complied",
  label: "Record an Ombudsman remedy as done",
  done: "Ombudsman remedy done",
  payload: z.object({ enquiryId: chosenKey("the remedy"), remedyId: chosenKey("the remedy"), ...onField }),
  roles: ["complaints-manager", "head-of-service"],
  can: (state) => state.ombudsman.some((e) => e.remedies.some((r) => !r.completedOn)),
  apply(state, command, { on }) {
    const remedy = findEnquiry(state, command.enquiryId).remedies.find((r) => r.id === command.remedyId);
    if (!remedy) refuse("INVALID_INPUT", `The Ombudsman's decision has no remedy ${command.remedyId}`);
    if (remedy.completedOn) refuse("NOT_ALLOWED_NOW", `That remedy was completed on ${formatShort(remedy.completedOn)}`);
    remedy.completedOn = on;
  },
});
