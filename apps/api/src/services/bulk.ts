/**
 * Work in bulk (issue 16): one action on many cases chosen in a queue. Each case goes through
 * the same path as a single one (`runCommand`: access, core's guards, its own transaction, its
 * letters), so each succeeds or is refused on its own with core's plain reason, and no case is
 * left half-done. Cases run one after another: a bulk action is many single actions, not a
 * second way of changing a case (docs/decisions/0518-work-queue-bulk-filters-export.md).
 */
import { COMMANDS } from "@complaints/core";
import type { Context } from "../context.js";
import { apiErrorOf, badInput, describeError, INTERNAL_MESSAGE } from "../errors.js";
import type { StaffPrincipal } from "../access/principal.js";
import { loadReadableCase, runCommand, type CommandKey, type CommandPayload } from "./cases.js";
import { issueLetter, pendingLetters } from "./letters.js";

/**
 * At most this many cases in one request. Each case is its own transaction, run in turn inside
 * one HTTP request: 200 stays well within the request's time on the smallest install, and is
 * eight pages of a queue; more is an export or a data fix, not casework.
 */
export const BULK_LIMIT = 200;

export interface BulkCase {
  caseId: string;
  /** The version the queue showed: a case changed since is refused, not changed blind. */
  expectedVersion: number;
}

export interface BulkResult {
  /** The case's place in the request, from 0: results come in the order the cases were given. */
  position: number;
  /** Both null when the case cannot be seen: not even the id sent is echoed (existence is not leaked). */
  caseId: string | null;
  reference: string | null;
  outcome: "done" | "partly" | "refused";
  /** "Assigned", "2 letters issued", or core's reason for refusing, in its own words. */
  message: string;
  /** The refusal's code (CONFLICT_OF_INTEREST, VERSION_CONFLICT…), when refused. */
  code: string | null;
}

interface BulkAction {
  label: string;
  /** Checks the action's own fields once, before any case is touched. */
  parse(payload: unknown): unknown;
  run(ctx: Context, staff: StaffPrincipal, target: BulkCase, payload: unknown, idempotencyKey: string | undefined): Promise<Omit<BulkResult, "position" | "caseId" | "reference" | "code">>;
}

/**
 * A lifecycle command as a bulk action: its payload is the command's own schema, the same for
 * every case (`label` names the action when it is one use of a broader command).
 */
function commandAction<K extends CommandKey>(type: K, label?: { label: string; done: string }): BulkAction {
  const module = COMMANDS[type];
  const words = label ?? { label: module.label, done: module.done };
  return {
    label: words.label,
    parse: (payload) => {
      const parsed = module.payload.safeParse(payload);
      if (!parsed.success) throw badInput(`${words.label}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
      return parsed.data;
    },
    async run(ctx, staff, target, payload, idempotencyKey) {
      const input = { ...(payload as CommandPayload<K>), caseId: target.caseId, expectedVersion: target.expectedVersion, ...(idempotencyKey ? { idempotencyKey } : {}) };
      await runCommand(ctx, staff, type, input as Parameters<typeof runCommand<K>>[3]);
      return { outcome: "done", message: words.done };
    },
  };
}

/** The letters the lifecycle asked for on the case and nobody has issued, each issued as from its letters page. */
const issuePendingLetters: BulkAction = {
  label: "Issue waiting letters",
  parse: () => ({}),
  async run(ctx, staff, target) {
    const pending = await pendingLetters(ctx, staff, { caseId: target.caseId, limit: 20 });
    if (pending.length === 0) return { outcome: "refused", message: "No letters are waiting on this case" };
    const lines: string[] = [];
    let issued = 0;
    for (const letter of pending) {
      try {
        await issueLetter(ctx, staff, { caseId: target.caseId, outboxId: letter.outboxId });
        issued += 1;
        lines.push(`${letter.kindName}: issued`);
      } catch (error) {
        lines.push(`${letter.kindName}: not issued (${reasonOf(ctx, error).message})`);
      }
    }
    return { outcome: issued === pending.length ? "done" : issued === 0 ? "refused" : "partly", message: lines.join("; ") };
  },
};

/**
 * What may be done in bulk, by its name in the API. Adding a lifecycle command is one line.
 * The portal offers the same list (apps/portal/app/routes/cases.bulk.tsx).
 */
export const BULK_ACTIONS = {
  assign: commandAction("assign"),
  transfer: commandAction("transfer"),
  // recategorise with `addFlags` only: the flag is added to those each case already has.
  "add-flag": commandAction("recategorise", { label: "Add a flag", done: "Flag added" }),
  "issue-letters": issuePendingLetters,
} satisfies Record<string, BulkAction>;

export type BulkActionName = keyof typeof BULK_ACTIONS;
export const BULK_ACTION_NAMES = Object.keys(BULK_ACTIONS) as [BulkActionName, ...BulkActionName[]];

function reasonOf(ctx: Context, error: unknown): { message: string; code: string | null } {
  const known = apiErrorOf(error);
  if (!known) {
    // A fault, not a refusal: logged, and this case is reported as not done; the others go on.
    ctx.deps.log.error("bulk action failed on a case", { error });
    return { message: INTERNAL_MESSAGE, code: null };
  }
  const described = describeError(known);
  return { message: described.message, code: described.refusal?.code ?? null };
}

/** Runs the action on each case in turn; every case gets its own result, in the order given. */
export async function runBulk(
  ctx: Context,
  staff: StaffPrincipal,
  input: { action: BulkActionName; cases: readonly BulkCase[]; payload?: unknown; idempotencyKey?: string | undefined },
): Promise<{ action: string; results: BulkResult[] }> {
  const action: BulkAction = BULK_ACTIONS[input.action];
  if (input.cases.length > BULK_LIMIT) throw badInput(`Choose at most ${BULK_LIMIT} cases at a time`);
  const ids = new Set<string>();
  for (const c of input.cases) {
    if (ids.has(c.caseId)) throw badInput("Each case may be chosen once");
    ids.add(c.caseId);
  }
  const payload = action.parse(input.payload ?? {});
  const results: BulkResult[] = [];
  for (const [position, target] of input.cases.entries()) {
    let seen: { caseId: string | null; reference: string | null } = { caseId: null, reference: null };
    try {
      const { record } = await loadReadableCase(ctx, staff, target.caseId);
      seen = { caseId: record.id, reference: record.reference };
      const key = input.idempotencyKey ? `${input.idempotencyKey}:${target.caseId}` : undefined;
      const done = await action.run(ctx, staff, target, payload, key);
      results.push({ position, ...seen, ...done, code: null });
    } catch (error) {
      results.push({ position, ...seen, outcome: "refused", ...reasonOf(ctx, error) });
    }
  }
  return { action: action.label, results };
}
