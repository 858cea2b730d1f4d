/**
 * `npm run council -- <install|export|update|hosts|list>`: installing and keeping a real council
 * (issue 14; README "Running it for your council"). It uses the server's own database settings
 * (DATABASE_URL or DATA_DIR, AUDIT_KEY: apps/api/src/config.ts) and migrates first. Thin: it
 * reads the arguments and prints; the work is in services/installation.ts and
 * services/profile-changes.ts, the files in @complaints/profiles.
 *
 * Exit codes: 0 done; 1 refused (a profile with problems, a second install, no such council);
 * 2 the command line itself is wrong.
 */
import { writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DomainError, type CouncilProfile } from "@complaints/core";
import { PROFILE_IDS, formatOf, loadPlugins, profileToText, resolveProfile } from "@complaints/profiles";
import { configFromEnv, ConfigError } from "../config.js";
import { createContextInner, type AppDeps } from "../context.js";
import { createDeps } from "../deps.js";
import { silentLogger } from "../logger.js";
import { auditKeyFor, migrateDatabase, openDatabase } from "../start.js";
import { chooseCouncil, installNewCouncil, listCouncils, setHostNames, storedProfile, type SystemActor } from "../services/installation.js";
import { applyProfileChange, previewProfileChange, type ProfileChangePreview } from "../services/profile-changes.js";

export const USAGE = `usage: npm run council -- <command> [options]

  install --profile <id|file> --admin-email <email> [--admin-name <name>] [--slug <slug>] [--host <name>]...
      Installs a council from a packaged profile (${PROFILE_IDS.join(", ")}) or a .yaml/.json
      file, with its first administrator, who gets a temporary password (printed once) to
      change at first sign-in. Refused when the database has a council already, unless --slug
      names a new one (several councils on one server). --host (repeatable) gives the host
      names its pages answer to, such as complaints.leeds.gov.uk.
  export [--council <slug>] [--out <file.yaml|file.json>]
      Writes the council's profile (YAML to the screen without --out).
  export --profile <id> [--out <file.yaml|file.json>]
      Writes a packaged profile, to start your own from (no database needed).
  update --profile <file> [--council <slug>] [--dry-run] [--reason <why>]
      Shows what the profile changes and whose due dates move; without --dry-run saves it and
      recalculates the open cases whose rules changed.
  hosts [--council <slug>] [--set <name,...>]
      Shows the council's host names; --set replaces them (--set "" removes them all).
      Refused when a name is another council's.
  list
      The councils in this database, with their host names.

The database is the server's: DATABASE_URL (with AUDIT_KEY), or the embedded one in DATA_DIR.`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

const options = {
  profile: { type: "string" },
  "admin-email": { type: "string" },
  "admin-name": { type: "string" },
  slug: { type: "string" },
  host: { type: "string", multiple: true },
  set: { type: "string" },
  council: { type: "string" },
  out: { type: "string" },
  "dry-run": { type: "boolean" },
  reason: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const ALLOWED: Record<string, ReadonlyArray<keyof typeof options>> = {
  install: ["profile", "admin-email", "admin-name", "slug", "host"],
  export: ["council", "out", "profile"],
  update: ["profile", "council", "dry-run", "reason"],
  hosts: ["council", "set"],
  list: [],
};

/** The system as the actor, named with the operating-system user who ran the command. */
export function cliActor(user: string = userInfo().username): SystemActor {
  return { id: `cli:${user}`, name: `council command (OS user ${user})` };
}

/** Runs the command; returns the exit code. `env` is read through config.ts only. */
export async function main(argv: readonly string[], io: Io, env?: NodeJS.ProcessEnv, actor: SystemActor = cliActor()): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    const [command, ...extra] = parsed.positionals;
    if (parsed.values.help || !command) throw new UsageError("");
    const allowed = ALLOWED[command];
    if (!allowed) throw new UsageError(`Unknown command "${command}"`);
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    for (const key of Object.keys(parsed.values)) {
      if (key !== "help" && !allowed.includes(key as keyof typeof options)) throw new UsageError(`--${key} is not an option of ${command}`);
    }
    if ((command === "install" || command === "update") && !parsed.values.profile) throw new UsageError(`${command} needs --profile <id|file>`);
    if (command === "install" && !parsed.values["admin-email"]) throw new UsageError("install needs --admin-email <email> for the first administrator");
    if (parsed.values.out) formatOf(parsed.values.out);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      if ((error as Error).message) io.err((error as Error).message);
      io.err(USAGE);
      return 2;
    }
    if (error instanceof DomainError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }

  const command = parsed.positionals[0]!;
  const v = parsed.values;
  let deps: AppDeps | null = null;
  try {
    // Read the plugins file and the profile first: problems are refused before the database is touched.
    const config = configFromEnv(env);
    const plugins = await loadPlugins(config.pluginsConfig);
    const profileRef = v.profile;
    const resolved = profileRef ? resolveProfile(profileRef, plugins) : null;
    if (command === "export" && resolved) {
      if (v.council) throw new UsageError("export takes --council or --profile, not both");
      return writeProfile(io, resolved.profile, v.out, resolved.from);
    }

    let auditKey: { key: string };
    try {
      auditKey = auditKeyFor(config);
    } catch (error) {
      io.err((error as Error).message); // AUDIT_KEY missing on PostgreSQL: the events could not be signed
      return 1;
    }
    const { database, where } = await openDatabase(config.database);
    deps = createDeps({ database, config: { ...config, auditKey: auditKey.key }, log: silentLogger, plugins });
    const migrated = await migrateDatabase(config.database, database);
    io.err(`Database: ${where}${migrated.applied.length ? `; applied ${migrated.applied.length} migrations` : ""}`);

    switch (command) {
      case "list": {
        const councils = await listCouncils(database.db);
        if (!councils.length) io.out("No council is installed in this database yet.");
        for (const c of councils) {
          io.out(`${c.slug}\t${c.name}\treferences ${c.referencePrefix}-…\tprofile "${String(c.profile["id"])}"\t${c.hosts.length ? `hosts ${c.hosts.join(", ")}` : "no host name"}`);
        }
        return 0;
      }
      case "install": {
        const result = await installNewCouncil(deps, {
          profile: resolved!.profile,
          slug: v.slug,
          admin: { email: v["admin-email"]!, name: v["admin-name"] ?? "Administrator" },
          hosts: v.host,
          actor,
        });
        io.out(`Installed ${result.council.name} as council "${result.council.slug}" from ${resolved!.from}; case references start ${result.council.referencePrefix}-.`);
        if (result.council.hosts.length) io.out(`Its pages answer at: ${result.council.hosts.join(", ")}`);
        io.out("");
        io.out(`First administrator: ${result.administrator.name} <${result.administrator.email}>`);
        io.out(`Temporary password:  ${result.administrator.temporaryPassword}`);
        io.out("  Shown this once and stored only as a hash: give it to the administrator, who must");
        io.out(`  choose their own at first sign-in (${config.publicUrl}/sign-in).`);
        io.out("");
        io.out(`Start the server with the same settings, without the demo: SEED_DEMO=false npm start`);
        return 0;
      }
      case "hosts": {
        const council = await chooseCouncil(database.db, v.council);
        if (v.set === undefined) {
          io.out(council.hosts.length ? `${council.name} answers at: ${council.hosts.join(", ")}` : `${council.name} has no host name of its own.`);
          return 0;
        }
        const names = v.set.split(",").map((n) => n.trim()).filter((n) => n.length > 0);
        const { before, after } = await setHostNames(deps, council, names, actor);
        const words = (hosts: string[]) => (hosts.length ? hosts.join(", ") : "none");
        io.out(before.join() === after.join() ? `No change: ${council.name} answers at ${words(after)}.` : `${council.name}'s host names: ${words(before)} → ${words(after)}`);
        return 0;
      }
      case "export": {
        const council = await chooseCouncil(database.db, v.council);
        return writeProfile(io, storedProfile(council), v.out, `the profile of ${council.name} (council "${council.slug}")`);
      }
      case "update": {
        const council = await chooseCouncil(database.db, v.council);
        const ctx = createContextInner({ deps });
        const input = { profile: resolved!.profile };
        if (v["dry-run"]) {
          printPreview(io, council.name, resolved!.from, await previewProfileChange(ctx, council.id, input));
          io.out("Dry run: nothing was saved.");
          return 0;
        }
        const reason = v.reason ?? `Profile updated from ${path.basename(resolved!.from)} with the council command`;
        const applied = await applyProfileChange(ctx, { kind: "system", ...actor }, council.id, input, reason);
        printPreview(io, council.name, resolved!.from, applied);
        io.out(
          applied.saved
            ? `Saved. ${applied.recalculated ? `Recalculated ${applied.recalculated.cases} open case${applied.recalculated.cases === 1 ? "" : "s"}, each with an event in its history.` : ""}`
            : "Nothing to save: the profile is the one in use.",
        );
        return 0;
      }
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(USAGE);
      return 2;
    }
    if (error instanceof DomainError || error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await deps?.database.close();
  }
}

/** The profile as YAML on the screen, or as the file `out` names (YAML or JSON by its extension). */
function writeProfile(io: Io, profile: CouncilProfile, out: string | undefined, what: string): number {
  if (!out) {
    io.out(profileToText(profile, "yaml").trimEnd());
    return 0;
  }
  writeFileSync(out, profileToText(profile, formatOf(out)));
  io.out(`Wrote ${what} to ${out}`);
  return 0;
}

function printPreview(io: Io, councilName: string, from: string, preview: ProfileChangePreview): void {
  if (!preview.changes.length && !preview.services.length) {
    io.out(`No change: ${from} is the profile ${councilName} uses now.`);
    return;
  }
  io.out(`Changes to ${councilName} from ${from}:`);
  for (const c of preview.changes) io.out(`  - ${c.what}: ${c.before ?? "(none)"} → ${c.after ?? "(removed)"}`);
  if (preview.services.length) {
    io.out("Services whose rules change:");
    for (const s of preview.services) {
      io.out(`  - ${s.serviceName} (${s.serviceId}), for ${s.kinds.join(", ")}:`);
      for (const r of s.changes) io.out(`      ${r.rule}: ${r.before}  →  ${r.after}`);
    }
  }
  const o = preview.openCases;
  io.out(`Open cases: ${o.total}; under changed rules: ${o.underChangedRules}; due dates would move: ${o.datesMove}`);
  for (const m of preview.moves.slice(0, 20)) io.out(`  ${m.reference}: ${m.changes.map((c) => `${c.id} ${c.from ?? "none"} → ${c.to}`).join(", ")}`);
  if (preview.moves.length > 20) io.out(`  … and ${preview.moves.length - 20} more`);
  for (const b of preview.blockers) io.out(`Cannot be saved: ${b}`);
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const code = await main(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`The council command failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  });
  process.exitCode = code;
}
