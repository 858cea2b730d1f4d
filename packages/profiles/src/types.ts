import type { CouncilProfile, CouncilProfileInput } from "@complaints/core";

/**
 * Where a value in a profile comes from when it is not a timescale (timescales carry their
 * own `rule`): directorates, limits, the calendar, the letterhead. Core's profile schema has
 * no source field for these, so the profile document keeps them beside the data.
 */
export type ProfileNote =
  /** The value is in the council's document. */
  | { kind: "from-document"; about: string; value: string; source: string }
  /** The document leaves the value out: which default is used, and why. */
  | { kind: "default"; about: string; value: string; uses: string; why: string }
  /** The document asks for something the rules engine does not enforce (yet): how it is handled. */
  | { kind: "practice"; about: string; source: string; handling: string };

export interface ProfileDocument {
  /** The council profile as data, validated by core's `parseCouncilProfile`. */
  readonly input: CouncilProfileInput;
  readonly notes: readonly ProfileNote[];
}

export interface SourcedProfile {
  readonly profile: CouncilProfile;
  readonly notes: readonly ProfileNote[];
}
