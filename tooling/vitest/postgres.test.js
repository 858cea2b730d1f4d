import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { findPostgresBin, startThrowawayPostgres } from "./postgres.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const asRoot = process.getuid?.() === 0;
const saved = process.env.TMPDIR;
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

// Without the server binaries there is nothing to start (CI installs them: .ci/run).
describe.skipIf(!findPostgresBin())("the throwaway PostgreSQL cluster (issue 19: npm test in a private folder)", () => {
  it("keeps its data under the system temp folder, never in the checkout, and removes it on stop", async () => {
    const server = await startThrowawayPostgres();
    try {
      expect(server.dataDir.startsWith(path.resolve(os.tmpdir()) + path.sep)).toBe(true);
      expect(server.dataDir.startsWith(repoRoot + path.sep)).toBe(false);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows[0].one).toBe(1);
      await client.end();
    } finally {
      await server.stop();
    }
    expect(existsSync(path.dirname(server.dataDir))).toBe(false);
  });

  it.runIf(asRoot)("as root, with TMPDIR in a folder the postgres user cannot enter (a clone under /root), uses /tmp", async () => {
    const private700 = mkdtempSync(path.join(os.tmpdir(), "private-"));
    execFileSync("chmod", ["700", private700]);
    process.env.TMPDIR = private700;
    try {
      const server = await startThrowawayPostgres({ settings: { work_mem: "8MB" } });
      try {
        expect(server.dataDir.startsWith("/tmp/")).toBe(true);
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        expect((await client.query("SHOW work_mem")).rows[0].work_mem).toBe("8MB");
        await client.end();
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(private700, { recursive: true, force: true });
    }
  });
});
