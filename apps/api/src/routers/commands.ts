/**
 * One procedure per lifecycle command (issue 3): `command.triage`, `command.recordContact`…,
 * one for each module of core's registry (packages/core/src/lifecycle/commands/), named in
 * camelCase. Each takes `{ caseId, expectedVersion, …payload }`, the payload parsed with the
 * command's own schema, and answers the new version and what the caller may do next. The flow
 * is in services/cases.ts.
 */
import { COMMAND_TYPES, COMMANDS, PAIRED_COMMANDS, type PairedCommand } from "@complaints/core";
import { router, staffProcedure } from "../trpc.js";
import { runCommand, type CommandKey, type CommandPayload } from "../services/cases.js";
import { commandRef } from "./schemas.js";

function commandProcedure<K extends CommandKey>(type: K) {
  return staffProcedure
    .input(commandRef.and(COMMANDS[type].payload as (typeof COMMANDS)[K]["payload"]))
    .mutation(({ ctx, input }) => runCommand(ctx, ctx.staff, type, input as { caseId: string; expectedVersion: number; idempotencyKey?: string } & CommandPayload<K>));
}

/**
 * The commands that touch two cases have no procedure here: alone, one side would not know the
 * other. They run in pairs through `caseLinks.*` (routers/case-links.ts, decision 0106).
 */
type SingleCommand = Exclude<CommandKey, PairedCommand>;
const SINGLE_COMMAND_TYPES = COMMAND_TYPES.filter((type): type is SingleCommand => !(PAIRED_COMMANDS as readonly string[]).includes(type));

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
const camelCase = <K extends CommandKey>(type: K) => type.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as CamelCase<K>;

/** Procedure name → core command type, for clients and tests. */
export const COMMAND_PROCEDURES = Object.fromEntries(SINGLE_COMMAND_TYPES.map((type) => [camelCase(type), type])) as { [K in SingleCommand as CamelCase<K>]: K };

export const commandRouter = router(
  Object.fromEntries(SINGLE_COMMAND_TYPES.map((type) => [camelCase(type), commandProcedure(type)])) as {
    [K in SingleCommand as CamelCase<K>]: ReturnType<typeof commandProcedure<K>>;
  },
);
