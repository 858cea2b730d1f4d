#!/usr/bin/env node
/**
 * pnpm profile:explain <profile> [--service <id>] [--kind <kind>] [--rules-only] [--plugins <file>]
 *
 * With the plugins of the shipped complaints.plugins.json, or of the plugins file given (the
 * one the server's PLUGINS_CONFIG names).
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
  type ServicePlugin,
} from "@complaints/core";
import { PROFILE_IDS, isProfileId, loadProfile, profileDocuments } from "../councils/index.js";
import { explainProfile, type ExplainOptions } from "../explain.js";
import { DEFAULT_PLUGINS_CONFIG, PluginConfigError, loadPlugins } from "../install.js";

const USAGE = `usage: pnpm profile:explain <${PROFILE_IDS.join("|")}> [--service <id>] [--kind <${CASE_KINDS.join("|")}>] [--rules-only] [--plugins <file>]`;

/** Explains with `plugins`, the ones loaded from the plugins file (see `run` below). */
export function main(
  argv: readonly string[],
  plugins: readonly ServicePlugin[],
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
      plugins,
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

/** The command: loads the plugins file (`--plugins <file>`, else the shipped one), then explains. */
export async function run(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const args = [...argv];
  const at = args.indexOf("--plugins");
  let file = DEFAULT_PLUGINS_CONFIG;
  if (at >= 0) {
    const given = args.splice(at, 2)[1];
    if (!given || given.startsWith("--")) {
      err(`--plugins needs a plugins file.\n${USAGE}`);
      return 2;
    }
    file = given;
  }
  try {
    return main(args, await loadPlugins(file), out, err);
  } catch (error) {
    if (!(error instanceof PluginConfigError)) throw error;
    err(error.message);
    return 1;
  }
}

// Run when executed as a script (not when imported by a test), also through a bin symlink.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await run(process.argv.slice(2));
}
