/**
 * Profiles as files a council writes and keeps (issue 14: "a JSON/YAML file that a council
 * writes"): read, checked with every problem named (core's schema, then the rules with the
 * installed plugins), and written back in the same form so `export` then `update` changes
 * nothing. YAML through `yaml` (docs/decisions/0315-council-install-command.md): YAML 1.2, so
 * "17:00", "2026-12-29" and "no" stay strings. The file reading lives here, not in core (pure).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument, stringify } from "yaml";
import {
  DomainError,
  ProfileValidationError,
  RuleConfigurationError,
  RuleBook,
  describeProfileProblem,
  parseCouncilProfile,
  type CouncilProfile,
  type ServicePlugin,
} from "@complaints/core";
import { PROFILE_IDS, isProfileId, loadProfile, profileDocuments } from "./councils/index.js";

export type ProfileFormat = "json" | "yaml";

/** A profile file or packaged id that cannot be used, with every problem found. */
export class ProfileFileError extends DomainError {
  override readonly name = "ProfileFileError";
  constructor(
    /** The file, or the packaged id, the problems are about. */
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super("INVALID_INPUT", `${source}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`}`);
  }
}

/** The format a file name asks for (.yaml/.yml or .json). */
export function formatOf(file: string): ProfileFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  throw new ProfileFileError(file, [`the file name must end in .yaml, .yml or .json (it ends in "${ext || "nothing"}")`]);
}

/** The data in a profile file's text, or the syntax errors with their lines. */
export function parseProfileText(text: string, format: ProfileFormat, source: string): unknown {
  if (format === "json") {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ProfileFileError(source, [`not valid JSON: ${(error as Error).message}`]);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new ProfileFileError(source, doc.errors.map((e) => `not valid YAML: ${e.message.split("\n")[0]}`));
  return doc.toJS() as unknown;
}

/** The profile as file text: the same data back when read with `parseProfileText`. */
export function profileToText(profile: CouncilProfile, format: ProfileFormat): string {
  return format === "json" ? `${JSON.stringify(profile, null, 2)}\n` : stringify(profile, { lineWidth: 0 });
}

/**
 * A profile checked as the server will use it: core's schema (every field at fault, with its
 * value), then the rules with the plugins (two plugins claiming a service, a timescale above a
 * statutory maximum, a plugin that is not installed — every clash). Throws ProfileFileError.
 */
export function checkProfile(input: unknown, source: string, plugins: readonly ServicePlugin[]): { profile: CouncilProfile; book: RuleBook } {
  let profile: CouncilProfile;
  try {
    profile = parseCouncilProfile(input);
  } catch (error) {
    if (error instanceof ProfileValidationError) throw new ProfileFileError(source, error.problems.map(describeProfileProblem));
    throw error;
  }
  try {
    return { profile, book: new RuleBook(profile, plugins) };
  } catch (error) {
    if (error instanceof RuleConfigurationError) throw new ProfileFileError(source, error.problems);
    throw error;
  }
}

/** Reads and checks a profile file (.yaml, .yml or .json). */
export function readProfileFile(file: string, plugins: readonly ServicePlugin[]): { profile: CouncilProfile; book: RuleBook } {
  const format = formatOf(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ProfileFileError(file, [code === "ENOENT" ? "there is no such file" : `cannot be read (${code ?? (error as Error).message})`]);
  }
  return checkProfile(parseProfileText(text, format, file), file, plugins);
}

/**
 * `--profile <id|file>`: one of the packaged councils by id, or a file. Anything that is not
 * a packaged id and has no file extension is refused naming the packaged ids.
 */
export function resolveProfile(ref: string, plugins: readonly ServicePlugin[]): { profile: CouncilProfile; book: RuleBook; from: string } {
  if (isProfileId(ref)) {
    const { profile } = loadProfile(profileDocuments[ref]);
    return { ...checkProfile(profile, `packaged profile "${ref}"`, plugins), from: `the packaged profile "${ref}"` };
  }
  if (!path.extname(ref)) {
    throw new ProfileFileError(ref, [`there is no packaged profile "${ref}": use one of ${PROFILE_IDS.join(", ")}, or a .yaml or .json file`]);
  }
  return { ...readProfileFile(ref, plugins), from: ref };
}
