import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { searchCases } from "../services/case-views.js";

export const searchRouter = router({
  /** Cases you may see, by reference, customer name, email, phone, postcode or words of the description. */
  cases: staffProcedure
    .input(
      z
        .object({
          quick: z.string().trim().max(200).optional(),
          reference: z.string().trim().max(40).optional(),
          customerName: z.string().trim().max(200).optional(),
          email: z.string().trim().max(320).optional(),
          phone: z.string().trim().max(40).optional(),
          postcode: z.string().trim().max(10).optional(),
          text: z.string().trim().max(500).optional(),
          status: z.enum(["open", "closed", "any"]).optional(),
          kind: z.string().max(40).optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .refine((s) => Object.entries(s).some(([k, v]) => k !== "limit" && k !== "status" && k !== "kind" && typeof v === "string" && v.length > 0), {
          message: "Enter something to search for",
        }),
    )
    .query(({ ctx, input }) => searchCases(ctx, ctx.staff, input)),
});
