/**
 * Ombudsman enquiries across cases (issue 6): the list behind the portal's /ombudsman page.
 * Each enquiry is worked on its case with the `command.ombudsman*` procedures.
 */
import { z } from "zod";
import { OMBUDSMAN_ENQUIRY_STATES } from "@complaints/core";
import { router, staffProcedure } from "../trpc.js";
import { ombudsmanEnquiries } from "../services/ombudsman.js";
import { slug } from "./schemas.js";

export const ombudsmanRouter = router({
  /**
   * Every open enquiry, and those closed in the last 90 days, on cases you may read (your
   * directorates, or all for council-wide roles): open ones first, by the date the reply is due.
   */
  enquiries: staffProcedure
    .input(
      z
        .object({
          /** Only one body: "lgsco", "housing-ombudsman", "ico"… */
          body: slug.max(40).optional(),
          state: z.enum(OMBUDSMAN_ENQUIRY_STATES).optional(),
          limit: z.number().int().min(1).max(500).default(200),
        })
        .default({ limit: 200 }),
    )
    .query(({ ctx, input }) => ombudsmanEnquiries(ctx, ctx.staff, input)),
});
