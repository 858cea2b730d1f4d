import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { createApp } from "../server.js";

describe("the REST/JSON surface for integrations (OpenAPI, API keys scoped to a directorate)", () => {
  let h: Harness;
  let server: Server;
  let base: string;
  let key: string;
  let keyId: string;

  const form = {
    kind: "complaint",
    channel: "web",
    serviceId: "council-tax",
    description: "Submitted from the council's web form",
    customer: { fullName: "Wendy Web", email: "wendy@example.com", postcode: "EX1 1AA" },
    idempotencyKey: "form-submission-42",
  };
  const api = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key !== null) headers.set("authorization", `Bearer ${init.key ?? key}`);
    if (init.body) headers.set("content-type", "application/json");
    return fetch(`${base}/api${path}`, { ...init, headers });
  };

  beforeAll(async () => {
    h = await openHarness();
    server = createApp(h.deps).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h.deps.config.publicUrl = base;
    const created = await (await h.as("administrator")).admin.apiKeys.create({
      name: "Corporate web forms",
      directorateIds: [h.council.ids.directorates.get("corporate")!],
      scopes: ["cases:create", "cases:read"],
    });
    key = created.key;
    keyId = created.id;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await h?.close();
  });

  it("publishes an OpenAPI document with the case endpoints and the API key scheme", async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(["/health/live", "/health/ready", "/v1/cases", "/v1/cases/{reference}", "/v1/services"]);
    expect(Object.keys(doc.paths["/v1/cases"]!)).toEqual(["post"]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("creates a case once however often the form retries, and reports its status by reference", async () => {
    const first = await api("/v1/cases", { method: "POST", body: JSON.stringify(form) });
    expect(first.status).toBe(200);
    const created = (await first.json()) as { reference: string; caseId: string; created: boolean };
    expect(created.created).toBe(true);
    const again = (await (await api("/v1/cases", { method: "POST", body: JSON.stringify(form) })).json()) as { caseId: string; created: boolean };
    expect(again).toMatchObject({ caseId: created.caseId, created: false });

    const status = await api(`/v1/cases/${created.reference}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ reference: created.reference, status: "new", stage: null, closedOn: null });

    // Staff see it as logged by the integration, and its status read in the access log.
    const detail = await (await h.as("complaints-manager")).cases.get({ caseId: created.caseId });
    expect(detail.timeline[0]).toMatchObject({ type: "log", actor: { id: `api-key:${keyId}` } });
    const reads = await (await h.as("auditor")).cases.accessLog({ caseId: created.caseId });
    expect(reads.reads.map((r) => [r.actorType, r.purpose])).toContainEqual(["api-key", "status via API"]);
  });

  it("lists the services the key may use", async () => {
    const services = (await (await api("/v1/services")).json()) as Array<{ id: string }>;
    expect(services.map((s) => s.id).sort()).toEqual(["council-tax", "customer-services"]);
  });

  it("refuses without a key, with a wrong key, and outside the key's directorates", async () => {
    expect((await api("/v1/cases", { method: "POST", body: JSON.stringify(form), key: null })).status).toBe(401);
    expect((await api("/v1/cases", { method: "POST", body: JSON.stringify(form), key: `${key.slice(0, -4)}AAAA` })).status).toBe(401);
    const other = await api("/v1/cases", { method: "POST", body: JSON.stringify({ ...form, serviceId: "waste", idempotencyKey: "form-submission-43" }) });
    expect(other.status).toBe(403);

    const { caseId } = await (await h.as("customer-services")).cases.log({ kind: "complaint", channel: "phone", serviceId: "waste", description: "Not for this key", customer: null });
    const reference = (await (await h.as("complaints-manager")).cases.get({ caseId })).reference;
    expect((await api(`/v1/cases/${reference}`)).status).toBe(404);
  });

  it("answers bad input with 400 and field messages", async () => {
    const res = await api("/v1/cases", { method: "POST", body: JSON.stringify({ ...form, kind: "moan", customer: { fullName: "" }, idempotencyKey: "x" }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; data: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.data.fieldErrors).sort()).toEqual(["customer.fullName", "idempotencyKey", "kind"]);
    expect(JSON.stringify(body)).not.toMatch(/"stack"/);
  });

  it("stops working once revoked", async () => {
    await (await h.as("administrator")).admin.apiKeys.revoke({ keyId });
    expect((await api("/v1/services")).status).toBe(401);
  });
});
