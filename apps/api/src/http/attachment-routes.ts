/**
 * Files on a case over plain HTTP (issue 6), because a file is not JSON:
 *
 * - `POST /cases/:caseId/attachments`: a `multipart/form-data` body with one `file` (and an
 *   optional `description`), from the portal's plain HTML form or from a script. Parsed with
 *   multer into memory, never beyond the council's limit (ATTACHMENT_MAX_MB): who may add
 *   files and the CSRF token are checked when the file part starts, before its bytes are read.
 *   Answers 201 with the file's record; 413 too large, 415 a type not accepted, 422 empty or
 *   not what it claims to be, each with code ATTACHMENT_REJECTED and nothing stored. A browser
 *   posting the form (Accept: text/html) is sent back to the case page instead (303), with
 *   `?attached=<id>` or `?attachmentError=<reason>` for the page to say what happened.
 * - `GET /attachments/:attachmentId`: the file, checked against its SHA-256, always as a
 *   download (never shown inline: the bytes came from outside).
 *
 * docs/decisions/0511-attachments-upload-route.md.
 */
import { Router, type NextFunction, type Request, type Response } from "express";
import multer, { MulterError } from "multer";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { AppDeps, Context } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { ApiProblem, apiErrorOf, describeError, passwordChangeRequired } from "../errors.js";
import { addAttachment, assertMayAttach, attachmentFile, DESCRIPTION_MAX, formatSize, mediaTypeOf, rejected } from "../services/attachments.js";
import { staffDownload } from "./letter-routes.js";
import { asyncHandler, csrfTokenMatches, fileHeaders, locals, requestContext, sendStored } from "./middleware.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Room for the multipart framing and the few small fields beside the file. */
const FORM_OVERHEAD = 64 * 1024;

interface UploadLocals {
  uploadCtx?: Context;
  uploadStaff?: StaffPrincipal;
  uploadChecked?: boolean;
}

function wantsHtml(req: Request): boolean {
  return (req.headers.accept ?? "").includes("text/html");
}

/** A failure: JSON for scripts; back to the case page for a browser's form post. */
function fail(req: Request, res: Response, status: number, code: string, message: string, reason: string): void {
  const caseId = req.params.caseId;
  if (wantsHtml(req) && status === 401) {
    res.redirect(303, `/sign-in?expired&returnTo=${encodeURIComponent(typeof caseId === "string" && UUID.test(caseId) ? `/cases/${caseId}` : "/cases")}`);
    return;
  }
  if (wantsHtml(req) && typeof caseId === "string" && UUID.test(caseId) && status !== 404) {
    res.redirect(303, `/cases/${caseId}?attachmentError=${encodeURIComponent(reason)}#attachments`);
    return;
  }
  res.status(status).json({ error: { code, message, ...(reason ? { reason } : {}) } });
}

function failWith(req: Request, res: Response, error: TRPCError): void {
  const described = describeError(error);
  const reason = error.cause instanceof ApiProblem ? (error.cause.refusal.reason ?? error.cause.refusal.code.toLowerCase()) : "invalid";
  fail(req, res, getHTTPStatusCodeFromError(error), described.refusal?.code ?? error.code, described.message, reason);
}

/** RFC 6266 / 8187: an ASCII fallback and the exact name in UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function attachmentRoutes(deps: AppDeps): Router {
  const routes = Router();
  const maxBytes = deps.config.attachments.policy.maxBytes;

  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers send file names in UTF-8.
    defParamCharset: "utf8",
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 2_000, parts: 8, headerPairs: 50 },
    fileFilter: (req, _file, accept) => {
      // Everything but the file has arrived by now (the portal's form puts the file last):
      // check the CSRF token and who may add files before reading a byte of it.
      const res = req.res!;
      const l = res.locals as UploadLocals;
      if (!csrfTokenMatches(req, res)) return accept(new TRPCError({ code: "FORBIDDEN", message: "csrf" }));
      assertMayAttach(l.uploadCtx!, l.uploadStaff!, req.params.caseId as string)
        .then(() => {
          l.uploadChecked = true;
          accept(null, true);
        })
        .catch((error: unknown) => accept(error as Error));
    },
  });

  routes.post(
    "/cases/:caseId/attachments",
    (req: Request, res: Response, next: NextFunction) => {
      const principal = locals(res).principal;
      if (principal?.kind !== "staff") return fail(req, res, 401, "NOT_SIGNED_IN", "Sign in to add files", "not-signed-in");
      if (principal.passwordMustChange) return failWith(req, res, passwordChangeRequired());
      const caseId = req.params.caseId;
      if (typeof caseId !== "string" || !UUID.test(caseId)) return fail(req, res, 404, "NOT_FOUND", "There is no such case", "not-found");
      const declared = Number(req.headers["content-length"] ?? 0);
      if (declared > maxBytes + FORM_OVERHEAD) {
        // Refused before reading: the connection is closed rather than drained.
        res.setHeader("Connection", "close");
        return failWith(req, res, rejected("too-large", tooLargeMessage(maxBytes)));
      }
      const l = res.locals as UploadLocals;
      l.uploadStaff = principal;
      l.uploadCtx = requestContext(deps, req, res);
      upload.single("file")(req, res, (error?: unknown) => {
        if (!error) return next();
        if (error instanceof TRPCError && error.message === "csrf") return fail(req, res, 403, "CSRF", "The form has expired or did not come from this site; reload the page and try again", "form-expired");
        if (error instanceof TRPCError) return failWith(req, res, error);
        if (error instanceof MulterError) {
          if (error.code === "LIMIT_FILE_SIZE") return failWith(req, res, rejected("too-large", tooLargeMessage(maxBytes)));
          if (error.code === "LIMIT_FIELD_VALUE" && error.field === "description") return fail(req, res, 400, "INVALID_INPUT", DESCRIPTION_TOO_LONG, "description-too-long");
          return fail(req, res, 400, "INVALID_INPUT", "Send one file in the field named file, with at most a description beside it", "invalid");
        }
        // busboy's own parse errors (a body that is not multipart after all).
        if (error instanceof Error && !(error as { status?: number }).status) return fail(req, res, 400, "INVALID_INPUT", "The form could not be read; send it as multipart/form-data", "invalid");
        next(error);
      });
    },
    asyncHandler(async (req, res) => {
      const l = res.locals as UploadLocals;
      // No file part at all: the token was not checked in the file filter.
      if (!l.uploadChecked && !csrfTokenMatches(req, res)) return fail(req, res, 403, "CSRF", "The form has expired or did not come from this site; reload the page and try again", "form-expired");
      const file = req.file;
      if (!file) return fail(req, res, 400, "INVALID_INPUT", "Select a file", "no-file");
      const body = (req.body ?? {}) as Record<string, unknown>;
      const description = typeof body.description === "string" && body.description.trim() ? body.description.trim() : null;
      // Said, not cut short: the person sees what was wrong and keeps what they wrote.
      if (description && description.length > DESCRIPTION_MAX) return fail(req, res, 400, "INVALID_INPUT", DESCRIPTION_TOO_LONG, "description-too-long");
      try {
        const attachment = await addAttachment(l.uploadCtx!, l.uploadStaff!, {
          caseId: req.params.caseId as string,
          fileName: file.originalname,
          mediaType: mediaTypeOf(file.originalname, file.mimetype),
          content: new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength),
          description,
        });
        if (wantsHtml(req)) return res.redirect(303, `/cases/${req.params.caseId}?attached=${attachment.attachmentId}#attachments`);
        res.status(201).json({ attachment });
      } catch (error) {
        const known = apiErrorOf(error);
        if (known && known.code !== "INTERNAL_SERVER_ERROR") return failWith(req, res, known);
        throw error;
      }
    }),
  );

  routes.get(
    "/attachments/:attachmentId",
    staffDownload(deps, "attachmentId", async (ctx, staff, req, res) => {
      const { meta, content } = await attachmentFile(ctx, staff, req.params.attachmentId as string);
      fileHeaders(res, meta.media_type, contentDisposition(meta.file_name));
      sendStored(res, content, meta.sha256);
    }),
  );

  return routes;
}

const DESCRIPTION_TOO_LONG = `The description is too long: keep it to ${DESCRIPTION_MAX} characters and send the file again`;

function tooLargeMessage(maxBytes: number): string {
  return `The file must be smaller than ${formatSize(maxBytes)}`;
}

