/**
 * Single sign-on through OpenID Connect (councils use Entra ID), with openid-client: the
 * authorization code flow with PKCE, state and nonce. The issuer is discovered at start-up.
 *
 * A staff member signs in with SSO when an administrator has created their account, or when
 * their council maps one of their groups to a role (sso-groups.ts, decision 0317): the first
 * sign-in links the account by a verified email (one council, one match), later ones by the
 * issuer's subject identifier. Without a mapping nobody gets an account, or a role, from the
 * identity provider (decision 0304).
 */
import * as client from "openid-client";
import { adminLog, authRepository, inTransaction, organisationRepository, roleRequests, type Actor, type Executor, type StaffIdentity } from "@complaints/db";
import type { OidcSettings } from "../config.js";
import type { CouncilDirectory, CouncilRuntime } from "../councils.js";
import { CASE_READERS } from "../access/policy.js";
import { grantKey, grantsForGroups, grantsInStep, type MappedGrant } from "./sso-groups.js";

/** What the browser keeps between leaving for the provider and coming back. */
export interface OidcPending {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** The provider's `email_verified` claim is true: it has checked that the address is this person's. */
  emailVerified: boolean;
  name: string | null;
  /** The groups claim (its name is `OIDC_GROUPS_CLAIM`); empty when the provider sent none. */
  groups: string[];
  /**
   * The provider left the groups out because there are too many for a token (Entra ID's
   * "overage": `_claim_names` points elsewhere instead); the groups are then not known.
   */
  groupsOverflow: boolean;
}

export class OidcError extends Error {
  override readonly name = "OidcError";
}

export class OidcLogin {
  private constructor(
    private readonly config: client.Configuration,
    readonly settings: OidcSettings,
    readonly redirectUri: string,
  ) {}

  /**
   * Discovers the provider. `allowHttp` permits an http:// issuer (a provider running inside
   * a test); production issuers are https.
   */
  static async discover(settings: OidcSettings, redirectUri: string, options: { allowHttp?: boolean } = {}): Promise<OidcLogin> {
    const config = await client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      { client_secret: settings.clientSecret },
      client.ClientSecretBasic(settings.clientSecret),
      options.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    return new OidcLogin(config, settings, redirectUri);
  }

  get issuer(): string {
    return this.config.serverMetadata().issuer;
  }

  async start(returnTo: string): Promise<{ url: URL; pending: OidcPending }> {
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending: OidcPending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, returnTo: safeReturnTo(returnTo) };
    const url = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.redirectUri,
      scope: "openid email profile",
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Completes the flow from the URL the provider redirected back to. */
  async finish(callbackUrl: URL, pending: OidcPending): Promise<OidcIdentity> {
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(this.config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new OidcError(`Single sign-on did not complete: ${(error as Error).message}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcError("The identity provider sent no ID token");
    let emailClaim = claims[this.settings.emailClaim] ?? claims.email;
    let name = claims.name;
    let verified: unknown = claims.email_verified;
    let groups: unknown = claims[this.settings.groupsClaim];
    let overflow = hasClaimSource(claims, this.settings.groupsClaim);
    // Providers that keep profile claims out of the ID token give them from UserInfo.
    if ((typeof emailClaim !== "string" || (groups === undefined && !overflow)) && tokens.access_token) {
      try {
        const info = await client.fetchUserInfo(this.config, tokens.access_token, claims.sub);
        if (typeof emailClaim !== "string") emailClaim = info[this.settings.emailClaim] ?? info.email;
        name ??= info.name;
        verified ??= info.email_verified;
        groups ??= info[this.settings.groupsClaim];
        overflow ||= hasClaimSource(info, this.settings.groupsClaim);
      } catch (error) {
        throw new OidcError(`The identity provider's user information could not be read: ${(error as Error).message}`);
      }
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof emailClaim === "string" ? emailClaim : null,
      // Some providers send the claim as the string "true".
      emailVerified: verified === true || verified === "true",
      name: typeof name === "string" ? name : null,
      // One group may come as a plain string.
      groups: (Array.isArray(groups) ? groups : typeof groups === "string" ? [groups] : []).filter((g): g is string => typeof g === "string"),
      groupsOverflow: overflow,
    };
  }
}

/** The claim is "distributed" (OpenID Connect Core §5.6.2): the token names where to fetch it instead. */
function hasClaimSource(claims: Record<string, unknown>, name: string): boolean {
  const names = claims._claim_names;
  return typeof names === "object" && names !== null && name in names;
}

/** Only paths on this site: never an absolute URL or "//host" (no open redirect). */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

/** Who the single sign-on acts as in the administration log: the system, following the council's mapping. */
const SSO_ACTOR: Actor = { type: "system", id: null };

/**
 * The staff account an SSO identity signs in as: linked by subject, or on first use by email
 * (exactly one active account, not linked to another identity) when the provider says it has
 * verified that email (`email_verified`: issue 20). Without that, anyone who can set an
 * unverified address at the provider would take over the account that has it.
 *
 * With no account, a council whose mapping gives one of the person's groups a role makes one
 * (decision 0317). Then, at every sign-in, the roles the mapping can give follow the groups.
 * All of it in one transaction, each change in the council's administration log.
 */
export async function staffForIdentity(deps: { db: Executor; councils: CouncilDirectory }, identity: OidcIdentity, now: Date): Promise<StaffIdentity> {
  // The councils' rules are read before the transaction: the directory reads on its own connection.
  const runtimes = new Map<string, CouncilRuntime>();
  for (const council of await organisationRepository.listCouncils(deps.db)) runtimes.set(council.id, await deps.councils.get(council.id));
  const runtimeOf = (councilId: string) => {
    const runtime = runtimes.get(councilId);
    if (!runtime) throw new Error(`No council ${councilId}`);
    return runtime;
  };
  const staff = await inTransaction(deps.db, async (trx) => {
    const linked = await authRepository.findStaffByOidc(trx, identity.issuer, identity.subject);
    if (linked) {
      if (!linked.active) throw new OidcError("Your account is switched off; ask an administrator");
      return keepGrantsInStep(trx, runtimeOf(linked.councilId), linked, identity, now);
    }
    if (!identity.email) throw new OidcError("The identity provider did not say who you are (no email claim)");
    if (!identity.emailVerified) {
      throw new OidcError(`The identity provider has not confirmed that ${identity.email} is your address, so it cannot be linked to a staff account; ask an administrator`);
    }
    const all = await authRepository.findStaffByEmail(trx, identity.email);
    const matches = all.filter((s) => s.active);
    if (matches.length > 1) throw new OidcError(`More than one council has an account for ${identity.email}; ask an administrator`);
    if (matches.length === 0) return accountFromGroups(trx, [...runtimes.values()], identity, identity.email, all, now);
    const staff = matches[0]!;
    if (staff.oidcIssuer && (staff.oidcIssuer !== identity.issuer || staff.oidcSubject !== identity.subject)) {
      throw new OidcError(`The account for ${identity.email} is linked to a different sign-in; ask an administrator`);
    }
    await authRepository.linkOidcIdentity(trx, staff.id, identity.issuer, identity.subject, now);
    return keepGrantsInStep(trx, runtimeOf(staff.councilId), { ...staff, oidcIssuer: identity.issuer, oidcSubject: identity.subject }, identity, now);
  });
  // Checked after the transaction, so that roles the groups no longer give stay removed.
  if (staff.grants.length === 0) {
    const runtime = runtimeOf(staff.councilId);
    if (runtime.profile.singleSignOn?.groupRoles.length) {
      throw new OidcError(`None of your groups gives you a role in the complaints system of ${runtime.profile.name}; ask ${contactOf(runtime)}`);
    }
  }
  return staff;
}

function contactOf(runtime: CouncilRuntime): string {
  return runtime.profile.singleSignOn?.contact ?? `an administrator of the complaints system at ${runtime.profile.name}`;
}

/** The councils whose mapping gives the person a role; exactly one makes their account. */
async function accountFromGroups(trx: Executor, runtimes: readonly CouncilRuntime[], identity: OidcIdentity, email: string, existing: readonly StaffIdentity[], now: Date): Promise<StaffIdentity> {
  const mapped: CouncilRuntime[] = [];
  const offers: CouncilRuntime[] = [];
  for (const runtime of runtimes) {
    const mapping = runtime.profile.singleSignOn?.groupRoles ?? [];
    if (mapping.length === 0) continue;
    mapped.push(runtime);
    if (grantsForGroups(mapping, identity.groups, runtime.directorateIdByCode).length) offers.push(runtime);
  }
  const contact = mapped.length === 1 ? contactOf(mapped[0]!) : "an administrator of your council's complaints system";
  if (offers.length === 0) {
    if (mapped.length && identity.groupsOverflow) {
      throw new OidcError(`The identity provider did not list your groups (you are in too many for it to send), so no role can be given from them; ask ${contact}`);
    }
    throw new OidcError(
      mapped.length
        ? `There is no staff account for ${email}, and none of your groups gives a role in the complaints system; ask ${contact} to give you access`
        : `There is no staff account for ${email}; ask an administrator to create one`,
    );
  }
  if (offers.length > 1) throw new OidcError(`Your groups give you roles in more than one council here (${offers.map((r) => r.profile.name).join(", ")}); ask an administrator to create your account`);
  const runtime = offers[0]!;
  if (existing.some((s) => s.councilId === runtime.council.id)) throw new OidcError("Your account is switched off; ask an administrator");
  const mapping = runtime.profile.singleSignOn!.groupRoles;
  const { grants, asked } = withApproval([], grantsForGroups(mapping, identity.groups, runtime.directorateIdByCode));
  const name = identity.name?.trim() || email;
  const staffId = await authRepository.insertStaff(trx, { councilId: runtime.council.id, email, displayName: name, passwordHash: null, grants }, now);
  await authRepository.linkOidcIdentity(trx, staffId, identity.issuer, identity.subject, now);
  await adminLog.record(trx, {
    councilId: runtime.council.id,
    actor: SSO_ACTOR,
    type: "staff-created",
    at: now,
    payload: { staffId, email, name, roles: grants, withPassword: false, source: "single-sign-on", groups: matchedGroups(mapping, identity.groups) },
  });
  if (asked) await askApproval(trx, runtime.council.id, staffId, asked, now);
  return (await authRepository.findStaffById(trx, staffId))!;
}

/** The roles the mapping can give, put in step with the person's groups. */
async function keepGrantsInStep(trx: Executor, runtime: CouncilRuntime, staff: StaffIdentity, identity: OidcIdentity, now: Date): Promise<StaffIdentity> {
  const mapping = runtime.profile.singleSignOn?.groupRoles ?? [];
  // No mapping: the account's roles are its administrators' alone (decision 0304). Groups not
  // sent: not knowing is not the same as having none, so nothing changes.
  if (mapping.length === 0 || identity.groupsOverflow) return staff;
  const current = staff.grants as MappedGrant[];
  const { grants, asked } = withApproval(current, grantsInStep(current, mapping, identity.groups, runtime.directorateIdByCode));
  const before = new Set(current.map(grantKey));
  const after = new Set(grants.map(grantKey));
  const added = grants.filter((g) => !before.has(grantKey(g)));
  const removed = current.filter((g) => !after.has(grantKey(g)));
  if (added.length || removed.length) {
    await authRepository.replaceGrants(trx, staff.councilId, staff.id, grants, now);
    await adminLog.record(trx, {
      councilId: staff.councilId,
      actor: SSO_ACTOR,
      type: "roles-changed",
      at: now,
      payload: { staffId: staff.id, roles: grants, added, removed, source: "single-sign-on", groups: matchedGroups(mapping, identity.groups) },
    });
  }
  if (asked) await askApproval(trx, staff.councilId, staff.id, asked, now);
  return added.length || removed.length ? (await authRepository.findStaffById(trx, staff.id))! : staff;
}

/**
 * An administrator gains a role that reads cases only with another administrator's approval
 * (decision 0307): from a group too, or an administrator could map their own group to one.
 * Such roles are asked for (the whole set, as `setRoles` asks) instead of given.
 */
function withApproval(current: readonly MappedGrant[], target: MappedGrant[]): { grants: MappedGrant[]; asked: MappedGrant[] | null } {
  if (!target.some((g) => g.role === "administrator")) return { grants: target, asked: null };
  const held = new Set(current.map(grantKey));
  const withheld = new Set(target.filter((g) => CASE_READERS.has(g.role) && !held.has(grantKey(g))).map(grantKey));
  if (withheld.size === 0) return { grants: target, asked: null };
  return { grants: target.filter((g) => !withheld.has(grantKey(g))), asked: target };
}

/** Asks once: a sign-in while the same roles already wait asks nothing new. */
async function askApproval(trx: Executor, councilId: string, staffId: string, roles: MappedGrant[], now: Date): Promise<void> {
  const wanted = roles.map(grantKey).sort().join(",");
  const waiting = (await roleRequests.waiting(trx, councilId)).find((r) => r.staffId === staffId);
  if (waiting && waiting.roles.map(grantKey).sort().join(",") === wanted) return;
  const requestId = await roleRequests.request(trx, { councilId, staffId, requestedBy: staffId, roles, at: now });
  await adminLog.record(trx, { councilId, actor: SSO_ACTOR, type: "roles-requested", at: now, payload: { staffId, roles, requestId, source: "single-sign-on" } });
}

function matchedGroups(mapping: ReadonlyArray<{ group: string }>, groups: readonly string[]): string[] {
  const mappedNames = new Set(mapping.map((m) => m.group));
  return groups.filter((g) => mappedNames.has(g));
}
