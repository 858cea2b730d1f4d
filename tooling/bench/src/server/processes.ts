/**
 * Child processes for benchmarks and the reliability suite: start a server, wait until it
 * says where it listens (or answers /readyz), stop it (SIGTERM, or SIGKILL for crash tests).
 * Every wait is bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "@complaints/vitest-config/postgres";
import { request } from "../http/client.js";

export { freePort };

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  /** Everything the child wrote to stderr (bounded to the last 200 lines). */
  readonly stderr: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node <script>` with `env`, on `port`, and waits (at most `timeoutMs`) until
 * `GET <url><readyPath>` answers 200.
 */
export async function startNode(
  script: string,
  options: { env: NodeJS.ProcessEnv; port: number; readyPath?: string; timeoutMs?: number; args?: string[]; nodeArgs?: string[] },
): Promise<Child> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], { env: { ...options.env, PORT: String(options.port) }, stdio: ["ignore", "pipe", "pipe"] });
  const stderr: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line) stderr.push(line);
    if (stderr.length > 200) stderr.splice(0, stderr.length - 200);
  };
  child.stderr!.on("data", keep);
  child.stdout!.on("data", () => {});
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let ready = false;
  while (!ready && Date.now() < deadline && child.exitCode === null) {
    try {
      const reply = await request(`${url}${options.readyPath ?? "/healthz"}`, { timeoutMs: 2_000 });
      ready = reply.status === 200;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  if (!ready) {
    child.kill("SIGKILL");
    throw new Error(`${script} did not become ready at ${url} (exit ${child.exitCode}): ${stderr.slice(-20).join("\n")}`);
  }
  return {
    process: child,
    url,
    stderr,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
