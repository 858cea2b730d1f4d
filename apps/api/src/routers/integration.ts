/**
 * The HTTP/JSON surface for integrations, documented as OpenAPI at /api/openapi.json and
 * served under /api (e.g. POST /api/v1/cases). Authenticate with an API key scoped to one or
 * more directorates: `Authorization: Bearer cmk_…`.
 */
import { z } from "zod";
import { CASE_KINDS, CASE_STATUSES, CHANNELS } from "@complaints/core";
import { apiKeyProcedure, router } from "../trpc.js";
import { caseStatus, createCaseForIntegration, servicesFor } from "../services/integration.js";
import { logCaseInput } from "./schemas.js";

const createInput = logCaseInput.omit({ aboutStaffIds: true }).extend({
  idempotencyKey: z
    .string()
    .min(8, "at least 8 characters")
    .max(200)
    .describe("The same key on a retry returns the first case instead of creating a second one. Use one per submission (e.g. the form's submission id)."),
});

const statusOutput = z.object({
  reference: z.string(),
  kind: z.enum(CASE_KINDS),
  status: z.enum(CASE_STATUSES),
  receivedAt: z.string(),
  stage: z
    .object({ id: z.string(), label: z.string(), phase: z.string(), acknowledgedOn: z.string().nullable(), respondedOn: z.string().nullable(), outcome: z.string().nullable() })
    .nullable(),
  nextDue: z.object({ kind: z.string(), date: z.string() }).nullable(),
  closedOn: z.string().nullable(),
  closureReason: z.string().nullable(),
});

export const integrationRouter = router({
  services: apiKeyProcedure("cases:create")
    .meta({ openapi: { method: "GET", path: "/v1/services", tags: ["cases"], summary: "The services this key may create cases for", protect: true } })
    .input(z.void())
    .output(z.array(z.object({ id: z.string(), name: z.string(), directorate: z.string() })))
    .query(({ ctx }) => servicesFor(ctx, ctx.apiKey)),

  createCase: apiKeyProcedure("cases:create")
    .meta({
      openapi: {
        method: "POST",
        path: "/v1/cases",
        tags: ["cases"],
        summary: "Create a case (complaint, compliment, comment, member enquiry, FOI/EIR review, service request)",
        description: `Channels: ${CHANNELS.join(", ")}. Retrying with the same idempotencyKey returns the first case.`,
        protect: true,
        errorResponses: { 400: "Invalid input (see data.fieldErrors)", 401: "No valid API key", 403: "The key may not create cases for that directorate", 422: "A rule refused it (see data.refusal)" },
      },
    })
    .input(createInput)
    .output(z.object({ caseId: z.string(), reference: z.string(), version: z.number(), created: z.boolean(), status: z.literal("new") }))
    .mutation(({ ctx, input }) => createCaseForIntegration(ctx, ctx.apiKey, input)),

  caseStatus: apiKeyProcedure("cases:read")
    .meta({ openapi: { method: "GET", path: "/v1/cases/{reference}", tags: ["cases"], summary: "A case's status by its reference", protect: true, errorResponses: { 401: "No valid API key", 404: "No such case for this key" } } })
    .input(z.object({ reference: z.string().regex(/^[A-Za-z]{2,6}-\d{4}-\d{6,}$/, "a case reference like EXB-2026-000123") }))
    .output(statusOutput)
    .query(({ ctx, input }) => caseStatus(ctx, ctx.apiKey, input.reference)),
});
