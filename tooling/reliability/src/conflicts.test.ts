/**
 * 100 concurrent conflicting commands on one case, over HTTP from 100 connections: one is
 * applied, the other 99 are told CONFLICT (409), and the case is consistent (one new version,
 * one new event, the chain intact, the snapshot showing the winner's change).
 */
import { ApiClient, keepAliveAgent, type Child, type Reply } from "@complaints/bench";
import { createDb, verifyEventChain } from "@complaints/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptedCase, PASSWORD, query, startWorld, type Council } from "./setup/world.js";

let url: string;
let council: Council;
let api: Child;

beforeAll(async () => ({ url, council, api } = await startWorld("conflicts", { cases: 0 })));
afterAll(() => api?.stop());

const newCase = (client: ApiClient) => acceptedCase(client, "Conflict Tester");

async function race(clients: ApiClient[], send: (client: ApiClient, i: number) => Promise<Reply>) {
  // All requests leave together: each client has its own connection, already open.
  const replies = await Promise.all(clients.map((c, i) => send(c, i)));
  return {
    ok: replies.filter((r) => r.status === 200),
    conflicts: replies.filter((r) => r.status === 409 && (r.body as { error?: { data?: { code?: string } } }).error?.data?.code === "CONFLICT"),
    other: replies.filter((r) => r.status !== 200 && r.status !== 409).map((r) => `${r.status} ${r.text.slice(0, 200)}`),
  };
}

async function events(caseId: string) {
  return query<{ seq: number; type: string; stream_version: number }>(url, "SELECT seq, type, stream_version FROM events WHERE case_id = $1 AND type <> 'case-read' ORDER BY seq", [caseId]);
}

describe("100 concurrent conflicting commands on one case", () => {
  it("assign to 100 different officers: one applied, 99 CONFLICT, the case shows the one applied", async () => {
    const email = council.email("dcro", "customer-services");
    const agent = keepAliveAgent(200);
    const clients = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const c = new ApiClient(api.url, agent);
        await c.login(email, PASSWORD);
        return c;
      }),
    );
    const { caseId, version } = await newCase(clients[0]!);
    const before = await events(caseId);
    const officers = council.council.roster.investigators.get("refuse-collection")!;
    const result = await race(clients, (c, i) => c.mutationReply("command.assign", { caseId, expectedVersion: version, handlerId: officers[i % officers.length] }));
    expect(result.other).toEqual([]);
    expect(result.ok).toHaveLength(1);
    expect(result.conflicts).toHaveLength(99);
    // Each refusal says what happened and what to do.
    expect((result.conflicts[0]!.body as { error: { message: string } }).error.message).toMatch(/changed this case.*Reload/);

    const winner = (result.ok[0]!.body as { result: { data: { version: number } } }).result.data;
    expect(winner.version).toBe(version + 1);
    const after = await events(caseId);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ type: "assign", stream_version: version + 1 });
    const [row] = await query<{ version: number; assigned_staff_id: string; state: { version: number; stages: Array<{ handlerId: string }> } }>(url, "SELECT version, assigned_staff_id, state FROM cases WHERE id = $1", [caseId]);
    expect(row!.version).toBe(version + 1);
    expect(row!.state.version).toBe(version + 1);
    expect(row!.assigned_staff_id).toBe(row!.state.stages.at(-1)!.handlerId);
    const [assigned] = await query<{ payload: { data: { handlerId: string } } }>(url, "SELECT payload FROM events WHERE case_id = $1 AND type = 'assign'", [caseId]);
    expect(assigned!.payload.data.handlerId).toBe(row!.assigned_staff_id);
    const database = await createDb({ url, maxConnections: 1 });
    try {
      expect((await verifyEventChain(database.db, caseId)).ok).toBe(true);
    } finally {
      await database.close();
    }
    agent.destroy();
  });

  it("100 different commands at once (contacts, holding responses, acknowledgements, extensions): one applied", async () => {
    const email = council.email("investigating-officer", "customer-services");
    const dcro = new ApiClient(api.url);
    await dcro.login(council.email("dcro", "customer-services"), PASSWORD);
    const { caseId, version: v0 } = await newCase(dcro);
    const assigned = await dcro.mutation<{ version: number }>("command.assign", { caseId, expectedVersion: v0, handlerId: council.id("investigating-officer", "customer-services") });
    const version = assigned.version;
    const agent = keepAliveAgent(200);
    const clients = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const c = new ApiClient(api.url, agent);
        await c.login(email, PASSWORD);
        return c;
      }),
    );
    const commands: Array<[string, Record<string, unknown>]> = [
      ["command.recordContact", { direction: "out", channel: "phone", summary: "Called the customer" }],
      ["command.acknowledge", {}],
      ["command.holdingResponse", { summary: "We are still looking into it" }],
      ["command.requestInformation", { id: "photos", from: "customer", what: "Photographs", pause: true }],
    ];
    const result = await race(clients, (c, i) => {
      const [procedure, payload] = commands[i % commands.length]!;
      return c.mutationReply(procedure, { caseId, expectedVersion: version, ...payload });
    });
    expect(result.ok).toHaveLength(1);
    // Losers are told CONFLICT; none is applied on top of the winner, none fails otherwise.
    expect(result.conflicts.length + result.other.length).toBe(99);
    expect(result.other).toEqual([]);
    const [row] = await query<{ version: number }>(url, "SELECT version FROM cases WHERE id = $1", [caseId]);
    expect(row!.version).toBe(version + 1);
    agent.destroy();
  });
});
