/**
 * Settings of one API process, read from the environment once at start-up and validated
 * with zod, so a typo stops the server with a message instead of surfacing later. This is
 * the only module of shipped code that reads the environment (the lint rule in tooling/eslint;
 * docs/decisions/0313-one-settings-schema.md): the rest is passed these values.
 */
import path from "node:path";
import { z } from "zod";
import { AUDIT_KEY_MIN_LENGTH, defaultAttachmentPolicy, type AttachmentConfig } from "@complaints/db";
import { DEFAULT_PLUGINS_CONFIG, PROFILE_IDS, type ProfileId } from "@complaints/profiles";

export interface LockoutPolicy {
  /** Failed sign-ins allowed within `windowMinutes` before the account is locked. */
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export interface ApiConfig {
  /** Where browsers reach this server ("http://localhost:3000"); CSRF checks the Origin against it. */
  publicUrl: string;
  /** Cookies get `Secure` and the `__Host-` prefix: on whenever the public URL is https. */
  secureCookies: boolean;
  /** A session ends after this long without a request… */
  sessionIdleMinutes: number;
  /** …and in any case this long after sign-in. */
  sessionAbsoluteHours: number;
  lockout: LockoutPolicy;
  /** Sign-in attempts allowed per client IP per 15 minutes (all accounts together). */
  loginAttemptsPerIp: number;
  /** The inbound mailbox read over IMAP for replies and new complaints (IMAP_URL); off when not set. */
  inbound: InboundMailSettings | null;
  /**
   * How email and text messages leave (MAIL_TRANSPORT; docs/decisions/0318-writing-to-residents.md):
   * SMTP, GOV.UK Notify, .eml files in a folder (the demo), or none (messages wait in the outbox).
   */
  mail: MailSettings;
  /** Who posts letters (LETTERS_BY): the council's print room (print batches), or GOV.UK Notify. */
  lettersBy: "print-room" | "notify";
  /**
   * How long a worker holds a message it is sending (OUTBOX_LEASE_SECONDS, 120): one still
   * "sending" after this had its worker die mid-send and is checked, never blindly resent.
   * Each transport's time limit is a quarter of it.
   */
  outboxLeaseSeconds: number;
  /** GOV.UK Notify's client settings, when NOTIFY_API_KEY is set (for MAIL_TRANSPORT=notify or LETTERS_BY=notify). */
  notify: NotifySettings | null;
  /** Single sign-on through OpenID Connect (Entra ID…), when configured. */
  oidc: OidcSettings | null;
  /** Minutes between sweeps for reminders and overdue notices. */
  sweepMinutes: number;
  /**
   * Proxies in front of the server whose X-Forwarded-For to believe (express "trust proxy"):
   * behind a load balancer set TRUST_PROXY=1 so rate limits see clients, not the balancer.
   */
  trustProxy: number;
  /**
   * Where attachment bytes are kept and what is accepted: in the database unless
   * ATTACHMENTS_DIR names a folder (shared by every API process); ATTACHMENT_MAX_MB (20).
   */
  attachments: AttachmentConfig;
  /**
   * The key of the residents' tracking codes (TRACKING_SECRET, at least 32 characters). When
   * unset the server makes one once and keeps it in the database (server_secrets), so every
   * process agrees; set it in production and never change it: a new key makes every code
   * already printed on a letter wrong (docs/decisions/0503-public-tracking-codes.md).
   */
  trackingSecret: string | null;
  /** The public forms: which council they are for, and the limits per client address. */
  publicForms: PublicFormSettings;
  /**
   * The key of the audit log's HMAC chain and stream heads (AUDIT_KEY, at least 32 characters).
   * Never kept in the database, unlike the tracking secret: whoever can write the database must
   * not be able to re-sign a rewritten log. Required on PostgreSQL; the embedded demo keeps one
   * in a file beside its data folder (start.ts). docs/security.md says how to rotate it.
   */
  auditKey: string | null;
  /** Where the data lives; only the process's start (start.ts) and the job runner read it. */
  database: DatabaseSettings;
  /** Fill an empty database with the demo council (SEED_DEMO; by default on the embedded database only). */
  seedDemo: boolean;
  /**
   * Which packaged council the demo is (DEMO_COUNCIL, or `npm start -- --council <id>`); null:
   * Exampleton. Each has its own embedded data folder (docs/decisions/0314-demo-as-any-council.md).
   */
  demoCouncil: ProfileId | null;
  /**
   * The plugins file (PLUGINS_CONFIG; relative to the working folder): the service plugins this
   * server runs, npm packages or folders, loaded at start-up. By default the one that ships,
   * complaints.plugins.json with the bundled plugins (docs/plugins.md, "Installing a plugin").
   */
  pluginsConfig: string;
}

export type MailSettings =
  | { transport: "none" }
  /** SMTP_URL; SMTP_FROM: the sender of staff notifications (residents' mail comes from the council's profile). */
  | { transport: "smtp"; url: string; from: string }
  /** MAIL_DIR: each message as an .eml file, for the demo and development. */
  | { transport: "directory"; dir: string; from: string }
  /** Through GOV.UK Notify (`notify` settings); `from` is still the sender of the .eml-style headers Notify ignores. */
  | { transport: "notify"; from: string };

export interface NotifySettings {
  /** NOTIFY_API_KEY: `name-serviceid-secret`, from Notify's API integration page. */
  apiKey: string;
  /** NOTIFY_BASE_URL: Notify's API (the local Notify server in tests); null: Notify's own. */
  baseUrl: string | null;
  /** The template ids docs/notify-templates.md describes (NOTIFY_TEMPLATE_EMAIL, …_EMAIL_FILE, …_SMS). */
  templates: { email: string | null; emailWithFile: string | null; sms: string | null };
}

export interface DatabaseSettings {
  /** PostgreSQL (DATABASE_URL); null: the embedded PGlite in `dataDir`. */
  url: string | null;
  /** The schema owner's connection for migrations (MIGRATION_DATABASE_URL), when the API's role is not the owner. */
  migrationUrl: string | null;
  /** The embedded database's folder (DATA_DIR), relative to the repository root. */
  dataDir: string;
  /** PostgreSQL only: the job queue's schema (PGBOSS_SCHEMA). */
  jobSchema: string;
}

export interface PublicFormSettings {
  /**
   * The council's slug (PUBLIC_COUNCIL), for addresses that name none (no host name of a
   * council, no /c/<slug>/ prefix); when unset, the only council on the server (hosting.ts).
   */
  council: string | null;
  /** Calls to any public procedure per client address per 15 minutes (PUBLIC_REQUESTS_PER_IP). */
  requestsPerIp: number;
  /** Cases submitted per client address per hour (PUBLIC_SUBMISSIONS_PER_IP). */
  submissionsPerIp: number;
  /** Wrong reference-and-code answers per client address per 15 minutes (PUBLIC_LOOKUP_FAILURES_PER_IP). */
  lookupFailuresPerIp: number;
  /** The largest request body a public procedure or form accepts (PUBLIC_MAX_BODY_KB). */
  maxBodyBytes: number;
}

/** docs/decisions/0323-inbound-mail.md. */
export interface InboundMailSettings {
  host: string;
  port: number;
  /** imaps:// (TLS from the start); imap:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  /** Refuse a server certificate that does not verify (IMAP_TLS_REJECT_UNAUTHORIZED, default true). */
  rejectUnauthorized: boolean;
  /** The folder read (IMAP_MAILBOX, default INBOX). */
  mailbox: string;
  /**
   * Where a message goes once it is dealt with (IMAP_PROCESSED_MAILBOX, default "Processed");
   * empty: it stays, flagged \Seen, and only unseen messages are read.
   */
  processedMailbox: string | null;
  /** The council (slug) of a message addressed to none of the councils' addresses (IMAP_COUNCIL). */
  council: string | null;
  /** A message larger than this is not read, only recorded for staff (IMAP_MAX_MESSAGE_MB, default 50). */
  maxMessageBytes: number;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Label on the sign-in button ("Sign in with Microsoft"). */
  label: string;
  /** The claim holding the staff member's email (Entra ID: "preferred_username" or "email"). */
  emailClaim: string;
  /** The claim listing the person's groups, which the council's mapping turns into roles (decision 0317). */
  groupsClaim: string;
}

const envSchema = z.object({
  PUBLIC_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(8 * 60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  LOCKOUT_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(50),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "smtp://user:pass@host:port or smtps://…").optional(),
  SMTP_FROM: z.string().min(3).optional(),
  IMAP_URL: z
    .url()
    .regex(/^imaps?:\/\/[^/@]+@[^/]+\/?$/, "imap://user:password@host:port or imaps://… (user and password URL-encoded)")
    .optional(),
  IMAP_MAILBOX: z.string().min(1).default("INBOX"),
  IMAP_PROCESSED_MAILBOX: z.string().default("Processed"),
  IMAP_TLS_REJECT_UNAUTHORIZED: z.enum(["true", "false"]).default("true"),
  IMAP_COUNCIL: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a council's slug, like exampleton").optional(),
  IMAP_MAX_MESSAGE_MB: z.coerce.number().int().min(1).max(500).default(50),
  MAIL_TRANSPORT: z.enum(["smtp", "notify", "directory", "none"]).optional(),
  MAIL_DIR: z.string().min(1).optional(),
  NOTIFY_API_KEY: z
    .string()
    .regex(/^.+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "a GOV.UK Notify API key: name-serviceid-secret")
    .optional(),
  NOTIFY_BASE_URL: z.url().optional(),
  NOTIFY_TEMPLATE_EMAIL: z.uuid().optional(),
  NOTIFY_TEMPLATE_EMAIL_FILE: z.uuid().optional(),
  NOTIFY_TEMPLATE_SMS: z.uuid().optional(),
  LETTERS_BY: z.enum(["print-room", "notify"]).default("print-room"),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(8).max(600).default(120),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_LABEL: z.string().min(1).default("Sign in with your council account"),
  OIDC_EMAIL_CLAIM: z.string().min(1).default("email"),
  OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  SWEEP_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(5),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(20),
  TRACKING_SECRET: z.string().min(32, "at least 32 characters (for example: openssl rand -base64 32)").optional(),
  PUBLIC_COUNCIL: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a council's slug, like exampleton").optional(),
  PUBLIC_REQUESTS_PER_IP: z.coerce.number().int().min(1).default(300),
  PUBLIC_SUBMISSIONS_PER_IP: z.coerce.number().int().min(1).default(10),
  PUBLIC_LOOKUP_FAILURES_PER_IP: z.coerce.number().int().min(1).default(10),
  PUBLIC_MAX_BODY_KB: z.coerce.number().int().min(16).max(2000).default(256),
  AUDIT_KEY: z.string().trim().min(AUDIT_KEY_MIN_LENGTH, "at least 32 characters (for example: openssl rand -base64 32)").optional(),
  DATABASE_URL: z.string().min(1).optional(),
  MIGRATION_DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).optional(),
  PGBOSS_SCHEMA: z.string().min(1).default("pgboss"),
  SEED_DEMO: z.string().optional(),
  PLUGINS_CONFIG: z.string().trim().min(1).optional(),
  DEMO_COUNCIL: z.enum(PROFILE_IDS, { error: (issue) => `"${String(issue.input)}" is not a packaged council; choose one of: ${PROFILE_IDS.join(", ")}` }).optional(),
});

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

// eslint-disable-next-line no-restricted-properties -- the one place settings are read (docs/decisions/0313-one-settings-schema.md)
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig & { port: number } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`The server settings are not valid:\n${parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const e = parsed.data;
  const demoCouncil = e.DEMO_COUNCIL ?? null;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  if (e.LETTERS_BY === "notify" && !e.NOTIFY_API_KEY) throw new ConfigError("LETTERS_BY=notify needs NOTIFY_API_KEY");
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigError("Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together");
  }
  return {
    port: e.PORT,
    publicUrl,
    secureCookies: publicUrl.startsWith("https://"),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    lockout: { maxFailures: e.LOCKOUT_MAX_FAILURES, windowMinutes: e.LOCKOUT_WINDOW_MINUTES, lockMinutes: e.LOCKOUT_MINUTES },
    loginAttemptsPerIp: e.LOGIN_ATTEMPTS_PER_IP,
    inbound: e.IMAP_URL ? inboundSettings(e.IMAP_URL, e) : null,
    mail: mailSettings(e, demoCouncil),
    lettersBy: e.LETTERS_BY,
    outboxLeaseSeconds: e.OUTBOX_LEASE_SECONDS,
    notify: e.NOTIFY_API_KEY
      ? {
          apiKey: e.NOTIFY_API_KEY,
          baseUrl: e.NOTIFY_BASE_URL?.replace(/\/$/, "") ?? null,
          templates: { email: e.NOTIFY_TEMPLATE_EMAIL ?? null, emailWithFile: e.NOTIFY_TEMPLATE_EMAIL_FILE ?? null, sms: e.NOTIFY_TEMPLATE_SMS ?? null },
        }
      : null,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, label: e.OIDC_LABEL, emailClaim: e.OIDC_EMAIL_CLAIM, groupsClaim: e.OIDC_GROUPS_CLAIM }
        : null,
    sweepMinutes: e.SWEEP_MINUTES,
    trustProxy: e.TRUST_PROXY,
    attachments: {
      storage: e.ATTACHMENTS_DIR ? { kind: "folder", path: path.resolve(e.ATTACHMENTS_DIR) } : { kind: "database" },
      policy: { ...defaultAttachmentPolicy, maxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024 },
    },
    trackingSecret: e.TRACKING_SECRET ?? null,
    publicForms: {
      council: e.PUBLIC_COUNCIL ?? null,
      requestsPerIp: e.PUBLIC_REQUESTS_PER_IP,
      submissionsPerIp: e.PUBLIC_SUBMISSIONS_PER_IP,
      lookupFailuresPerIp: e.PUBLIC_LOOKUP_FAILURES_PER_IP,
      maxBodyBytes: e.PUBLIC_MAX_BODY_KB * 1024,
    },
    auditKey: e.AUDIT_KEY ?? null,
    database: {
      url: e.DATABASE_URL ?? null,
      migrationUrl: e.MIGRATION_DATABASE_URL ?? null,
      // A demo council of its own has its own folder (and audit key beside it): two demos never share a database.
      dataDir: e.DATA_DIR ?? (demoCouncil ? `.data/pglite-${demoCouncil}` : ".data/pglite"),
      jobSchema: e.PGBOSS_SCHEMA,
    },
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === "true" : !e.DATABASE_URL,
    demoCouncil,
    pluginsConfig: e.PLUGINS_CONFIG ? path.resolve(e.PLUGINS_CONFIG) : DEFAULT_PLUGINS_CONFIG,
  };
}

function inboundSettings(
  url: string,
  e: { IMAP_MAILBOX: string; IMAP_PROCESSED_MAILBOX: string; IMAP_TLS_REJECT_UNAUTHORIZED: "true" | "false"; IMAP_COUNCIL?: string | undefined; IMAP_MAX_MESSAGE_MB: number },
): InboundMailSettings {
  const parsed = new URL(url);
  const secure = parsed.protocol === "imaps:";
  if (!parsed.username || !parsed.password) throw new ConfigError("IMAP_URL needs the mailbox's user and password: imap://user:password@host:port");
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    rejectUnauthorized: e.IMAP_TLS_REJECT_UNAUTHORIZED === "true",
    mailbox: e.IMAP_MAILBOX,
    processedMailbox: e.IMAP_PROCESSED_MAILBOX.trim() || null,
    council: e.IMAP_COUNCIL ?? null,
    maxMessageBytes: e.IMAP_MAX_MESSAGE_MB * 1024 * 1024,
  };
}

/**
 * The mail transport: MAIL_TRANSPORT when given; else SMTP when SMTP_URL is set, Notify when
 * NOTIFY_API_KEY is, and for the embedded demo (no DATABASE_URL) .eml files in
 * .data/mail-<council>/ that anyone can open to see what residents would get.
 */
function mailSettings(e: z.output<typeof envSchema>, demoCouncil: ProfileId | null): MailSettings {
  const from = e.SMTP_FROM ?? "complaints@localhost";
  const transport = e.MAIL_TRANSPORT ?? (e.SMTP_URL ? "smtp" : e.NOTIFY_API_KEY ? "notify" : e.DATABASE_URL ? "none" : "directory");
  switch (transport) {
    case "none":
      return { transport };
    case "smtp":
      if (!e.SMTP_URL) throw new ConfigError("MAIL_TRANSPORT=smtp needs SMTP_URL");
      return { transport, url: e.SMTP_URL, from };
    case "directory":
      return { transport, dir: path.resolve(e.MAIL_DIR ?? `.data/mail-${demoCouncil ?? "exampleton"}`), from };
    case "notify":
      if (!e.NOTIFY_API_KEY || !e.NOTIFY_TEMPLATE_EMAIL) throw new ConfigError("MAIL_TRANSPORT=notify needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_EMAIL (docs/notify-templates.md)");
      return { transport, from };
  }
}

/**
 * `npm start -- --council leeds`: the start command's arguments, as the settings they stand
 * for (`--council` is DEMO_COUNCIL), over the environment. Anything else stops the start with
 * the usage; the council's id is checked with the other settings (configFromEnv).
 */
// eslint-disable-next-line no-restricted-properties -- the one place settings are read (docs/decisions/0313-one-settings-schema.md)
export function envWithArguments(args: readonly string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const usage = `usage: npm start -- --council <${PROFILE_IDS.join("|")}>`;
  const settings: NodeJS.ProcessEnv = { ...env };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag !== "--council") throw new ConfigError(`Unknown argument "${arg}"; ${usage}`);
    const value = inline ?? args[++i];
    if (!value || value.startsWith("--")) throw new ConfigError(`--council needs a council's id; ${usage}`);
    settings["DEMO_COUNCIL"] = value;
  }
  return settings;
}

/** Settings for tests: http on localhost, defaults everywhere, no mail leaving (MAIL_TRANSPORT=none). */
export function defaultConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  const { port: _port, ...config } = configFromEnv({ MAIL_TRANSPORT: "none" });
  return { ...config, ...overrides };
}
