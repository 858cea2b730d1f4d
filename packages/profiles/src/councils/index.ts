import { parseCouncilProfile } from "@complaints/core";
import type { ProfileDocument, SourcedProfile } from "../types.js";
import { defaultCouncil } from "./default.js";
import { lancaster } from "./lancaster.js";
import { leeds } from "./leeds.js";
import { lewisham } from "./lewisham.js";
import { southwark } from "./southwark.js";

export const PROFILE_IDS = ["default", "leeds", "lewisham", "southwark", "lancaster"] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export const profileDocuments: Readonly<Record<ProfileId, ProfileDocument>> = Object.freeze({
  default: defaultCouncil,
  leeds,
  lewisham,
  southwark,
  lancaster,
});

/** A profile document parsed by core (throws ProfileValidationError naming the field). */
export function loadProfile(document: ProfileDocument): SourcedProfile {
  return { profile: parseCouncilProfile(document.input), notes: document.notes };
}

export const isProfileId = (id: string): id is ProfileId =>
  (PROFILE_IDS as readonly string[]).includes(id);
