/**
 * Which council a request is for (docs/decisions/0316-council-by-host.md): its host name, then
 * the /c/<slug>/ prefix (or the council a browser remembers from one), then PUBLIC_COUNCIL, then
 * the only council; and a server with none, or that cannot tell, says so (503), never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openHarness, PASSWORD, type Harness } from "../test/harness.js";
import { Browser, listen } from "../test/browser.js";
import { openTestDb } from "../../../packages/db/test/db.js";
import { createDeps } from "./deps.js";
import { defaultConfig } from "./config.js";
import { createContextInner } from "./context.js";
import { createCaller } from "./root.js";
import { recordingLogger } from "./logger.js";
import { createApp } from "./server.js";
import { INSTALL_COMMAND } from "./hosting.js";
import { installCouncil } from "./seed/council.js";
import { demoProfile } from "./seed/profile.js";
import { organisationRepository } from "@complaints/db";

const refusal = (error: unknown) => {
  if (!(error instanceof TRPCError)) throw error;
  return { status: error.code, code: (error.cause as { refusal?: { code: string } } | undefined)?.refusal?.code, message: error.message };
};

describe("choosing the council of a request", () => {
  let h: Harness;
  const visitor = (request: { host?: string; councilSlug?: string }) => h.asPrincipal(null, undefined, { ip: "192.0.2.7", ...request });

  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(() => h?.close());

  it("with one council on the server, every address is that council's (the only council), as before", async () => {
    expect((await visitor({}).public.services()).council.name).toBe("Exampleton Borough Council");
    expect((await visitor({ host: "anything.example" }).public.services()).council.name).toBe("Exampleton Borough Council");
  });

  describe("with two councils", () => {
    beforeAll(async () => {
      await h.addCouncil({ slug: "leeds", name: "Leeds Test Council", referencePrefix: "LDS", hosts: ["leeds.localhost"] });
    });

    it("chooses by host name first, whatever prefix or setting says", async () => {
      expect((await visitor({ host: "leeds.localhost" }).public.services()).council.name).toBe("Leeds Test Council");
      expect((await visitor({ host: "LEEDS.localhost", councilSlug: "exampleton" }).public.services()).council.name).toBe("Leeds Test Council");
    });

    it("then by the /c/<slug>/ prefix, on an address that names no council", async () => {
      expect((await visitor({ host: "localhost", councilSlug: "exampleton" }).public.services()).council.name).toBe("Exampleton Borough Council");
      expect((await visitor({ host: "localhost", councilSlug: "leeds" }).public.services()).council.name).toBe("Leeds Test Council");
    });

    it("then by PUBLIC_COUNCIL", async () => {
      const before = h.deps.config.publicForms.council;
      h.deps.config.publicForms.council = "leeds";
      try {
        expect((await visitor({ host: "localhost" }).public.services()).council.name).toBe("Leeds Test Council");
        h.deps.config.publicForms.council = "nowhere";
        const missing = await visitor({ host: "localhost" }).public.services().then(() => null, refusal);
        expect(missing).toEqual({ status: "SERVICE_UNAVAILABLE", code: "NOT_SET_UP", message: expect.stringContaining('"nowhere" (PUBLIC_COUNCIL)') });
      } finally {
        h.deps.config.publicForms.council = before;
      }
    });

    it("refuses to guess between several councils, and names their addresses (503, not a 500)", async () => {
      const refused = await visitor({ host: "localhost" }).public.services().then(() => null, refusal);
      expect(refused?.status).toBe("SERVICE_UNAVAILABLE");
      expect(refused?.code).toBe("NOT_SET_UP");
      expect(refused?.message).toContain("/c/exampleton/ for Exampleton Borough Council; /c/leeds/ for Leeds Test Council");
    });

    it("answers a host name no council has with a plain 503 naming it, on every public form", async () => {
      for (const call of [(c: ReturnType<typeof visitor>) => c.public.services(), (c: ReturnType<typeof visitor>) => c.public.equalityQuestions()]) {
        const refused = await call(visitor({ host: "wakefield.localhost" })).then(() => null, refusal);
        expect(refused).toEqual({ status: "SERVICE_UNAVAILABLE", code: "NOT_SET_UP", message: expect.stringContaining("(wakefield.localhost): no council on this server answers to it") });
      }
    });

    it("makes each council's cases with its own reference prefix, and shows them only on its own address", async () => {
      const atLeeds = visitor({ host: "leeds.localhost" });
      const made = await atLeeds.public.submit({ kind: "comment", serviceId: "waste", description: "Leeds comment", customer: null, idempotencyKey: "hosting-leeds-1" });
      expect(made.reference).toMatch(/^LDS-/);
      expect((await atLeeds.public.track({ reference: made.reference, trackingCode: made.trackingCode })).council.email).toBe("complaints@leeds.example");
      const elsewhere = await visitor({ host: "localhost", councilSlug: "exampleton" }).public.track({ reference: made.reference, trackingCode: made.trackingCode }).then(() => null, refusal);
      expect(elsewhere?.status).toBe("NOT_FOUND");
    });

    it("signs in, for an email with accounts in both councils, to the council of the address", async () => {
      // `leeds-dcro@…` is Leeds's; give Exampleton an account with the same email.
      const admin = await h.as("administrator");
      await admin.admin.staff.create({ email: "leeds-dcro@example.gov.uk", name: "Same Email", roles: [], password: PASSWORD });
      const login = (request: { host?: string; councilSlug?: string }) => visitor(request).auth.login({ email: "leeds-dcro@example.gov.uk", password: PASSWORD });
      expect((await login({ host: "leeds.localhost" })).name).toBe("dcro person");
      expect((await login({ host: "localhost", councilSlug: "exampleton" })).name).toBe("Same Email");
      expect((await login({ host: "localhost" }).then(() => null, refusal))?.message).toContain("accounts in more than one council");
    });

    it("signs in on a council's own address only that council's staff", async () => {
      const refused = await visitor({ host: "leeds.localhost" }).auth.login({ email: "dcro@example.gov.uk", password: PASSWORD }).then(() => null, refusal);
      expect(refused?.status).toBe("UNAUTHORIZED");
      const named = await visitor({ host: "leeds.localhost" }).auth.login({ email: "dcro@example.gov.uk", password: PASSWORD, council: "exampleton" }).then(() => null, refusal);
      expect(named?.message).toBe("This is Leeds Test Council's address: sign in to Exampleton Borough Council at its own address");
    });

    it("heads each council's letters with its own name and letterhead", async () => {
      const leedsManager = h.asPrincipal(await h.principal("leeds:complaints-manager"), undefined, { host: "leeds.localhost" });
      const { caseId } = await leedsManager.cases.log({ kind: "compliment", channel: "email", serviceId: "waste", description: "Thanks, Leeds", customer: { fullName: "Lee Dsresident", email: "lee@example.com" } });
      const draft = JSON.stringify(
        await leedsManager.letters.preview({
          caseId,
          kind: "compliment-acknowledgement",
          customerAddress: { lines: ["1 Leeds Road"], postcode: "LS1 1AA" },
          sections: [
            { element: "compliment-summary", paragraphs: ["Thank you."] },
            { element: "passed-to", paragraphs: ["We have passed it on."] },
          ],
        }),
      );
      expect(draft).toContain("Leeds Test Council");
      expect(draft).toContain("complaints@leeds.example");
      expect(draft).not.toContain("Exampleton");
    });

    it("installs no council whose host name another council already has: nothing half-installed", async () => {
      const now = h.clock.now();
      const refused = await installCouncil(h.db.db, { slug: "leeds-copy", hosts: ["leeds.localhost"], profile: demoProfile([]) }, [], now).then(() => null, (e: Error) => e.message);
      expect(refused).toMatch(/^Leeds\.localhost is already the address of Leeds Test Council/);
      expect(await organisationRepository.findCouncilBySlug(h.db.db, "leeds-copy")).toBeUndefined();
    });

    describe("over HTTP", () => {
      let server: { base: string; close: () => Promise<void> };
      beforeAll(async () => {
        server = await listen(createApp(h.deps), (url) => (h.deps.config.publicUrl = url));
      });
      afterAll(() => server?.close());

      it("sends a page under /c/<slug>/ to its own address, remembering the council for the links that follow", async () => {
        const browser = new Browser(server.base);
        const res = await browser.fetch("/c/leeds/complain?kind=comment");
        expect(res.status).toBe(303);
        expect(res.headers.get("location")).toBe("/complain?kind=comment");
        expect(browser.cookies.get("cm_council")).toBe("leeds");
        const services = (await (await browser.fetch("/trpc/public.services")).json()) as { result: { data: { council: { name: string } } } };
        expect(services.result.data.council.name).toBe("Leeds Test Council");
      });

      it("never redirects off this site from a prefixed address", async () => {
        for (const path of ["/c/leeds//elsewhere.example/", "/c/leeds/\\elsewhere.example/", "/c/leeds/%2F%2Felsewhere.example"]) {
          const res = await new Browser(server.base).fetch(path);
          expect(res.status, path).toBe(303);
          expect(res.headers.get("location"), path).toMatch(/^\/[^/\\]/);
        }
      });

      it("answers an API call under /c/<slug>/ in place, for that council", async () => {
        const res = await new Browser(server.base).fetch("/c/exampleton/trpc/public.services");
        expect(res.status).toBe(200);
        expect(((await res.json()) as { result: { data: { council: { name: string } } } }).result.data.council.name).toBe("Exampleton Borough Council");
      });

      it("answers a prefix naming no council with a plain 404", async () => {
        const res = await new Browser(server.base).fetch("/c/wakefield/complain");
        expect(res.status).toBe(404);
        expect(await res.text()).toBe('There is no council "wakefield" on this server. Check the address.');
      });

      it("answers the public forms on an unknown host name with 503 and plain words", async () => {
        const res = await new Browser(server.base, "wakefield.localhost").fetch("/trpc/public.services");
        expect(res.status).toBe(503);
        expect(((await res.json()) as { error: { message: string } }).error.message).toContain("not set up at this address (wakefield.localhost)");
      });

      it("does not let a session of one council act on another council's address", async () => {
        const exampleton = await new Browser(server.base).signIn("complaints-manager@example.gov.uk", PASSWORD);
        const session = exampleton.cookies.get("cm_session")!;
        const atLeeds = new Browser(server.base, "leeds.localhost");
        atLeeds.cookies.set("cm_session", session);
        expect((await atLeeds.fetch("/trpc/auth.me")).status).toBe(401);
        expect((await atLeeds.fetch("/trpc/queues.central")).status).toBe(401);
        // The same session on a plain address is its own council's, as before.
        expect((await exampleton.fetch("/trpc/auth.me")).status).toBe(200);
      });

      it("does not let an API key of one council act on another council's address", async () => {
        const admin = await h.as("administrator");
        const key = await admin.admin.apiKeys.create({ name: "Hosting", directorateIds: [h.council.ids.directorates.get("corporate")!], scopes: ["cases:create", "cases:read"] });
        const bearer = { authorization: `Bearer ${key.key}` };
        expect((await new Browser(server.base).fetch("/api/v1/services", { headers: bearer })).status).toBe(200);
        const refused = await new Browser(server.base, "leeds.localhost").fetch("/api/v1/services", { headers: bearer });
        expect(refused.status).toBe(401);
        expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("This address is Leeds Test Council's");
      });
    });
  });
});

describe("a server with no council installed", () => {
  const database = openTestDb();
  const log = recordingLogger();
  afterAll(async () => (await database).close());
  const caller = async () => {
    const deps = createDeps({ database: await database, clock: { now: () => new Date("2026-03-02T09:00:00Z") }, log, config: defaultConfig(), transport: null, oidc: null, plugins: [] });
    return createCaller(createContextInner({ deps, principal: null, request: { ip: "192.0.2.8", host: "localhost" } }));
  };

  it("answers every public form 503 NOT_SET_UP in plain words", async () => {
    const api = await caller();
    const proof = { reference: "EXB-2026-000001", trackingCode: "ABCD-EFGH-JKLM" };
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["services", () => api.public.services()],
      ["equalityQuestions", () => api.public.equalityQuestions()],
      ["submit", () => api.public.submit({ kind: "comment", serviceId: "waste", description: "Hello", customer: null, idempotencyKey: "empty-1" })],
      ["track", () => api.public.track(proof)],
      ["letter", () => api.public.letter({ ...proof, letterId: "00000000-0000-4000-8000-000000000000" })],
      ["escalate", () => api.public.escalate({ ...proof, expectedVersion: 1, idempotencyKey: "empty-2" })],
    ];
    for (const [name, call] of calls) {
      expect(await call().then(() => null, refusal), name).toEqual({ status: "SERVICE_UNAVAILABLE", code: "NOT_SET_UP", message: "No council has been installed on this server yet, so this service is not open." });
    }
  });

  it("tells whoever tries to sign in that no council is installed, and the command that installs one", async () => {
    const refused = await (await caller()).auth.login({ email: "someone@example.gov.uk", password: PASSWORD }).then(() => null, refusal);
    expect(refused?.status).toBe("SERVICE_UNAVAILABLE");
    expect(refused?.message).toContain("No council has been installed on this server yet");
    expect(refused?.message).toContain(INSTALL_COMMAND);
  });
});
