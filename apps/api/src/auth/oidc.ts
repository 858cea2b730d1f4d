/**
 * Single sign-on through OpenID Connect (councils use Entra ID), with openid-client: the
 * authorization code flow with PKCE, state and nonce. The issuer is discovered at start-up.
 *
 * A staff member signs in with SSO only when an administrator has created their account:
 * the first sign-in links the account by a verified email (one council, one match), later ones by the
 * issuer's subject identifier. Nobody gets an account, or a role, from the identity provider.
 */
import * as client from "openid-client";
import { authRepository, type Executor, type StaffIdentity } from "@complaints/db";
import type { OidcSettings } from "../config.js";

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
    // Providers that keep profile claims out of the ID token give them from UserInfo.
    if (typeof emailClaim !== "string" && tokens.access_token) {
      try {
        const info = await client.fetchUserInfo(this.config, tokens.access_token, claims.sub);
        emailClaim = info[this.settings.emailClaim] ?? info.email;
        name ??= info.name;
        verified ??= info.email_verified;
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
    };
  }
}

/** Only paths on this site: never an absolute URL or "//host" (no open redirect). */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

/**
 * The staff account an SSO identity signs in as: linked by subject, or on first use by email
 * (exactly one active account, not linked to another identity) when the provider says it has
 * verified that email (`email_verified`: issue 20). Without that, anyone who can set an
 * unverified address at the provider would take over the account that has it.
 */
export async function staffForIdentity(db: Executor, identity: OidcIdentity, now: Date): Promise<StaffIdentity> {
  const linked = await authRepository.findStaffByOidc(db, identity.issuer, identity.subject);
  if (linked) {
    if (!linked.active) throw new OidcError("Your account is switched off; ask an administrator");
    return linked;
  }
  if (!identity.email) throw new OidcError("The identity provider did not say who you are (no email claim)");
  if (!identity.emailVerified) {
    throw new OidcError(`The identity provider has not confirmed that ${identity.email} is your address, so it cannot be linked to a staff account; ask an administrator`);
  }
  const matches = (await authRepository.findStaffByEmail(db, identity.email)).filter((s) => s.active);
  if (matches.length !== 1) {
    throw new OidcError(
      matches.length === 0
        ? `There is no staff account for ${identity.email}; ask an administrator to create one`
        : `More than one council has an account for ${identity.email}; ask an administrator`,
    );
  }
  const staff = matches[0]!;
  if (staff.oidcIssuer && (staff.oidcIssuer !== identity.issuer || staff.oidcSubject !== identity.subject)) {
    throw new OidcError(`The account for ${identity.email} is linked to a different sign-in; ask an administrator`);
  }
  await authRepository.linkOidcIdentity(db, staff.id, identity.issuer, identity.subject, now);
  return { ...staff, oidcIssuer: identity.issuer, oidcSubject: identity.subject };
}
