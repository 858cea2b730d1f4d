/**
 * `pnpm start`: one express 5 server on one port serving the API (tRPC at /trpc, REST and
 * OpenAPI at /api, health at /healthz and /readyz) and the portal (Remix). Prints the address
 * and, in embedded mode, the demo logins.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { closeOnSignal } from "@complaints/api";
import { bootServer } from "./boot.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
const started = await bootServer({ build, clientDir: path.join(root, "build/client") }).catch((error: unknown) => {
  process.stderr.write(`Could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
process.stdout.write(`Portal: ${started.url}/ (public forms) and ${started.url}/sign-in (staff)\n`);
closeOnSignal(started);
