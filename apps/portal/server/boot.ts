/**
 * Boots the whole product in one process: opens the database (PostgreSQL when DATABASE_URL is
 * set, otherwise PGlite in a folder), migrates it, builds the API's dependencies, mounts the
 * portal as the API app's catch-all and listens. Used by `npm start` and by the browser tests.
 */
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { configFromEnv, createApp, createDeps, type AppDeps } from "@complaints/api";
import { createDb, migrateToLatest, type Database } from "@complaints/db";
import { portalHandler } from "./portal.js";

export interface BootOptions {
  build: ServerBuild;
  clientDir: string;
  env?: NodeJS.ProcessEnv;
  /** Print the address and demo logins (the start script); tests stay quiet. */
  announce?: boolean;
}

export interface RunningServer {
  url: string;
  deps: AppDeps;
  database: Database;
  close(): Promise<void>;
}

export async function bootServer(options: BootOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const config = configFromEnv(env);
  const dataDir = path.resolve(env.DATA_DIR ?? ".data/pglite");
  if (!env.DATABASE_URL) mkdirSync(dataDir, { recursive: true });
  const database = env.DATABASE_URL ? await createDb({ url: env.DATABASE_URL }) : await createDb({ dataDir });
  await migrateToLatest(database.db);
  const deps = createDeps({ database, config });
  const app = createApp(deps, { portal: portalHandler({ deps, build: options.build, clientDir: options.clientDir }) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = env.PUBLIC_URL ?? `http://localhost:${port}`;
  if (options.announce !== false) {
    process.stdout.write(`\nComplaints platform: ${url}\n`);
    process.stdout.write(`  database: ${env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${dataDir}`}\n`);
  }
  return {
    url,
    deps,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
