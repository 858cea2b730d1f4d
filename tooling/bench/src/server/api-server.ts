/**
 * The API for benchmarks: the same express app, routers and database settings as
 * `pnpm start` (apps/api/src/start.ts), without the background jobs, so a sweep over a million
 * cases cannot land in the middle of a measurement. Prints `listening <url>` when ready.
 *
 *   DATABASE_URL=postgres://… PORT=4100 node dist/server/api-server.js
 */
import type { AddressInfo } from "node:net";
import { configFromEnv, createApp, createDeps, openDatabase } from "@complaints/api";
import { loadPlugins } from "@complaints/profiles";
import { migrateToLatest } from "@complaints/db";

const config = configFromEnv(process.env);
const { database } = await openDatabase(config.database);
await migrateToLatest(database.db);
const deps = createDeps({ database, config, log: quietLogger(), plugins: await loadPlugins(config.pluginsConfig) });
const app = createApp(deps);
const server = app.listen(config.port, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening http://127.0.0.1:${port}\n`);
});
const stop = () => {
  server.close();
  void database.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

/** Errors only: a benchmark must not be slowed by request logs. */
function quietLogger() {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const error = fields?.error as { message?: string; stack?: string } | undefined;
    process.stderr.write(`${JSON.stringify({ level, message, ...fields, ...(error?.message ? { error: error.message } : {}) })}\n`);
  };
  return { info: () => {}, warn: write("warn"), error: write("error") };
}
