import { defaultProfile, type CouncilProfileInput } from "@complaints/core";
import type { ProfileDocument } from "../types.js";

/** Core's default profile (the 2024 complaint handling code), re-exported with its notes. */
export const defaultCouncil: ProfileDocument = {
  input: defaultProfile as CouncilProfileInput,
  notes: [
    {
      kind: "from-document",
      about: "all timescales",
      value:
        "the 2024 complaint handling code: acknowledge 5 WD, Stage 1 10 WD from the acknowledgement (+10), Stage 2 20 WD (+20), then the LGSCO",
      source: "Complaint handling code 2024 (LGSCO and Housing Ombudsman), docs/rules.md §1–2",
    },
    {
      kind: "default",
      about: "directorates and plugins",
      value: "two example directorates, no plugins",
      uses: "core's default profile",
      why: "A new council copies this profile, lists its own directorates and services and enables plugins per service.",
    },
    {
      kind: "default",
      about: "calendar",
      value: "England and Wales bank holidays; 17:00 cut-off",
      uses: "core's default profile",
      why: "The codes do not define working days (docs/rules.md §7); the cut-off is an example setting.",
    },
    {
      kind: "default",
      about: "delegatedLimits",
      value:
        "investigating officer £100, complaints manager £500, head of service £1,000, director £5,000",
      uses: "core's default profile",
      why: "Example limits: every council replaces them with its scheme of delegation.",
    },
  ],
};
