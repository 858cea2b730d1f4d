import { describe, expect, it } from "vitest";
import { SyntheticWorld, type GeneratedCase } from "./cases.js";
import { generateBatch, type BatchRequest } from "./generate.js";
import { LEWISHAM_5_2 } from "./lewisham.js";

const NOW = new Date("2026-11-23T12:00:00Z");
const options = { seed: 7, now: NOW, years: 6, councilSize: 100_000 };

/** One sample of cases shared by the distribution tests (about 5 s on two cores). */
const sample: GeneratedCase[] = (() => {
  const world = new SyntheticWorld(options);
  return Array.from({ length: 8000 }, (_, i) => world.generate(i));
})();

const share = (pred: (c: GeneratedCase) => boolean) => sample.filter(pred).length / sample.length;

describe("the synthetic council generator", () => {
  it("is deterministic: the same seed gives the same rows, ids, references and hashes", () => {
    const ids = { 0: { councilId: "c0", directorates: [], services: [] } } as unknown as BatchRequest["ids"];
    const services = new SyntheticWorld(options).council(0).profile.directorates.flatMap((d) => d.services.map((s) => [s.id, { id: `svc-${s.id}`, directorateId: `dir-${d.id}` }] as [string, { id: string; directorateId: string }]));
    ids[0] = { councilId: "c0", directorates: [], services };
    const request = (from: number, to: number, seed = 7): BatchRequest => ({ options: { seed, now: NOW.getTime(), years: 6, councilSize: 100_000 }, ids, from, to });
    const whole = generateBatch(request(0, 300));
    expect(generateBatch(request(0, 300)).tables).toEqual(whole.tables);
    // Any range on its own gives the same rows as the same cases generated with the rest.
    const first = generateBatch(request(0, 120));
    const second = generateBatch(request(120, 300));
    for (const table of Object.keys(whole.tables) as Array<keyof typeof whole.tables>) {
      expect(`${first.tables[table] ?? ""}${second.tables[table] ?? ""}`).toBe(whole.tables[table]);
    }
    expect(generateBatch(request(0, 300, 8)).tables.cases).not.toBe(whole.tables.cases);
  });

  it("plays every case through core without a refusal", () => {
    const refused = sample.flatMap((c) => c.refusals.map((r) => `${c.index} ${r.command}: ${r.refusal.message}`));
    expect(refused).toEqual([]);
  });

  it("spreads cases over directorates as Lewisham's §5.2 does (within 2 points)", () => {
    const total = Object.values(LEWISHAM_5_2).reduce((n, r) => n + r.total, 0);
    const reported = sample.filter((c) => c.state.kind === "complaint" || c.state.kind === "member-enquiry");
    for (const [directorate, row] of Object.entries(LEWISHAM_5_2)) {
      const services = new SyntheticWorld(options).council(0).profile.directorates.find((d) => d.id === directorate)!.services.map((s) => s.id);
      const got = reported.filter((c) => services.includes(c.state.serviceId)).length / reported.length;
      expect(Math.abs(got - row.total / total), directorate).toBeLessThan(0.02);
    }
    // Members' enquiries are most of Lewisham's caseload: 3,798 of 6,622 (57%).
    const members = reported.filter((c) => c.state.kind === "member-enquiry").length / reported.length;
    expect(members).toBeGreaterThan(0.52);
    expect(members).toBeLessThan(0.62);
  });

  it("covers every kind, every plugin's regime, every stage and every outcome", () => {
    const kinds = new Set(sample.map((c) => c.state.kind));
    expect([...kinds].sort()).toEqual(["comment", "complaint", "compliment", "foi-eir-review", "member-enquiry", "service-request"]);
    const regimes = new Set(sample.map((c) => c.state.regimeId));
    for (const regime of ["complaint-handling-code-2024", "housing-ombudsman-code-2024", "member-enquiry", "foi-eir-review", "adult-social-care-2009", "children-social-care-2006"]) {
      expect(regimes, regime).toContain(regime);
    }
    const stages = new Set(sample.flatMap((c) => c.state.stages.map((s) => `${s.stageId}:${s.phase}`)));
    for (const stage of ["stage-1:responded", "stage-2:responded", "stage-3:responded", "stage-1:investigating", "stage-1:awaiting-acknowledgement", "stage-1:withdrawn"]) {
      expect(stages, stage).toContain(stage);
    }
    const outcomes = new Set(sample.flatMap((c) => c.state.stages.map((s) => s.response?.outcome).filter(Boolean)));
    expect([...outcomes].sort()).toEqual(["not-upheld", "partly-upheld", "upheld"]);
    const triage = new Set(sample.map((c) => c.state.triage?.outcome).filter(Boolean));
    expect([...triage].sort()).toEqual(["accept", "duplicate", "excluded", "not-a-complaint", "out-of-time", "wrongly-addressed"]);
    const closures = new Set(sample.map((c) => c.state.closure?.reason).filter(Boolean));
    for (const reason of ["final-response", "not-escalated", "withdrawn", "feedback-acknowledged", "service-request-completed", "excluded", "duplicate"]) {
      expect(closures, reason).toContain(reason);
    }
    expect(sample.some((c) => c.state.ombudsman.some((o) => o.decision))).toBe(true);
    expect(sample.some((c) => c.state.reopenings.length > 0)).toBe(true);
    expect(sample.some((c) => c.state.stages.some((s) => s.extensions.length > 0))).toBe(true);
    expect(sample.some((c) => c.state.stages.some((s) => s.response?.remedies.some((r) => r.type === "financial")))).toBe(true);
  });

  it("has open cases only near 'now', closed ones across the years, and overdue ones", () => {
    const open = sample.filter((c) => c.state.status !== "closed");
    expect(open.length / sample.length).toBeGreaterThan(0.005);
    expect(open.length / sample.length).toBeLessThan(0.06);
    const ageDays = (c: GeneratedCase) => (NOW.getTime() - Date.parse(c.state.receivedAt)) / 86_400_000;
    expect(Math.max(...open.map(ageDays))).toBeLessThan(400);
    expect(Math.max(...sample.map(ageDays))).toBeGreaterThan(5 * 365);
    const today = NOW.toISOString().slice(0, 10);
    expect(open.some((c) => c.state.dueDates.some((d) => !d.metOn && d.nature === "deadline" && d.date < today))).toBe(true);
  });

  it("has returning customers and persistent complainants with a designation", () => {
    const byCustomer = new Map<string, number>();
    for (const c of sample) if (c.state.customer) byCustomer.set(c.state.customer.id, (byCustomer.get(c.state.customer.id) ?? 0) + 1);
    const repeat = [...byCustomer.values()].filter((n) => n > 1).length;
    expect(repeat / byCustomer.size).toBeGreaterThan(0.1);
    expect(Math.max(...byCustomer.values())).toBeGreaterThan(10);
    const conduct = sample.filter((c) => c.conduct);
    expect(conduct.length).toBeGreaterThan(0);
    expect(conduct.some((c) => ["designated", "lifted"].includes(c.conduct!.state.status))).toBe(true);
    expect(share((c) => c.state.flags.includes("persistent-complainant-contact"))).toBeGreaterThan(0.005);
  });

  it("answers on time about as often as each directorate did (§5.2: Lewisham Homes 84% at Stage 1)", () => {
    const homes = sample.filter((c) => c.state.kind === "complaint" && c.state.serviceId.startsWith("lewisham-homes") && c.state.stages[0]?.response);
    const onTime = homes.filter((c) => {
      const stage = c.state.stages[0]!;
      const due = c.state.dueDates.find((d) => d.id === `${stage.stageId}#${stage.sequence}.respond`);
      return due && stage.response!.on <= due.date;
    });
    expect(homes.length).toBeGreaterThan(200);
    expect(Math.abs(onTime.length / homes.length - 0.84)).toBeLessThan(0.08);
  });
});
