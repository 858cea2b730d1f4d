/**
 * Downloads that are files, not JSON: an issued letter's PDF exactly as stored, and a print
 * batch's PDF (streamed, letter by letter) and CSV manifest. Staff sessions only, with the
 * same access rules as the tRPC procedures; errors are JSON like the rest of the API.
 */
import { Router, type Request, type RequestHandler, type Response } from "express";
import { IntegrityError } from "@complaints/db";
import { createContextInner, type AppDeps, type Context } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { PASSWORD_CHANGE_MESSAGE } from "../errors.js";
import { letterPdf } from "../services/letters.js";
import { batchManifest, downloadableBatch, writeBatchPdf } from "../services/print-batches.js";
import { asyncHandler, cookieJar, jsonError, locals } from "./middleware.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type StaffHandler = (ctx: Context, staff: StaffPrincipal, req: Request, res: Response) => Promise<void>;

/** A GET for signed-in staff: 401 without a session, the API's own JSON errors otherwise. */
export function staffDownload(deps: AppDeps, param: string, handler: StaffHandler): RequestHandler {
  return asyncHandler(async (req, res) => {
    const principal = locals(res).principal;
    if (principal?.kind !== "staff") return jsonError(res, 401, "NOT_SIGNED_IN", "Sign in to download this");
    if (principal.passwordMustChange) return jsonError(res, 403, "PASSWORD_CHANGE_REQUIRED", PASSWORD_CHANGE_MESSAGE);
    const id = req.params[param];
    if (typeof id !== "string" || !UUID.test(id)) return jsonError(res, 404, "NOT_FOUND", "There is nothing at this address");
    const ctx = createContextInner({
      deps,
      principal,
      request: { ip: req.ip ?? null, userAgent: req.headers["user-agent"] ?? null },
      cookies: cookieJar(deps, req, res),
    });
    try {
      await handler(ctx, principal, req, res);
    } catch (error) {
      // Refusals go on to the server's error handler (server.ts); a file that fails its check is said here.
      if (error instanceof IntegrityError) {
        deps.log.error("stored file does not match its hash", { path: req.path, error: error.message });
        return jsonError(
          res,
          500,
          "INTEGRITY",
          "This file no longer matches the fingerprint (SHA-256) recorded when it was stored, so it is not served. This has been logged; tell the service desk.",
        );
      }
      throw error;
    }
  });
}

/** RFC 9530: the SHA-256 of the bytes served, so a client can check them. */
function reprDigest(sha256Hex: string): string {
  return `sha-256=:${Buffer.from(sha256Hex, "hex").toString("base64")}:`;
}

export function letterRoutes(deps: AppDeps): Router {
  const routes = Router();

  routes.get(
    "/letters/print-batches/:batchId.pdf",
    staffDownload(deps, "batchId", async (ctx, staff, req, res) => {
      const batch = await downloadableBatch(ctx, staff, req.params.batchId as string);
      res.status(200);
      res.setHeader("Content-Type", "application/pdf");
      res.setHeader("Content-Disposition", `attachment; filename="print-batch-${batch.built_at.toISOString().slice(0, 10)}-${batch.id.slice(0, 8)}.pdf"`);
      res.setHeader("Cache-Control", "private, no-store");
      // Streamed: letters are read and laid out one after another while the PDF goes out.
      await writeBatchPdf(ctx, batch.id, res);
    }),
  );

  routes.get(
    "/letters/print-batches/:batchId.csv",
    staffDownload(deps, "batchId", async (ctx, staff, req, res) => {
      const csv = await batchManifest(ctx, staff, req.params.batchId as string);
      res.status(200);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="print-batch-${(req.params.batchId as string).slice(0, 8)}.csv"`);
      res.setHeader("Cache-Control", "private, no-store");
      res.send(csv);
    }),
  );

  routes.get(
    "/letters/:letterId.pdf",
    staffDownload(deps, "letterId", async (ctx, staff, req, res) => {
      const { meta, pdf, fileName } = await letterPdf(ctx, staff, req.params.letterId as string);
      res.status(200);
      res.setHeader("Content-Type", "application/pdf");
      res.setHeader("Content-Length", String(pdf.byteLength));
      res.setHeader("Content-Disposition", `inline; filename="${fileName}"`);
      res.setHeader("Cache-Control", "private, no-store");
      res.setHeader("ETag", `"${meta.sha256}"`);
      res.setHeader("Repr-Digest", reprDigest(meta.sha256));
      res.end(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    }),
  );

  return routes;
}
