/**
 * One express 5 server on one port: the API (tRPC at /trpc, REST/OpenAPI at /api, health) and
 * the portal (Remix) as its catch-all. Embedded mode (no DATABASE_URL) keeps a PGlite database
 * in a folder, migrated and seeded with a demo council and demo staff; with DATABASE_URL it
 * runs against PostgreSQL.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { bootServer } from "./boot.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
const server = await bootServer({ build, clientDir: path.join(root, "build/client") });

const shutdown = async (signal: string) => {
  process.stderr.write(`\n${signal}: stopping\n`);
  await server.close();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
