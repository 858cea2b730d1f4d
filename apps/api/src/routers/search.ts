import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { searchCases } from "../services/case-views.js";

/** What a search looks for; the same for the screen and its CSV export (http/report-routes.ts). */
const searchCriteria = z.object({
  quick: z.string().trim().max(200).optional(),
  reference: z.string().trim().max(40).optional(),
  customerName: z.string().trim().max(200).optional(),
  email: z.string().trim().max(320).optional(),
  phone: z.string().trim().max(40).optional(),
  postcode: z.string().trim().max(10).optional(),
  text: z.string().trim().max(500).optional(),
  status: z.enum(["open", "closed", "any"]).optional(),
  kind: z.string().max(40).optional(),
});
const somethingToFind = (s: Record<string, unknown>) => Object.entries(s).some(([k, v]) => k !== "limit" && k !== "status" && k !== "kind" && typeof v === "string" && v.length > 0);

export const searchExportInput = searchCriteria.strict().refine(somethingToFind, { message: "Enter something to search for" });

export const searchRouter = router({
  /** Cases you may see, by reference, customer name, email, phone, postcode or words of the description. */
  cases: staffProcedure
    .input(searchCriteria.extend({ limit: z.number().int().min(1).max(200).default(50) }).refine(somethingToFind, { message: "Enter something to search for" }))
    .query(({ ctx, input }) => searchCases(ctx, ctx.staff, input)),
});
