/**
 * Downloads that are files, not JSON: an issued letter's PDF exactly as stored, and a print
 * batch's PDF (streamed, letter by letter) and CSV manifest. Staff sessions only, with the
 * same access rules as the tRPC procedures; errors are JSON like the rest of the API.
 */
import { Router, type Request, type RequestHandler, type Response } from "express";
import { IntegrityError } from "@complaints/db";
import type { AppDeps, Context } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { PASSWORD_CHANGE_MESSAGE } from "../errors.js";
import { letterPdf } from "../services/letters.js";
import { batchManifest, downloadableBatch, writeBatchPdf } from "../services/print-batches.js";
import { asyncHandler, fileHeaders, jsonError, locals, requestContext, sendStored } from "./middleware.js";

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
    const ctx = requestContext(deps, req, res);
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

export function letterRoutes(deps: AppDeps): Router {
  const routes = Router();

  routes.get(
    "/letters/print-batches/:batchId.pdf",
    staffDownload(deps, "batchId", async (ctx, staff, req, res) => {
      const batch = await downloadableBatch(ctx, staff, req.params.batchId as string);
      fileHeaders(res, "application/pdf", `attachment; filename="print-batch-${batch.built_at.toISOString().slice(0, 10)}-${batch.id.slice(0, 8)}.pdf"`);
      // Streamed: letters are read and laid out one after another while the PDF goes out.
      await writeBatchPdf(ctx, batch.id, res);
    }),
  );

  routes.get(
    "/letters/print-batches/:batchId.csv",
    staffDownload(deps, "batchId", async (ctx, staff, req, res) => {
      const csv = await batchManifest(ctx, staff, req.params.batchId as string);
      fileHeaders(res, "text/csv; charset=utf-8", `attachment; filename="print-batch-${(req.params.batchId as string).slice(0, 8)}.csv"`);
      res.send(csv);
    }),
  );

  routes.get(
    "/letters/:letterId.pdf",
    staffDownload(deps, "letterId", async (ctx, staff, req, res) => {
      const { meta, pdf, fileName } = await letterPdf(ctx, staff, req.params.letterId as string);
      fileHeaders(res, "application/pdf", `inline; filename="${fileName}"`);
      sendStored(res, pdf, meta.sha256);
    }),
  );

  return routes;
}
