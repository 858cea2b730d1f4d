/** A generator thread: batch requests in, COPY text out (see load.ts). */
import { parentPort } from "node:worker_threads";
import { generateBatch, type BatchRequest } from "./generate.js";

if (!parentPort) throw new Error("worker.ts runs as a worker thread");
const port = parentPort;
port.on("message", (request: BatchRequest) => {
  try {
    port.postMessage({ ok: true, result: generateBatch(request) });
  } catch (error) {
    port.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
