/**
 * `pnpm start`: one express 5 server on one port serving the API (tRPC at /trpc, REST and
 * OpenAPI at /api, health at /healthz and /readyz) and the portal (Remix). Prints the address
 * and, in embedded mode, the demo council and its logins (`-- --council <id>` picks which).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeOnSignal, envWithArguments } from "@complaints/api";
import { bootServer } from "./boot.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
// `npm start -- --council leeds` arrives here as arguments (tooling/scripts/bootstrap.mjs).
const started = await Promise.resolve()
  .then(() => bootServer({ build, clientDir: path.join(root, "build/client"), env: envWithArguments(process.argv.slice(2)) }))
  .catch((error: unknown) => {
  process.stderr.write(`Could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
process.stdout.write(`Portal: ${started.url}/ (public forms) and ${started.url}/sign-in (staff)\n`);
closeOnSignal(started);
