import { describe, expect, it } from "vitest";
import path from "node:path";
import { ConfigError, configFromEnv, envWithArguments } from "./config.js";

describe("the demo council setting (docs/decisions/0314-demo-as-any-council.md)", () => {
  it("without one, the demo is Exampleton in .data/pglite, as before", () => {
    const config = configFromEnv({});
    expect(config.demoCouncil).toBeNull();
    expect(config.database.dataDir).toBe(".data/pglite");
  });

  it("a packaged council gets its own embedded data folder, so two demos never share a database", () => {
    expect(configFromEnv({ DEMO_COUNCIL: "leeds" })).toMatchObject({ demoCouncil: "leeds", database: { dataDir: ".data/pglite-leeds" } });
    expect(configFromEnv({ DEMO_COUNCIL: "leeds", DATA_DIR: "/tmp/demo-leeds" }).database.dataDir).toBe("/tmp/demo-leeds");
  });

  it("an unknown council stops the start, naming the councils there are", () => {
    expect(() => configFromEnv({ DEMO_COUNCIL: "camden" })).toThrow(ConfigError);
    expect(() => configFromEnv({ DEMO_COUNCIL: "camden" })).toThrow(/DEMO_COUNCIL: "camden" is not a packaged council; choose one of: default, leeds, lewisham, southwark, lancaster/);
  });

  it("`npm start -- --council <id>` is the same setting; any other argument gets the usage", () => {
    expect(envWithArguments(["--council", "lewisham"], {})).toEqual({ DEMO_COUNCIL: "lewisham" });
    expect(envWithArguments(["--council=southwark"], { PORT: "4000" })).toEqual({ PORT: "4000", DEMO_COUNCIL: "southwark" });
    expect(envWithArguments([], { PORT: "4000" })).toEqual({ PORT: "4000" });
    expect(() => envWithArguments(["--council"], {})).toThrow(/--council needs a council's id; usage: npm start -- --council <default\|leeds\|lewisham\|southwark\|lancaster>/);
    expect(() => envWithArguments(["--counci", "leeds"], {})).toThrow(/Unknown argument "--counci"/);
  });
});

describe("the inbound mailbox settings (docs/decisions/0323-inbound-mail.md)", () => {
  it("are off without IMAP_URL", () => {
    expect(configFromEnv({}).inbound).toBeNull();
  });

  it("read the server, the user and password (URL-encoded) and TLS from IMAP_URL, with defaults for the rest", () => {
    expect(configFromEnv({ IMAP_URL: "imaps://complaints%40council.gov.uk:p%40ss%3Aword@outlook.office365.com" }).inbound).toEqual({
      host: "outlook.office365.com",
      port: 993,
      secure: true,
      user: "complaints@council.gov.uk",
      password: "p@ss:word",
      rejectUnauthorized: true,
      mailbox: "INBOX",
      processedMailbox: "Processed",
      council: null,
      maxMessageBytes: 50 * 1024 * 1024,
    });
    expect(
      configFromEnv({ IMAP_URL: "imap://mail:secret@127.0.0.1:1143", IMAP_PROCESSED_MAILBOX: "", IMAP_TLS_REJECT_UNAUTHORIZED: "false", IMAP_COUNCIL: "leeds", IMAP_MAX_MESSAGE_MB: "10" }).inbound,
    ).toMatchObject({ port: 1143, secure: false, processedMailbox: null, rejectUnauthorized: false, council: "leeds", maxMessageBytes: 10 * 1024 * 1024 });
  });

  it("refuse an address without a user and password, or not IMAP", () => {
    expect(() => configFromEnv({ IMAP_URL: "imap://mail.council.gov.uk" })).toThrow(/IMAP_URL: imap:\/\/user:password@host:port/);
    expect(() => configFromEnv({ IMAP_URL: "pop3://u:p@mail.council.gov.uk" })).toThrow(ConfigError);
    expect(() => configFromEnv({ IMAP_URL: "imap://mail@mail.council.gov.uk" })).toThrow(/needs the mailbox's user and password/);
  });
});

describe("how mail leaves (docs/decisions/0318-writing-to-residents.md)", () => {
  const key = "live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";
  const template = "f33517ff-2a88-4f6e-b855-c550268ce08a";

  it("the embedded demo writes .eml files into its council's folder, so people can open what residents would get", () => {
    expect(configFromEnv({ DEMO_COUNCIL: "leeds" }).mail).toEqual({ transport: "directory", dir: path.resolve(".data/mail-leeds"), from: "complaints@localhost" });
    expect(configFromEnv({}).mail).toMatchObject({ transport: "directory", dir: path.resolve(".data/mail-exampleton") });
    expect(configFromEnv({ MAIL_DIR: "/tmp/mail" }).mail).toMatchObject({ dir: "/tmp/mail" });
  });

  it("on PostgreSQL nothing leaves unless told; SMTP_URL or NOTIFY_API_KEY chooses, MAIL_TRANSPORT says so outright", () => {
    expect(configFromEnv({ DATABASE_URL: "postgres://x" }).mail).toEqual({ transport: "none" });
    expect(configFromEnv({ DATABASE_URL: "postgres://x", SMTP_URL: "smtp://mail:25", SMTP_FROM: "c@council.gov.uk" }).mail).toEqual({ transport: "smtp", url: "smtp://mail:25", from: "c@council.gov.uk" });
    const notify = configFromEnv({ DATABASE_URL: "postgres://x", NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_EMAIL: template });
    expect(notify.mail).toMatchObject({ transport: "notify" });
    expect(notify.notify).toEqual({ apiKey: key, baseUrl: null, templates: { email: template, emailWithFile: null, sms: null } });
    expect(configFromEnv({ SMTP_URL: "smtp://mail:25", MAIL_TRANSPORT: "none" }).mail).toEqual({ transport: "none" });
    expect(configFromEnv({}).lettersBy).toBe("print-room");
  });

  it("refuses settings that cannot work, saying what is missing", () => {
    expect(() => configFromEnv({ MAIL_TRANSPORT: "smtp" })).toThrow("MAIL_TRANSPORT=smtp needs SMTP_URL");
    expect(() => configFromEnv({ MAIL_TRANSPORT: "notify", NOTIFY_API_KEY: key })).toThrow(/needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_EMAIL/);
    expect(() => configFromEnv({ LETTERS_BY: "notify" })).toThrow("LETTERS_BY=notify needs NOTIFY_API_KEY");
    expect(() => configFromEnv({ NOTIFY_API_KEY: "not-a-key" })).toThrow(/a GOV.UK Notify API key: name-serviceid-secret/);
    expect(() => configFromEnv({ OUTBOX_LEASE_SECONDS: "2" })).toThrow(ConfigError);
  });
});

describe("the plugins file setting (docs/decisions/0405-plugins-installed-by-a-config-file.md)", () => {
  it("by default, the shipped complaints.plugins.json at the repository root; PLUGINS_CONFIG names another, relative to the working folder", () => {
    expect(configFromEnv({}).pluginsConfig).toBe(path.resolve(import.meta.dirname, "../../../complaints.plugins.json"));
    expect(configFromEnv({ PLUGINS_CONFIG: "council/plugins.json" }).pluginsConfig).toBe(path.resolve("council/plugins.json"));
    expect(configFromEnv({ PLUGINS_CONFIG: "/etc/complaints/plugins.json" }).pluginsConfig).toBe("/etc/complaints/plugins.json");
  });
});
