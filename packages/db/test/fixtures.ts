/**
 * Test data: a council with two directorates, and a toy case lifecycle.
 *
 * The toy lifecycle stands in for `@complaints/core` where a test is about storage rather than
 * rules (concurrency, hash chains, mirrors): it is small enough to read in one go, and any
 * command can be made to refuse. core-cases.test.ts runs the real core through the same path.
 */
import type { Kysely } from "kysely";
import {
  applyCommand,
  createCase,
  type AppliedCommand,
  type CaseProjection,
  type TransitionOutcome,
} from "../src/cases.js";
import type { CustomerInput } from "../src/customers.js";
import type { Actor } from "../src/events.js";
import type { Executor } from "../src/executor.js";
import { authRepository } from "../src/auth.js";
import { createTestCouncil, TEST_SEEDED_AT } from "../src/testing/index.js";
import type { DB } from "../src/schema.js";

let councils = 0;

export async function seedCouncil(db: Kysely<DB>, options: { referencePrefix?: string } = {}) {
  councils += 1;
  const { council, ids } = await createTestCouncil(db, {
    slug: `test-council-${councils}-${Math.random().toString(36).slice(2, 8)}`,
    name: `Test Council ${councils}`,
    ...(options.referencePrefix ? { referencePrefix: options.referencePrefix } : {}),
    profile: { directorates: [
      {
        id: "housing",
        name: "Housing",
        services: [
          {
            id: "repairs",
            name: "Repairs",
            plugins: ["housing"],
            teams: [{ id: "north", name: "North" }],
          },
          { id: "lettings", name: "Lettings" },
        ],
      },
      {
        id: "adults",
        name: "Adults and Health",
        services: [{ id: "adult-social-care", name: "Adult social care" }],
      },
    ] },
  });
  const staff = async (email: string, grant: { role: string; directorateId: string | null }) => {
    const id = await authRepository.insertStaff(db, { councilId: council.id, email, displayName: email, grants: [grant] }, TEST_SEEDED_AT);
    return (await authRepository.findStaffById(db, id))!;
  };
  const officer = await staff(`officer@${council.slug}.example`, { role: "investigating-officer", directorateId: ids.directorates.get("housing")! });
  const manager = await staff(`manager@${council.slug}.example`, { role: "complaints-manager", directorateId: null });
  return {
    council,
    councilId: council.id,
    directorates: {
      housing: ids.directorates.get("housing")!,
      adults: ids.directorates.get("adults")!,
    },
    services: ids.services,
    officer,
    manager,
  };
}

export type Seed = Awaited<ReturnType<typeof seedCouncil>>;

export interface ToyState {
  id: string;
  reference: string;
  status: "open" | "closed";
  serviceCode: string;
  customerId: string | null;
  description: string;
  restricted: boolean;
  handlerId: string | null;
  notes: string[];
  due: Array<{ id: string; date: string; metOn: string | null }>;
}

export type ToyCommand =
  | { type: "note"; text: string }
  | { type: "assign"; handlerId: string | null }
  | { type: "move"; serviceCode: string }
  | { type: "set-due"; id: string; date: string }
  | { type: "meet"; id: string; on: string }
  | { type: "close" }
  | { type: "refuse"; why: string };

export type ToyEvent = { type: string; at: string; data: Record<string, unknown> };

export function openToy(
  ids: { caseId: string; reference: string; customerId: string | null },
  input: { description: string; serviceCode?: string; restricted?: boolean; at?: Date },
): TransitionOutcome<ToyState, ToyEvent, string> {
  if (!input.description.trim()) return { ok: false, refusal: "A complaint needs a description" };
  const state: ToyState = {
    id: ids.caseId,
    reference: ids.reference,
    status: "open",
    serviceCode: input.serviceCode ?? "repairs",
    customerId: ids.customerId,
    description: input.description,
    restricted: input.restricted ?? false,
    handlerId: null,
    notes: [],
    due: [{ id: "stage-1#1.acknowledge", date: "2026-03-09", metOn: null }],
  };
  return {
    ok: true,
    state,
    events: [
      {
        type: "log",
        at: (input.at ?? new Date("2026-03-02T09:30:00Z")).toISOString(),
        data: { description: input.description },
      },
    ],
    effects: [{ type: "send-letter", letter: "acknowledgement" }],
  };
}

export function toyTransition(
  state: ToyState,
  command: ToyCommand,
  at = new Date("2026-03-03T10:00:00Z"),
): TransitionOutcome<ToyState, ToyEvent, string> {
  const next = structuredClone(state);
  switch (command.type) {
    case "refuse":
      return { ok: false, refusal: command.why };
    case "note":
      next.notes.push(command.text);
      break;
    case "assign":
      next.handlerId = command.handlerId;
      break;
    case "move":
      next.serviceCode = command.serviceCode;
      break;
    case "set-due":
      next.due = [
        ...next.due.filter((d) => d.id !== command.id),
        { id: command.id, date: command.date, metOn: null },
      ];
      break;
    case "meet":
      next.due = next.due.map((d) => (d.id === command.id ? { ...d, metOn: command.on } : d));
      break;
    case "close":
      next.status = "closed";
      break;
  }
  const { type, ...data } = command;
  return { ok: true, state: next, events: [{ type, at: at.toISOString(), data }], effects: [] };
}

export function toyProjection(state: ToyState): CaseProjection {
  return {
    kind: "complaint",
    status: state.status,
    channel: "web",
    priority: "normal",
    regimeId: "toy",
    category: null,
    subCategory: null,
    flags: state.restricted ? ["named-staff"] : [],
    serviceCode: state.serviceCode,
    teamCode: null,
    assignedStaffId: state.handlerId,
    customerId: state.customerId,
    currentStageId: "stage-1",
    receivedAt: new Date("2026-03-02T09:30:00Z"),
    receiptDate: "2026-03-02",
    closedOn: state.status === "closed" ? "2026-03-20" : null,
    restricted: state.restricted,
    description: state.description,
    representative: null,
    stages: [
      {
        sequence: 1,
        stageId: "stage-1",
        label: "Stage 1",
        phase: state.status === "closed" ? "responded" : "investigating",
        requestedOn: "2026-03-02",
        acknowledgedOn: null,
        handlerStaffId: state.handlerId,
        extensionCount: 0,
        extendedTo: null,
        respondedOn: null,
        outcome: null,
        signedBy: null,
        endedOn: null,
      },
    ],
    dueDates: state.due.map((d) => ({
      id: d.id,
      kind: d.id.split(".").at(-1)!,
      nature: "deadline",
      stageId: "stage-1",
      date: d.date,
      metOn: d.metOn,
      rule: "toy rule",
      explanation: `due ${d.date}`,
    })),
    contacts: state.notes.map((summary) => ({
      on: "2026-03-03",
      direction: "in" as const,
      channel: "phone",
      summary,
      by: "toy",
    })),
    remedies: [],
    learningActions: [],
    ombudsmanEnquiries: [],
  };
}

export const staffActor = (id: string): Actor => ({ type: "staff", id });
export const publicActor: Actor = { type: "public", id: null };

/** Logs a toy case and returns it (throws if the toy lifecycle refuses). */
export async function logToyCase(
  db: Executor,
  seed: Seed,
  input: {
    description?: string;
    serviceCode?: string;
    restricted?: boolean;
    customer?: CustomerInput | { id: string } | null;
    receivedAt?: Date;
  } = {},
): Promise<AppliedCommand<ToyState>> {
  const result = await createCase(db, { at: new Date(),
    councilId: seed.councilId,
    receivedAt: input.receivedAt ?? new Date("2026-03-02T09:30:00Z"),
    actor: publicActor,
    customer: input.customer ?? null,
    open: (ids) =>
      openToy(
        { caseId: ids.caseId, reference: ids.reference, customerId: ids.customer?.id ?? null },
        {
          description: input.description ?? "The repair to my boiler was never done",
          ...(input.serviceCode ? { serviceCode: input.serviceCode } : {}),
          restricted: input.restricted ?? false,
        },
      ),
    project: toyProjection,
  });
  if (!result.ok) throw new Error(`toy case refused: ${String(result.refusal)}`);
  return result;
}

/** Applies a toy command as the seed's officer. */
export function toyCommand(
  db: Executor,
  seed: Seed,
  caseId: string,
  expectedVersion: number,
  command: ToyCommand,
) {
  return applyCommand(db, { at: new Date(),
    caseId,
    expectedVersion,
    actor: staffActor(seed.officer.id),
    transition: (state: ToyState) => toyTransition(state, command),
    project: toyProjection,
  });
}
