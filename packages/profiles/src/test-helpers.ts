import type { CaseKind, ResolvedRules } from "@complaints/core";
import { loadProfile, profileDocuments, type ProfileId } from "./councils/index.js";
import { installedPlugins } from "./plugins.js";
import { startRules } from "./index.js";

/** The resolved rules of one council's service and case kind, started with every installed plugin. */
export function rulesOf(profileId: ProfileId, serviceId: string, kind: CaseKind = "complaint"): ResolvedRules {
  return startRules(loadProfile(profileDocuments[profileId]).profile, installedPlugins).rulesFor(serviceId, kind);
}
