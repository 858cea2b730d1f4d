/**
 * Which council a request is for, when one server holds several (issue 14, "Several councils
 * on one server"; docs/decisions/0316-council-by-host.md). In order:
 *
 * 1. the host name the browser asked for, when a council answers to it (council_hosts);
 * 2. the council named by the address's `/c/<slug>/` prefix, or remembered from the last such
 *    address this browser visited (the `cm_council` cookie: `councilPrefix` below), for servers
 *    without a name per council;
 * 3. PUBLIC_COUNCIL (config.ts);
 * 4. the only council on the server.
 *
 * A server with no council at all, or that cannot tell which of its councils an address is
 * for, answers NOT_SET_UP (503, errors.ts) in plain words: never a 500, never a guess.
 */
import type { RequestHandler } from "express";
import { normaliseHostName, organisationRepository, type CouncilRecord, type Executor } from "@complaints/db";
import type { AppDeps, RequestInfo } from "./context.js";
import type { CouncilRuntime } from "./councils.js";
import { notSetUp } from "./errors.js";

export type CouncilSource = "host" | "prefix" | "setting" | "only";

export interface ChosenCouncil {
  runtime: CouncilRuntime;
  /** How it was chosen. */
  via: CouncilSource;
}

/** The cookie that remembers the council of the last `/c/<slug>/` address this browser visited. */
export const COUNCIL_COOKIE = "cm_council";

/** The command that installs a council (README, "Running it for your council"). */
export const INSTALL_COMMAND = "npm run council -- install --profile <id|file> --admin-email <email>";

export const NOTHING_INSTALLED = "No council has been installed on this server yet, so this service is not open.";

/** Said to whoever tries to sign in to a server with no council: what the person running it does next. */
export const INSTALL_HINT = `No council has been installed on this server yet, so nobody can sign in. Whoever runs the server installs one with \`${INSTALL_COMMAND}\` (README, "Running it for your council"), then signs in as the administrator it creates.`;

/** Names the server answers to whatever councils it holds: its own address and the loopback ones. */
function serverOwnHost(deps: AppDeps, host: string): boolean {
  if (host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host)) return true;
  return host === new URL(deps.config.publicUrl).hostname.toLowerCase();
}

/** The council that answers to the request's host name, if any. */
export async function councilOfHost(deps: AppDeps, host: string | null): Promise<CouncilRecord | undefined> {
  const name = host ? normaliseHostName(host) : null;
  return name ? organisationRepository.findCouncilByHost(deps.database.db, name) : undefined;
}

/** The council this request is for, or NOT_SET_UP saying why there is none. */
export async function chooseCouncil(deps: AppDeps, request: Pick<RequestInfo, "host" | "councilSlug">): Promise<ChosenCouncil> {
  const db = deps.database.db;
  const chosen = async (council: CouncilRecord, via: CouncilSource) => ({ runtime: await deps.councils.get(council.id), via });

  const byHost = await councilOfHost(deps, request.host);
  if (byHost) return chosen(byHost, "host");
  if (request.councilSlug) {
    const bySlug = await organisationRepository.findCouncilBySlug(db, request.councilSlug);
    if (bySlug) return chosen(bySlug, "prefix");
  }
  const host = request.host ? normaliseHostName(request.host) : null;
  if (host && !serverOwnHost(deps, host) && (await organisationRepository.anyCouncilHosts(db))) {
    throw notSetUp(`This service is not set up at this address (${host}): no council on this server answers to it. Check the address, or use your council's own.`, "unknown-address");
  }
  const slug = deps.config.publicForms.council;
  if (slug) {
    const council = await organisationRepository.findCouncilBySlug(db, slug);
    if (!council) throw notSetUp(`This service is not set up yet: it is meant for the council "${slug}" (PUBLIC_COUNCIL), which is not installed on this server.`, "public-council-missing");
    return chosen(council, "setting");
  }
  const councils = await organisationRepository.listCouncils(db);
  if (councils.length === 1) return chosen(councils[0]!, "only");
  if (councils.length === 0) throw notSetUp(NOTHING_INSTALLED, "nothing-installed");
  throw notSetUp(
    `This server holds several councils and this address does not say which one you want. Use your council's own address, or one of these: ${councils.map((c) => `/c/${c.slug}/ for ${c.name}`).join("; ")}.`,
    "council-not-chosen",
  );
}

/** Paths whose clients (scripts, integrations) do not follow redirects or keep cookies. */
const API_PATHS = /^\/(trpc|api|auth)(\/|$)/;
const PREFIX = /^\/c\/([a-z0-9]+(?:-[a-z0-9]+)*)(\/.*)?$/;

/**
 * `/c/<slug>/…`: the council for servers without a host name per council. A page is redirected
 * to its own address without the prefix, and the browser remembers the council in a cookie, so
 * every link the pages build (`/complain`, `/track`…) goes on working unchanged; an API call
 * under the prefix is answered in place, for that council. An unknown slug is a plain 404.
 */
export function councilPrefix(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const match = PREFIX.exec(req.path);
    if (!match) return next();
    const slug = match[1]!;
    // One leading slash only: "/c/leeds//elsewhere.example" must not redirect off this site.
    const rest = `/${(match[2] ?? "").replace(/^[/\\]+/, "")}`;
    organisationRepository
      .findCouncilBySlug(deps.database.db, slug)
      .then((council) => {
        if (!council) {
          res.status(404).type("text/plain").send(`There is no council "${slug}" on this server. Check the address.`);
          return;
        }
        res.cookie(COUNCIL_COOKIE, slug, { httpOnly: true, sameSite: "lax", secure: deps.config.secureCookies, path: "/" });
        (res.locals as { councilSlug?: string }).councilSlug = slug;
        const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
        if ((req.method === "GET" || req.method === "HEAD") && !API_PATHS.test(rest)) {
          res.redirect(303, `${rest}${query}`);
          return;
        }
        req.url = `${rest}${query}`;
        next();
      })
      .catch(next);
  };
}

/**
 * The address residents use for a council's public pages, for links in what we write to them
 * (the Stage 2 form in a letter, a survey): the council's own host name when it has one, else
 * this server's address with the council's `/c/<slug>/` prefix (decision 0316). Inside a
 * transaction, pass it as `db` (PGlite has one connection).
 */
export async function councilPublicAddress(deps: Pick<AppDeps, "database" | "config">, council: { id: string; slug: string }, db: Executor = deps.database.db): Promise<string> {
  const [host] = await organisationRepository.councilHosts(db, council.id);
  const base = new URL(deps.config.publicUrl);
  return host ? `${base.protocol}//${host}` : `${base.origin}/c/${council.slug}`;
}
