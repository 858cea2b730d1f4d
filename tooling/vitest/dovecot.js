/**
 * A throwaway IMAP server for tests of the inbound mailbox (issue 15, "Real components in
 * tests"): Debian's Dovecot with its own configuration in a new folder under the system temp
 * folder, on a free port of 127.0.0.1, one user in a passwd-file, mail in a Maildir beside it.
 * It never reads /etc/dovecot nor touches the system's service. As root the mail is owned by
 * `nobody` (Dovecot refuses mail access as root); as anyone else, by that user.
 * The pattern of postgres.js: a clear message when Dovecot is missing, abandoned folders removed.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { freePort } from "./postgres.js";

const run = promisify(execFile);

const PREFIX = "complaints-imap-";

export const DOVECOT_INSTALL_COMMAND = "apt-get install -y dovecot-imapd";

export const DOVECOT_INSTALL_HINT =
  "Dovecot was not found (the inbound mailbox tests need a real IMAP server). Install it with `" +
  DOVECOT_INSTALL_COMMAND +
  "` (Debian/Ubuntu, as root), or point DOVECOT_BIN at the dovecot binary. The system service need not run: the tests start their own.";

/** The dovecot binary: DOVECOT_BIN, else /usr/sbin/dovecot. */
export function findDovecot() {
  const candidates = [process.env.DOVECOT_BIN, "/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].filter(Boolean);
  return candidates.find((file) => existsSync(file));
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Folders of runs killed before their teardown: no live Dovecot behind their master.pid. */
async function removeAbandoned(parent) {
  let names;
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    const pidFile = path.join(dir, "run", "master.pid");
    try {
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
      await rm(dir, { recursive: true, force: true });
    } catch {
      // Another user's folder, or one removed meanwhile: not ours to clean.
    }
  }
}

/**
 * Runs dovecot and waits for it to exit. Its output is not read: the daemon it leaves behind
 * keeps the standard streams it was given, so waiting for them to close would wait forever.
 * What it has to say goes to its log_path.
 */
function dovecot(bin, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`dovecot ${args.join(" ")} exited with ${code}`))));
  });
}

async function idOf(flag, name) {
  return Number((await run("id", [flag, name])).stdout.trim());
}

/** Resolves once the server greets on the port (Dovecot daemonises before it listens). */
async function waitForGreeting(port, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("data", (data) => {
        socket.destroy();
        resolve(String(data).startsWith("* OK"));
      });
      socket.once("error", () => resolve(false));
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Dovecot did not answer on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startThrowawayDovecot(options = {}) {
  const bin = findDovecot();
  if (!bin) throw new Error(DOVECOT_INSTALL_HINT);
  const parent = os.tmpdir();
  await removeAbandoned(parent);
  const dir = await mkdtemp(path.join(parent, PREFIX));
  // Dovecot's unprivileged processes must reach the sockets and the mail under it.
  await chmod(dir, 0o755);
  const user = options.user ?? "inbound";
  const password = options.password ?? randomBytes(12).toString("hex");
  const asRoot = process.getuid?.() === 0;
  const mailUid = asRoot ? await idOf("-u", "nobody") : process.getuid();
  const mailGid = asRoot ? await idOf("-g", "nobody") : process.getgid();
  const me = os.userInfo().username;
  const home = path.join(dir, "home");
  const config = path.join(dir, "dovecot.conf");
  try {
    for (const sub of ["run", "state", "home"]) await mkdir(path.join(dir, sub));
    await chown(home, mailUid, mailGid);
    await writeFile(path.join(dir, "passwd"), `${user}:{PLAIN}${password}::::\n`, { mode: 0o644 });
    const port = await freePort();
    await writeFile(
      config,
      [
        `base_dir = ${path.join(dir, "run")}`,
        `state_dir = ${path.join(dir, "state")}`,
        `log_path = ${path.join(dir, "dovecot.log")}`,
        `instance_name = ${path.basename(dir)}`,
        "protocols = imap",
        "listen = 127.0.0.1",
        "ssl = no",
        "disable_plaintext_auth = no",
        "auth_mechanisms = plain login",
        "first_valid_uid = 1",
        ...(asRoot ? [] : [`default_login_user = ${me}`, `default_internal_user = ${me}`]),
        "passdb {",
        "  driver = passwd-file",
        `  args = scheme=PLAIN username_format=%u ${path.join(dir, "passwd")}`,
        "}",
        "userdb {",
        "  driver = static",
        `  args = uid=${mailUid} gid=${mailGid} home=${home}/%u`,
        "}",
        "mail_location = maildir:~/Maildir",
        "service imap-login {",
        "  chroot =",
        "  inet_listener imap {",
        "    address = 127.0.0.1",
        `    port = ${port}`,
        "  }",
        "  inet_listener imaps {",
        "    port = 0",
        "  }",
        "}",
        "service anvil {",
        "  chroot =",
        "}",
        "",
      ].join("\n"),
    );
    const start = async () => {
      await dovecot(bin, ["-c", config]);
      await waitForGreeting(port);
    };
    await start();
    let running = true;
    let removed = false;
    const halt = async () => {
      if (!running) return;
      running = false;
      await dovecot(bin, ["-c", config, "stop"]).catch(() => undefined);
      // `stop` returns before the listener closes; wait until the port refuses connections.
      for (let i = 0; i < 100; i++) {
        const open = await new Promise((resolve) => {
          const socket = connect({ host: "127.0.0.1", port });
          socket.once("connect", () => {
            socket.destroy();
            resolve(true);
          });
          socket.once("error", () => resolve(false));
        });
        if (!open) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    return {
      host: "127.0.0.1",
      port,
      user,
      password,
      url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
      dir,
      log: () => (existsSync(path.join(dir, "dovecot.log")) ? readFileSync(path.join(dir, "dovecot.log"), "utf8") : ""),
      halt,
      async resume() {
        if (running) return;
        await start();
        running = true;
      },
      async stop() {
        if (removed) return;
        removed = true;
        try {
          await halt();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await dovecot(bin, ["-c", config, "stop"]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
