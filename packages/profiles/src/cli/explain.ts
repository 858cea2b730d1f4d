#!/usr/bin/env node
/**
 * pnpm profile:explain <profile> [--service <id>] [--kind <kind>] [--rules-only]
 *
 * Prints a council's resolved rules per service, case kind and stage, with where each value
 * came from; exits 1 with the reasons if the profile would not start.
 */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import {
  CASE_KINDS,
  ProfileValidationError,
  RuleConfigurationError,
  type CaseKind,
} from "@complaints/core";
import { PROFILE_IDS, isProfileId, loadProfile, profileDocuments } from "../councils/index.js";
import { explainProfile, type ExplainOptions } from "../explain.js";
import { installedPlugins } from "../plugins.js";

const USAGE = `usage: pnpm profile:explain <${PROFILE_IDS.join("|")}> [--service <id>] [--kind <${CASE_KINDS.join("|")}>] [--rules-only]`;

export function main(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): number {
  const args = [...argv];
  const options: ExplainOptions = {};
  let profileId: string | undefined;
  while (args.length) {
    const arg = args.shift()!;
    if (arg === "--service") options.serviceId = args.shift();
    else if (arg === "--kind") {
      const kind = args.shift() ?? "";
      if (!(CASE_KINDS as readonly string[]).includes(kind)) {
        err(`Unknown case kind "${kind}".\n${USAGE}`);
        return 2;
      }
      options.kind = kind as CaseKind;
    } else if (arg === "--rules-only") options.rulesOnly = true;
    else if (arg === "--help" || arg === "-h") {
      out(USAGE);
      return 0;
    } else if (!profileId) profileId = arg;
    else {
      err(`Unexpected argument "${arg}".\n${USAGE}`);
      return 2;
    }
  }
  if (!profileId || !isProfileId(profileId)) {
    err(`${profileId ? `Unknown profile "${profileId}". ` : ""}${USAGE}`);
    return 2;
  }
  try {
    for (const line of explainProfile(
      loadProfile(profileDocuments[profileId]),
      installedPlugins,
      options,
    ))
      out(line);
    return 0;
  } catch (error) {
    if (error instanceof RuleConfigurationError || error instanceof ProfileValidationError) {
      err(error.message);
      return 1;
    }
    if (error instanceof Error && options.serviceId) {
      err(error.message);
      return 1;
    }
    throw error;
  }
}

// Run when executed as a script (not when imported by a test), also through a bin symlink.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
