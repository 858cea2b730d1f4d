/**
 * Boots the whole product in one process through the API's own start-up (`startServer`):
 * the database (PGlite in .data/, or PostgreSQL with DATABASE_URL), migrations, the demo
 * council, background jobs and the API's express app, with the portal mounted as its
 * catch-all. Used by `npm start` and by the browser tests.
 */
import type { RequestHandler } from "express";
import type { ServerBuild } from "@remix-run/node";
import { startServer, type Started } from "@complaints/api";
import { portalHandler } from "./portal.js";

export interface BootOptions {
  build: ServerBuild;
  clientDir: string;
  env?: NodeJS.ProcessEnv;
  /** Tests stay quiet; the start script prints the address and the demo logins. */
  quiet?: boolean;
}

export async function bootServer(options: BootOptions): Promise<Started> {
  // The portal needs the API's dependencies, which exist only once startServer has built
  // them; requests that arrive in between wait for them (the server listens just before).
  let handler: RequestHandler | null = null;
  let ready!: () => void;
  const built = new Promise<void>((resolve) => (ready = resolve));
  const portal: RequestHandler = (req, res, next) => {
    if (handler) return handler(req, res, next);
    built.then(() => handler!(req, res, next), next);
  };
  const started = await startServer(options.env, { portal, quiet: options.quiet ?? false });
  handler = portalHandler({ deps: started.deps, build: options.build, clientDir: options.clientDir });
  ready();
  return started;
}
