/**
 * @complaints/profiles — the councils of the seed documents as data (Leeds, Lewisham,
 * Southwark, Lancaster) plus the default (the 2024 code), each value with its source and every
 * gap in the documents filled with a named default; the loader of the installed plugins (a
 * plugins file naming packages or folders, install.ts); and `explainProfile`, behind
 * `pnpm profile:explain <profile>`.
 */
import { RuleBook, type CouncilProfile, type ServicePlugin } from "@complaints/core";
import { loadProfile, profileDocuments, type ProfileId } from "./councils/index.js";

export {
  DEFAULT_PLUGINS_CONFIG,
  PluginConfigError,
  coreVersion,
  defaultPlugins,
  loadPlugins,
  readPluginsConfig,
} from "./install.js";
export {
  profileDocuments,
  loadProfile,
  isProfileId,
  PROFILE_IDS,
  type ProfileId,
} from "./councils/index.js";
export { leeds, LEEDS_POLICY, LEEDS_REVIEW } from "./councils/leeds.js";
export { lewisham, LEWISHAM_REPORT } from "./councils/lewisham.js";
export { southwark, SOUTHWARK_PROCEDURE } from "./councils/southwark.js";
export { lancaster, LANCASTER_TASK_GROUP } from "./councils/lancaster.js";
export { defaultCouncil } from "./councils/default.js";
export { defaultProfile } from "@complaints/core";
export { explainProfile, type ExplainOptions } from "./explain.js";
export type { ProfileDocument, ProfileNote, SourcedProfile } from "./types.js";

/**
 * Start-up: a council's rules with the installed plugins (loadPlugins), checked once. A misconfigured
 * profile (two plugins claiming a service, a timescale above a statutory maximum, a plugin
 * that is not installed) throws RuleConfigurationError with a message naming the plugin.
 */
export function startRules(
  profile: CouncilProfile,
  plugins: readonly ServicePlugin[],
): RuleBook {
  return new RuleBook(profile, plugins);
}

/** One of the packaged councils, started with the installed plugins. */
export function startCouncil(id: ProfileId, plugins: readonly ServicePlugin[]): RuleBook {
  return startRules(loadProfile(profileDocuments[id]).profile, plugins);
}
export {
  ProfileFileError,
  checkProfile,
  formatOf,
  parseProfileText,
  profileToText,
  readProfileFile,
  resolveProfile,
  type ProfileFormat,
} from "./files.js";
