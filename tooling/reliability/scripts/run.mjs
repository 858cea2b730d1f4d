#!/usr/bin/env node
/**
 * Runs the reliability suite as two vitest processes at once, each with its own throwaway
 * PostgreSQL cluster (src/setup/global-setup.ts): the jobs file (two API processes waiting on
 * pg-boss's schedule, about three minutes mostly idle) beside every other file, one at a
 * time. One vitest process could not overlap them: files of one project share a cluster, and
 * running two at once made their CREATE ROLE statements clash. Exits non-zero when either
 * half fails; any arguments go to both (e.g. `-t name`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// This package's own vitest, so the script runs with or without pnpm on the PATH.
const vitest = path.join(root, "node_modules", ".bin", "vitest");
const extra = process.argv.slice(2);
const SLOW = "src/jobs.test.ts";

function run(name, args) {
  return new Promise((resolve) => {
    const child = spawn(vitest, ["run", ...args, ...extra], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    child.on("error", (error) => {
      process.stderr.write(`[${name}] could not start vitest: ${error.message}\n`);
      resolve({ name, code: 1 });
    });
    const prefix = (stream, out) => {
      let rest = "";
      stream.on("data", (chunk) => {
        const lines = (rest + chunk.toString()).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) out.write(`[${name}] ${line}\n`);
      });
      stream.on("end", () => rest && out.write(`[${name}] ${rest}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on("close", (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0) }));
  });
}

const results = await Promise.all([run("jobs", [SLOW]), run("rest", ["--exclude", SLOW])]);
for (const { name, code } of results) console.info(`[reliability] ${name}: ${code === 0 ? "passed" : `failed (exit ${code})`}`);
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
