import { z } from "zod";
import { publicProcedure, router } from "../trpc.js";
import { readiness } from "../services/health.js";

const readinessOutput = z.object({
  ready: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
});

export const healthRouter = router({
  live: publicProcedure
    .meta({ openapi: { method: "GET", path: "/health/live", tags: ["health"], summary: "The process answers" } })
    .input(z.void())
    .output(z.object({ ok: z.literal(true) }))
    .query(() => ({ ok: true as const })),
  ready: publicProcedure
    .meta({ openapi: { method: "GET", path: "/health/ready", tags: ["health"], summary: "The database answers and the rules build" } })
    .input(z.void())
    .output(readinessOutput)
    .query(({ ctx }) => readiness(ctx.deps)),
});
