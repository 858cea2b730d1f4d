/**
 * A local GOV.UK Notify: the parts of Notify's API the platform uses, for tests and development
 * (Notify cannot be reached from here; docs/decisions/0318-writing-to-residents.md). Written from
 * Notify's REST API documentation (alphagov/notifications-tech-docs, source/documentation/
 * _api_docs.md, "REST API documentation" at docs.notifications.service.gov.uk/rest-api.html):
 *
 * - Authorisation: `Bearer <JWT>`, HS256, header {typ: JWT, alg: HS256}, payload {iss: the
 *   service id, iat: now in epoch seconds}, signed with the secret of the API key
 *   `{key_name}-{iss-uuid}-{secret-key-uuid}`; a token whose iat is more than 30 seconds from
 *   the server's clock is refused ("Error: Your system clock must be accurate to within 30 seconds").
 * - POST /v2/notifications/email {email_address, template_id, personalisation, reference},
 *   a personalisation value {file, filename, confirm_email_before_download, retention_period} being
 *   a file sent by email (replaced by a link to download it); POST /v2/notifications/sms
 *   {phone_number, template_id, personalisation, reference}; POST /v2/notifications/letter
 *   {reference, content (a base64 PDF), postage} for a precompiled letter.
 * - GET /v2/notifications/{id}; GET /v2/notifications?reference=&status=&template_type=.
 * - Errors: {status_code, errors: [{error, message}]}: 400 BadRequestError / ValidationError,
 *   403 AuthError, 404 NoResultFound, 429 RateLimitError, 500 Exception.
 *
 * What it received is kept for tests to read (`notifications`); tests can make it fail the
 * next requests (`failNext`) or report a delivery status (`setStatus`).
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalTemplate {
  type: "email" | "sms";
  subject?: string;
  /** With Notify's placeholders: ((body)), ((link_to_file)). */
  body: string;
}

export interface StoredNotification {
  id: string;
  type: "email" | "sms" | "letter";
  reference: string | null;
  status: string;
  templateId: string | null;
  emailAddress?: string;
  phoneNumber?: string;
  personalisation: Record<string, unknown>;
  subject: string | null;
  body: string;
  /** Files sent with an email (by link), and a precompiled letter's PDF. */
  files: Array<{ filename: string | null; content: Buffer; confirmEmailBeforeDownload: boolean | null; url: string }>;
  postage?: string;
  createdAt: Date;
}

/** How the next requests fail: an HTTP error, or "drop" (the notification is kept but the answer never arrives). */
export type Failure = { status: 429 | 500 | 503 } | "drop";

export interface LocalNotifyOptions {
  port?: number;
  serviceId?: string;
  secret?: string;
  /** Templates by id; any others are refused as Notify refuses an unknown template. */
  templates?: Record<string, LocalTemplate>;
  /** The status a new notification starts with ("created" by default, as at Notify). */
  initialStatus?: string;
  /** The server's clock, for the 30-second check on tokens. */
  now?: () => Date;
}

export interface LocalNotify {
  url: string;
  serviceId: string;
  /** An API key in Notify's format for this service: `local-<service id>-<secret>`. */
  apiKey: string;
  notifications: StoredNotification[];
  /** Requests refused for their token, with the reason. */
  refused: string[];
  failNext(count: number, failure?: Failure): void;
  /** Sets the status of notifications by id or reference ("delivered", "permanent-failure"…). */
  setStatus(idOrReference: string, status: string): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

/** Notify's check of the Authorization header: a JWT, HS256, iss the service, iat within 30 s, signed with the key's secret. */
export function checkToken(header: string | undefined, service: { id: string; secret: string }, now: Date): void {
  const token = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  if (!token) throw new HttpError(401, "AuthError", "Unauthorized: authentication token must be provided");
  const parts = token.split(".");
  if (parts.length !== 3) throw new HttpError(403, "AuthError", "Invalid token: not a JWT");
  const [h, p, signature] = parts as [string, string, string];
  let head: { alg?: string; typ?: string };
  let payload: { iss?: string; iat?: number };
  try {
    head = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
  } catch {
    throw new HttpError(403, "AuthError", "Invalid token: not a JWT");
  }
  if (head.alg !== "HS256") throw new HttpError(403, "AuthError", "Invalid token: algorithm used is not HS256");
  if (!payload.iss) throw new HttpError(403, "AuthError", "Invalid token: iss field not provided");
  if (payload.iss !== service.id) throw new HttpError(403, "AuthError", "Invalid token: service not found");
  if (typeof payload.iat !== "number") throw new HttpError(403, "AuthError", "Invalid token: iat field not provided");
  const expected = createHmac("sha256", service.secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(403, "AuthError", "Invalid token: signature, api token not found");
  if (Math.abs(now.getTime() / 1000 - payload.iat) > 30) throw new HttpError(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds");
}

/** A token as Notify's clients make it (for tests of the check itself). */
export function tokenFor(serviceId: string, secret: string, iat = Math.round(Date.now() / 1000), alg = "HS256"): string {
  const h = base64url(JSON.stringify({ typ: "JWT", alg }));
  const p = base64url(JSON.stringify({ iss: serviceId, iat }));
  return `${h}.${p}.${createHmac("sha256", secret).update(`${h}.${p}`).digest("base64url")}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 12 * 1024 * 1024) throw new HttpError(413, "BadRequestError", "Request too large");
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw new HttpError(400, "BadRequestError", "Invalid JSON supplied in POST data");
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\(\(([^)]+)\)\)/g, (_m, name: string) => values[name.trim()] ?? "");
}

function placeholders(...texts: Array<string | undefined>): string[] {
  return [...new Set(texts.flatMap((t) => [...(t ?? "").matchAll(/\(\(([^)]+)\)\)/g)].map((m) => m[1]!.trim())))];
}

export async function startLocalNotify(options: LocalNotifyOptions = {}): Promise<LocalNotify> {
  const serviceId = options.serviceId ?? randomUUID();
  const secret = options.secret ?? randomUUID();
  const templates = options.templates ?? {};
  const now = options.now ?? (() => new Date());
  const notifications: StoredNotification[] = [];
  const refused: string[] = [];
  const failures: Failure[] = [];
  let base = "";

  const view = (n: StoredNotification) => ({
    id: n.id,
    reference: n.reference,
    email_address: n.emailAddress ?? null,
    phone_number: n.phoneNumber ?? null,
    type: n.type,
    status: n.status,
    template: n.templateId ? { id: n.templateId, version: 1, uri: `${base}/v2/template/${n.templateId}` } : null,
    body: n.body,
    subject: n.subject,
    created_at: n.createdAt.toISOString(),
    postage: n.postage ?? null,
  });

  function templateFor(body: Record<string, unknown>, type: "email" | "sms") {
    const id = body["template_id"];
    if (typeof id !== "string" || !UUID.test(id)) throw new HttpError(400, "ValidationError", "template_id is not a valid UUID");
    const template = templates[id];
    if (!template || template.type !== type) throw new HttpError(400, "BadRequestError", "Template not found");
    return { id, template };
  }

  function personalise(body: Record<string, unknown>, template: LocalTemplate, id: string) {
    const given = (body["personalisation"] ?? {}) as Record<string, unknown>;
    if (typeof given !== "object" || Array.isArray(given)) throw new HttpError(400, "ValidationError", "personalisation is not of type object");
    const missing = placeholders(template.subject, template.body).filter((name) => !(name in given));
    if (missing.length) throw new HttpError(400, "BadRequestError", `Missing personalisation: ${missing.join(", ")}`);
    const values: Record<string, string> = {};
    const files: StoredNotification["files"] = [];
    for (const [name, value] of Object.entries(given)) {
      if (value && typeof value === "object" && "file" in value) {
        const f = value as { file: unknown; filename?: string | null; confirm_email_before_download?: boolean | null };
        if (typeof f.file !== "string") throw new HttpError(400, "ValidationError", `${name} file is not a string`);
        const content = Buffer.from(f.file, "base64");
        if (content.length > 2 * 1024 * 1024) throw new HttpError(400, "BadRequestError", "File is larger than 2MB");
        const url = `${base}/d/${id}/${files.length}`;
        files.push({ filename: f.filename ?? null, content, confirmEmailBeforeDownload: f.confirm_email_before_download ?? null, url });
        values[name] = url;
      } else {
        values[name] = String(value ?? "");
      }
    }
    return { values, files, personalisation: given };
  }

  function reference(body: Record<string, unknown>): string | null {
    const r = body["reference"];
    if (r === undefined || r === null) return null;
    if (typeof r !== "string") throw new HttpError(400, "ValidationError", "reference is not of type string");
    return r;
  }

  async function post(path: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown; stored: StoredNotification }> {
    const id = randomUUID();
    const createdAt = now();
    const status = options.initialStatus ?? "created";
    if (path === "/v2/notifications/email") {
      const to = body["email_address"];
      if (typeof to !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) throw new HttpError(400, "ValidationError", "email_address Not a valid email address");
      const { id: templateId, template } = templateFor(body, "email");
      const { values, files, personalisation } = personalise(body, template, id);
      const stored: StoredNotification = { id, type: "email", reference: reference(body), status, templateId, emailAddress: to, personalisation, subject: fill(template.subject ?? "", values), body: fill(template.body, values), files, createdAt };
      return { status: 201, stored, body: { id, reference: stored.reference, content: { body: stored.body, subject: stored.subject, from_email: "local@notifications.service.gov.uk" }, uri: `${base}/v2/notifications/${id}`, template: { id: templateId, version: 1, uri: `${base}/v2/template/${templateId}` } } };
    }
    if (path === "/v2/notifications/sms") {
      const to = body["phone_number"];
      if (typeof to !== "string" || !/^\+?[0-9 ()-]{10,20}$/.test(to)) throw new HttpError(400, "ValidationError", "phone_number Not a valid phone number");
      const { id: templateId, template } = templateFor(body, "sms");
      const { values, personalisation } = personalise(body, template, id);
      const stored: StoredNotification = { id, type: "sms", reference: reference(body), status, templateId, phoneNumber: to, personalisation, subject: null, body: fill(template.body, values), files: [], createdAt };
      return { status: 201, stored, body: { id, reference: stored.reference, content: { body: stored.body, from_number: "LOCAL" }, uri: `${base}/v2/notifications/${id}`, template: { id: templateId, version: 1, uri: `${base}/v2/template/${templateId}` } } };
    }
    if (path === "/v2/notifications/letter") {
      const ref = reference(body);
      if (!ref) throw new HttpError(400, "ValidationError", "reference is a required property");
      if (typeof body["content"] !== "string") throw new HttpError(400, "ValidationError", "content is a required property");
      const pdf = Buffer.from(body["content"], "base64");
      if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new HttpError(400, "ValidationError", "Letter content is not a valid PDF");
      const postage = typeof body["postage"] === "string" ? body["postage"] : "second";
      const stored: StoredNotification = { id, type: "letter", reference: ref, status: "pending-virus-check", templateId: null, personalisation: {}, subject: null, body: "", files: [{ filename: `${ref}.pdf`, content: pdf, confirmEmailBeforeDownload: null, url: `${base}/d/${id}/0` }], postage, createdAt };
      return { status: 201, stored, body: { id, reference: ref, postage } };
    }
    throw new HttpError(404, "NotFound", "Not found");
  }

  function get(url: URL): unknown {
    const one = /^\/v2\/notifications\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (one) {
      const found = notifications.find((n) => n.id === one[1]);
      if (!found) throw new HttpError(404, "NoResultFound", "No result found");
      return view(found);
    }
    if (url.pathname === "/v2/notifications") {
      const q = url.searchParams;
      const list = notifications
        .filter((n) => (!q.get("reference") || n.reference === q.get("reference")) && (!q.get("status") || n.status === q.get("status")) && (!q.get("template_type") || n.type === q.get("template_type")))
        .slice()
        .reverse();
      return { notifications: list.map(view), links: { current: `${base}${url.pathname}${url.search}` } };
    }
    throw new HttpError(404, "NotFound", "Not found");
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", base);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      const download = /^\/d\/([0-9a-f-]{36})\/(\d+)$/.exec(url.pathname);
      if (download && req.method === "GET") {
        const file = notifications.find((n) => n.id === download[1])?.files[Number(download[2])];
        if (!file) throw new HttpError(404, "NoResultFound", "No result found");
        res.writeHead(200, { "content-type": "application/pdf" });
        res.end(file.content);
        return;
      }
      try {
        checkToken(req.headers.authorization, { id: serviceId, secret }, now());
      } catch (error) {
        if (error instanceof HttpError) refused.push(error.message);
        throw error;
      }
      if (req.method === "POST") {
        const body = await readJson(req);
        const failure = failures.shift();
        if (failure && failure !== "drop") {
          throw new HttpError(failure.status, failure.status === 429 ? "RateLimitError" : "Exception", failure.status === 429 ? "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds" : "Internal server error");
        }
        const made = await post(url.pathname, body);
        notifications.push(made.stored);
        if (failure === "drop") {
          // Notify has it; the answer is lost on the way back.
          req.socket.destroy();
          return;
        }
        send(made.status, made.body);
        return;
      }
      if (req.method === "GET") {
        send(200, get(url));
        return;
      }
      throw new HttpError(405, "MethodNotAllowed", "Method not allowed");
    } catch (error) {
      if (error instanceof HttpError) send(error.status, { status_code: error.status, errors: [{ error: error.error, message: error.message }] });
      else send(500, { status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] });
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    serviceId,
    apiKey: `local-${serviceId}-${secret}`,
    notifications,
    refused,
    failNext(count, failure = { status: 500 }) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    setStatus(idOrReference, status) {
      const matching = notifications.filter((n) => n.id === idOrReference || n.reference === idOrReference);
      if (!matching.length) throw new Error(`no notification ${idOrReference}`);
      for (const n of matching) n.status = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
