/**
 * A small HTTP client for the API as a browser or script uses it: the CSRF cookie and header,
 * the session cookie from signing in, tRPC queries (GET ?input=) and mutations (POST JSON).
 * node:http with a keep-alive agent: cheaper per request than fetch, which matters when the
 * load generator shares two cores with the server it measures.
 */
import http from "node:http";

export interface Reply<T = unknown> {
  status: number;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: T;
  text: string;
  headers: http.IncomingHttpHeaders;
  /** Wall time of the request, milliseconds. */
  ms: number;
}

export interface RequestOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Give up after this long (ms); the reply is then a rejected promise. */
  timeoutMs?: number;
}

/** A keep-alive agent for one client (or a pool of them). */
export function keepAliveAgent(maxSockets = 64): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets });
}

export function request(url: string, options: RequestOptions = {}, agent?: http.Agent): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers ?? {}, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        if ((res.headers["content-type"] ?? "").includes("json")) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        resolve({ status: res.statusCode ?? 0, body, text, headers: res.headers, ms: performance.now() - started });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (options.timeoutMs) {
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms: ${url}`)));
    }
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

type TrpcBody<T> = { result?: { data: T }; error?: { message: string; code: number; data?: { code?: string; httpStatus?: number; fieldErrors?: unknown; refusal?: unknown } } };

export class TrpcError extends Error {
  override readonly name = "TrpcError";
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly reply: Reply,
  ) {
    super(`${status} ${code ?? ""}: ${message}`);
  }
}

/** One signed-in (or anonymous) user of the API: their cookies, CSRF token and agent. */
export class ApiClient {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly agent: http.Agent = keepAliveAgent(4),
    readonly timeoutMs = 30_000,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(reply: Reply): void {
    const set = reply.headers["set-cookie"] ?? [];
    for (const line of set) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Any request with this user's cookies (and the CSRF header on POST). */
  async send(path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const cookie = this.cookieHeader();
    if (cookie && !headers.cookie) headers.cookie = cookie;
    if ((options.method ?? "GET") === "POST" && this.csrf && !headers["x-csrf-token"]) headers["x-csrf-token"] = this.csrf;
    const reply = await request(`${this.baseUrl}${path}`, { ...options, headers, timeoutMs: options.timeoutMs ?? this.timeoutMs }, this.agent);
    this.remember(reply);
    return reply;
  }

  /** Gets the CSRF token (and its cookie), as a page script does before posting. */
  async start(): Promise<this> {
    const reply = await this.send("/auth/csrf");
    this.csrf = (reply.body as { token: string }).token;
    return this;
  }

  async login(email: string, password: string): Promise<Reply> {
    if (!this.csrf) await this.start();
    const reply = await this.mutationReply("auth.login", { email, password });
    if (reply.status !== 200) throw new TrpcError(reply.status, (reply.body as TrpcBody<unknown>).error?.data?.code, `sign-in as ${email} failed: ${reply.text.slice(0, 300)}`, reply);
    return reply;
  }

  queryReply(procedure: string, input?: unknown): Promise<Reply> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send(`/trpc/${procedure}${query}`);
  }

  mutationReply(procedure: string, input?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.send(`/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(input ?? null) });
  }

  async query<T>(procedure: string, input?: unknown): Promise<T> {
    return unwrap<T>(await this.queryReply(procedure, input));
  }

  async mutation<T>(procedure: string, input?: unknown): Promise<T> {
    return unwrap<T>(await this.mutationReply(procedure, input));
  }
}

export function unwrap<T>(reply: Reply): T {
  const body = reply.body as TrpcBody<T>;
  if (reply.status === 200 && body?.result) return body.result.data;
  throw new TrpcError(reply.status, body?.error?.data?.code, body?.error?.message ?? reply.text.slice(0, 300), reply);
}
