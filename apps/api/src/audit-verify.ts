/**
 * `npm run audit:verify`: verifies every chain of the event log (every case, conduct process and
 * administration log, and every keyed head) with the audit key, and prints what is broken.
 * Exit status 0: everything verifies; 1: a chain is broken; 2: it could not run.
 *
 * Settings as `npm start`'s: DATABASE_URL (or the embedded database in DATA_DIR, which must not
 * be open in a running server: PGlite is one process) and AUDIT_KEY (or the embedded demo's key
 * file). `--council <slug>` verifies one council. Nothing is written (it does not migrate or seal).
 */
import path from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { organisationRepository, setAuditKey, verifyAllChains } from "@complaints/db";
import { configFromEnv } from "./config.js";
import { auditKeyFor, openDatabase, pgliteKeyFile } from "./start.js";

export async function auditVerify(argv: readonly string[], env: NodeJS.ProcessEnv | undefined, out: (line: string) => void): Promise<number> {
  const at = argv.indexOf("--council");
  const slug = at >= 0 ? argv[at + 1] : undefined;
  const unknown = argv.filter((a, i) => !(i === at || (at >= 0 && i === at + 1)));
  if ((at >= 0 && (!slug || slug.startsWith("--"))) || unknown.length) {
    out(`Usage: npm run audit:verify [-- --council <slug>]${unknown.length ? ` (not understood: ${unknown.join(" ")})` : " (--council needs a council's slug)"}`);
    return 2;
  }
  const config = configFromEnv(env);
  if (!config.auditKey && !config.database.url && !existsSync(pgliteKeyFile(config.database))) {
    out(`No audit key: set AUDIT_KEY, or start the embedded demo once (it makes ${pgliteKeyFile(config.database)})`);
    return 2;
  }
  const key = auditKeyFor(config);
  setAuditKey(key.key);
  const { database, where } = await openDatabase(config.database);
  try {
    let councilId: string | undefined;
    if (slug) {
      const council = await organisationRepository.findCouncilBySlug(database.db, slug);
      if (!council) {
        out(`There is no council "${slug}"`);
        return 2;
      }
      councilId = council.id;
    }
    const result = await verifyAllChains(database.db, councilId ? { councilId } : {});
    out(`Audit log (${where}, key from ${key.where}): ${result.streams} streams, ${result.events} events${result.sealed ? "" : " (legacy streams not sealed yet: start the server once with the key)"}`);
    if (result.ok) {
      out("OK: every chain verifies.");
      return 0;
    }
    out(`BROKEN: ${result.failures.length} chain(s) do not verify:`);
    for (const f of result.failures) out(`  ${f.stream}  ${f.problem}  ${f.message}`);
    return 1;
  } finally {
    await database.close();
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const code = await auditVerify(process.argv.slice(2), undefined, (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`Could not verify the audit log: ${(error as Error).message}\n`);
    return 2;
  });
  process.exit(code);
}
