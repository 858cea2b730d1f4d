/**
 * The satisfaction survey (issue 15, "Satisfaction"; Leeds policy para 82; decision 0516): the
 * sweep emails the customer of a complaint closed after a response, `daysAfterClosure` working
 * days later, once per case and stage; the link's token answers once; the answers are stored
 * without the case; the report shows them by service and stage under equality's disclosure
 * rules. A Welsh-speaking resident's survey is in Welsh where the council offers Welsh.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openHarness, type Harness } from "../../test/harness.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";
import { sweep } from "../jobs/sweep.js";
import { startSmtpSink } from "@complaints/vitest-config/smtp";
import { startJobs } from "../jobs/runner.js";
import { smtpTransport } from "../notifications/smtp.js";
import { withSecrets } from "../notifications/notifier.js";
import { hashSurveyToken, queueSurveys } from "./satisfaction.js";

let ip = 0;
const visitor = (h: Harness) => createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: `198.51.100.${++ip}`, userAgent: "test" } }));

interface SurveyRow {
  case_id: string;
  dedupe_key: string;
  recipient: { party: string; name: string; email: string };
  payload: { channel: string; purpose: string; stageId: string; reference: string; language: string; subject: string; text: string; secrets?: Record<string, string> };
}
/** The queued invitations, each with its text as the resident is sent it (the link put in by the sender). */
const surveys = async (h: Harness) =>
  (
    (await h.db.db.selectFrom("notifications_outbox").select(["case_id", "dedupe_key", "recipient", "payload"]).where("kind", "=", "correspondence").orderBy("id").execute()).filter(
      (r) => (r.payload as { purpose?: string }).purpose === "satisfaction-survey",
    ) as unknown as SurveyRow[]
  ).map((r) => ({ ...r, payload: { ...r.payload, text: withSecrets(r.payload.text, r.payload) } }));
const tokenIn = (text: string) => /\/satisfaction\/([A-Za-z0-9_-]{32})/.exec(text)![1]!;

const caseIdOf = async (h: Harness, reference: string) => (await h.db.db.selectFrom("cases").select("id").where("reference", "=", reference).executeTakeFirstOrThrow()).id;

/** A complaint by the public (in `language`), accepted, answered at Stage 1 and closed on the clock's day. */
async function closedComplaint(h: Harness, name: string, serviceId = "waste", language: "en" | "cy" = "en", contact: { preferredContact: "email" | "post" | "both"; address?: string; postcode?: string } = { preferredContact: "email" }) {
  const sent = await visitor(h).public.submit({
    kind: "complaint",
    serviceId,
    description: `${name}'s bin was missed three weeks running.`,
    customer: { fullName: name, email: `${name.toLowerCase().replace(/\W/g, "")}@example.com`, ...contact },
    language,
    idempotencyKey: `survey-${name}-${serviceId}`,
  });
  const manager = await h.as("complaints-manager");
  const caseId = await caseIdOf(h, sent.reference);
  let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
  v = (await manager.command.acknowledge({ caseId, expectedVersion: v })).version;
  v = (await manager.command.respond({ caseId, expectedVersion: v, outcome: "not-upheld", reasons: "The crew's records show the bin was out late." })).version;
  await manager.command.close({ caseId, expectedVersion: v });
  return { caseId, reference: sent.reference };
}

describe("the satisfaction survey after a complaint closes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      profile: (p) => ({ ...p, correspondence: { languages: "welsh-on-request", satisfactionSurvey: { enabled: true, daysAfterClosure: 2 } } }),
    });
  });
  afterAll(() => h?.close());

  it("is queued daysAfterClosure working days after closing, once per case and stage, to the customer, with a link whose token is stored only as its hash", async () => {
    h.clock.set("2026-03-06T10:00:00Z"); // Friday
    const { caseId, reference } = await closedComplaint(h, "Olwen Ifans");
    h.clock.set("2026-03-09T09:00:00Z"); // Monday: one working day on
    expect((await sweep(h.deps)).surveys).toBe(0);
    h.clock.set("2026-03-10T09:00:00Z"); // two working days on
    const passes = await Promise.all([sweep(h.deps), sweep(h.deps), sweep(h.deps)]);
    expect(passes.reduce((n, p) => n + p.surveys, 0)).toBe(1);
    await sweep(h.deps);
    const rows = (await surveys(h)).filter((r) => r.case_id === caseId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.dedupe_key).toBe(`satisfaction-survey:${caseId}:stage-1:email`);
    expect(row!.recipient).toEqual({ party: "customer", name: "Olwen Ifans", email: "olwenifans@example.com" });
    expect(row!.payload).toMatchObject({ channel: "email", purpose: "satisfaction-survey", stageId: "stage-1", reference, language: "en" });
    expect(row!.payload.text).toContain(`We have closed your complaint ${reference}`);
    expect(row!.payload.text).toMatch(/http:\/\/localhost:\d+\/c\/exampleton\/satisfaction\/[A-Za-z0-9_-]{32}\n/);
    const token = tokenIn(row!.payload.text);
    const stored = await h.db.db.selectFrom("satisfaction_invitations").selectAll().execute();
    expect(stored.map((s) => s.token_hash)).toContain(hashSurveyToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(caseId);
  });

  it("opens once: the answers are stored without the case, and the link then says it has been used", async () => {
    const token = tokenIn((await surveys(h))[0]!.payload.text);
    const resident = visitor(h);
    expect(await resident.public.survey({ token })).toEqual({ open: true, council: "Exampleton Borough Council" });
    expect(await resident.public.answerSurvey({ token, answers: { handling: "fairly-satisfied", "kept-informed": "very-dissatisfied" } })).toEqual({ recorded: true });
    expect(await resident.public.answerSurvey({ token, answers: { handling: "very-satisfied" } })).toEqual({ recorded: false });
    expect(await resident.public.survey({ token })).toMatchObject({ open: false });
    const answers = await h.db.db.selectFrom("satisfaction_answers").selectAll().execute();
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ stage_id: "stage-1", closed_month: "2026-03-01", handling: "fairly-satisfied", kept_informed: "very-dissatisfied", response_clear: null, ease_of_complaining: null });
    const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name IN ('satisfaction_answers', 'satisfaction_invitations')`.execute(h.db.db);
    expect(columns.rows.map((c) => c.column_name)).not.toEqual(expect.arrayContaining(["case_id"]));
    expect(columns.rows.map((c) => c.column_name).filter((c) => /case|customer|created|answered_at/.test(c))).toEqual([]);
  });

  it("refuses a made-up or malformed token without saying more, and an empty set of answers with a clear message", async () => {
    const resident = visitor(h);
    expect(await resident.public.survey({ token: "A".repeat(32) })).toMatchObject({ open: false });
    expect(await resident.public.answerSurvey({ token: "A".repeat(32), answers: { handling: "neither" } })).toEqual({ recorded: false });
    await expect(resident.public.survey({ token: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const token = tokenIn((await surveys(h))[0]!.payload.text);
    await expect(resident.public.answerSurvey({ token, answers: {} })).rejects.toThrow(/Answer at least one question/);
    await expect(resident.public.answerSurvey({ token, answers: { handling: "delighted" as never } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("writes to a resident who used the Welsh form in Welsh, and keeps their language on the customer", async () => {
    h.clock.set("2026-03-11T10:00:00Z");
    const { caseId, reference } = await closedComplaint(h, "Gwenllian Prys", "waste", "cy");
    const customer = await h.db.db.selectFrom("cases").innerJoin("customers", "customers.id", "cases.customer_id").select("customers.language").where("cases.id", "=", caseId).executeTakeFirstOrThrow();
    expect(customer.language).toBe("cy");
    h.clock.set("2026-03-13T09:00:00Z");
    await sweep(h.deps);
    const row = (await surveys(h)).find((r) => r.case_id === caseId)!;
    expect(row.payload.language).toBe("cy");
    expect(row.payload.subject).toBe(`Sut wnaethom ni ddelio â'ch cwyn? ${reference}`);
    expect(row.payload.text).toContain(`Rydym wedi cau eich cwyn ${reference}`);
    expect(row.payload.text).toContain("tan 10 Ebrill 2026"); // 28 days on
  });

  it("does not survey a case closed more than a week before the survey could go, nor one closed without a response", async () => {
    h.clock.set("2026-03-16T10:00:00Z");
    const { caseId: old } = await closedComplaint(h, "Late Closure");
    const manager = await h.as("complaints-manager");
    const withdrawn = await visitor(h).public.submit({ kind: "complaint", serviceId: "waste", description: "Withdrawn later", customer: { fullName: "Wyn Drawn", email: "wyn@example.com", preferredContact: "email" }, idempotencyKey: "survey-withdrawn" });
    const withdrawnId = await caseIdOf(h, withdrawn.reference);
    await manager.command.withdraw({ caseId: withdrawnId, expectedVersion: 1, reason: "Sorted out with the crew" });
    h.clock.set("2026-04-06T09:00:00Z"); // three weeks later: the sweep did not run in between
    await sweep(h.deps);
    const ids = (await surveys(h)).map((r) => r.case_id);
    expect(ids).not.toContain(old);
    expect(ids).not.toContain(withdrawnId);
  });

  it("follows the case's correspondence: a customer who asked for post only is sent no survey email, though we have their email address", async () => {
    h.clock.set("2026-04-07T10:00:00Z");
    const { caseId } = await closedComplaint(h, "Pat Post", "waste", "en", { preferredContact: "post", address: "2 Mill Lane\nExampleton", postcode: "EX1 2BB" });
    h.clock.set("2026-04-09T09:00:00Z");
    await sweep(h.deps);
    expect((await surveys(h)).map((r) => r.case_id)).not.toContain(caseId);
    expect(await h.db.db.selectFrom("notifications_outbox").select("id").where("case_id", "=", caseId).where("dedupe_key", "like", "satisfaction-survey:%").execute()).toEqual([]);
  });

  it("sends nothing where the council has not turned the survey on", async () => {
    h.clock.set("2026-04-07T10:00:00Z");
    const { caseId } = await closedComplaint(h, "Not Asked");
    const runtime = await h.deps.councils.get(h.council.councilId);
    const off = { ...runtime, profile: { ...runtime.profile, correspondence: { ...runtime.profile.correspondence, satisfactionSurvey: { enabled: false, daysAfterClosure: 2 } } } };
    expect(await queueSurveys(h.deps, off, "2026-04-09")).toBe(0);
    expect((await surveys(h)).map((r) => r.case_id)).not.toContain(caseId);
    expect(await queueSurveys(h.deps, runtime, "2026-04-09")).toBe(1);
  });

  it("says in its report whether the council sends the survey, so an empty report is not read as nobody answering", async () => {
    const manager = await h.as("complaints-manager");
    expect((await manager.satisfaction.report({ from: "2026-01-01", to: "2026-06-30" })).surveyEnabled).toBe(true);
  });
});

describe("the survey link is the resident's alone", () => {
  it("staff reading the case's correspondence never see it; the email has it; the row keeps no token once sent", async () => {
    const smtp = await startSmtpSink();
    const transport = smtpTransport(smtp.url);
    const h = await openHarness({
      transport,
      start: "2026-03-02T09:00:00Z",
      profile: (p) => ({ ...p, correspondence: { satisfactionSurvey: { enabled: true, daysAfterClosure: 2 } } }),
    });
    try {
      h.clock.set("2026-03-06T10:00:00Z");
      const { caseId, reference } = await closedComplaint(h, "Sian Secret");
      h.clock.set("2026-03-10T09:00:00Z");
      expect((await sweep(h.deps)).surveys).toBe(1);
      const link = /http:\/\/\S+\/satisfaction\/[A-Za-z0-9_-]{32}/;
      const raw = (await h.db.db.selectFrom("notifications_outbox").select(["id", "payload"]).where("case_id", "=", caseId).execute()).find((r) => (r.payload as { purpose?: string }).purpose === "satisfaction-survey")!;
      const token = tokenIn(withSecrets((raw.payload as SurveyRow["payload"]).text, raw.payload as Record<string, unknown>));
      expect((raw.payload as SurveyRow["payload"]).text).not.toMatch(link);

      const officer = await h.as("complaints-manager");
      const queued = await officer.correspondence.list({ caseId });
      expect(queued.messages.find((m) => m.purpose === "satisfaction-survey")!.text).toContain("{{surveyLink}}");
      expect(JSON.stringify(queued)).not.toContain(token);

      const runner = await startJobs(h.deps, { schedule: false });
      await runner.runNow("deliver");
      await runner.stop();
      const mail = smtp.received.filter((m) => m.to === "siansecret@example.com" && m.data.includes(`How did we handle your complaint? ${reference}`));
      expect(mail).toHaveLength(1);
      const body = mail[0]!.data.replace(/=\r\n/g, "");
      expect(body).toContain(`/satisfaction/${token}`);
      expect(body).not.toContain("{{surveyLink}}");

      const sent = await h.db.db.selectFrom("notifications_outbox").select(["status", "payload"]).where("id", "=", raw.id).executeTakeFirstOrThrow();
      expect(sent.status).toBe("sent");
      expect(JSON.stringify(sent.payload)).not.toContain(token);
      expect(JSON.stringify(await officer.correspondence.list({ caseId }))).not.toContain(token);
    } finally {
      transport.close();
      await h.close();
      await smtp.close();
    }
  });
});
