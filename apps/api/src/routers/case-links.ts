/**
 * Merge, link and split (issue 16; docs/decisions/0106-merge-link-split.md): each touches two
 * cases and runs core's paired commands in one transaction (services/case-links.ts). Their
 * payloads are the commands' own (core's schemas); the other case is named by its reference.
 */
import { COMMANDS } from "@complaints/core";
import { z } from "zod";
import { router, staffProcedure } from "../trpc.js";
import { linkCases, mergeCases, relatedCases, splitCase, unlinkCases } from "../services/case-links.js";
import { caseRef, id } from "./schemas.js";

export const caseLinksRouter = router({
  /** Every case this one is linked to, merged with or split from, with its status; a merged duplicate's timeline, letters and files. */
  list: staffProcedure.input(z.object({ caseId: id })).query(({ ctx, input }) => relatedCases(ctx, ctx.staff, input.caseId)),

  /** Merges this case (a duplicate found after triage) into the case kept, named by its reference. */
  merge: staffProcedure.input(caseRef.and(COMMANDS["merge-into"].payload)).mutation(({ ctx, input }) => mergeCases(ctx, ctx.staff, input)),

  /** Links this case and another, both ways. */
  link: staffProcedure.input(caseRef.and(COMMANDS["link-case"].payload)).mutation(({ ctx, input }) => linkCases(ctx, ctx.staff, input)),

  /** Takes away a link made between related cases (not a merge or a split: those stay on the record). */
  unlink: staffProcedure.input(caseRef.and(COMMANDS["unlink-case"].payload)).mutation(({ ctx, input }) => unlinkCases(ctx, ctx.staff, input)),

  /** Splits another service's part of a multi-service complaint off into a case of its own, linked to this one. */
  split: staffProcedure.input(caseRef.and(COMMANDS.split.payload)).mutation(({ ctx, input }) => splitCase(ctx, ctx.staff, input)),
});
