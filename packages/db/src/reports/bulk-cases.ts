/**
 * Cases written in bulk, straight into `cases` and its mirrors, for report tests, benchmarks and
 * imports of closed historic cases (a council moving from another system keeps last year's
 * figures for the brackets of this year's report).
 *
 * Each case gets a complete core snapshot (`CaseState`) built from the facts given, including
 * its due dates as they were set at the time, and the same mirrored rows `createCase` writes
 * (through the same `projectCaseState`), many cases per statement. No events are written: these
 * cases did not happen through commands here, and the event log records only what did. Live
 * cases are always logged through `logCase` and `applyCaseCommand`.
 */
import { randomUUID } from "node:crypto";
import type {
  CaseKind,
  CaseState,
  Channel,
  ClosureReason,
  DueDate,
  FinancialKind,
  OmbudsmanCase,
  OmbudsmanFinding,
  Outcome,
  RemedyType,
  RepresentativeRole,
  StageInstance,
  StagePhase,
  TriageOutcome,
} from "@complaints/core";
import { sql } from "kysely";
import { caseColumns, sideTableRows, type CaseProjection } from "../cases.js";
import { NotFoundError } from "../errors.js";
import { inTransaction, type Executor } from "../executor.js";
import { projectCaseState } from "../lifecycle.js";

export interface BulkStage {
  /** "stage-1", "stage-2", "stage-3"… (the member-enquiry regime's only stage is "stage-1"). */
  stageId: string;
  label?: string;
  requestedOn: string;
  acknowledgedOn?: string | null;
  /** The due dates the case's rules gave the stage at the time. */
  ackDue?: string | null;
  respondDue: string;
  targetDue?: string | null;
  respondedOn?: string | null;
  /**
   * When the acknowledgement and the response were sent (decision 0322): given, the deadline is
   * met then (null: not sent yet); left out, the step's date counts, as for cases stored
   * before sending was recorded.
   */
  acknowledgementSentOn?: string | null;
  responseSentOn?: string | null;
  outcome?: Outcome | null;
  /** Default: "responded" with a response, else "investigating" (or "withdrawn" when endedOn is set). */
  phase?: StagePhase;
  endedOn?: string | null;
  handlerId?: string | null;
  requestReason?: string | null;
  extensions?: Array<{
    workingDays: number;
    reason?: string;
    newDueDate?: string;
    customerToldOn?: string;
    ombudsmanDetailsGiven?: boolean;
  }>;
  rootCause?: string | null;
  lessons?: string | null;
  improvementActions?: Array<{ id: string; description: string; ownerId: string; dueOn: string }>;
  remedies?: Array<{
    id: string;
    type: RemedyType;
    description?: string;
    amountPence?: number;
    financialKind?: FinancialKind;
    approverId?: string;
    dueOn?: string | null;
    completedOn?: string | null;
  }>;
}

export interface BulkCase {
  id?: string;
  reference?: string;
  /** The lead service's code (its slug in the profile): gives the directorate. */
  serviceCode: string;
  kind?: CaseKind;
  channel?: Channel;
  regimeId: string;
  /** The London date it arrived; it counts from the same day unless `countsFrom` says otherwise. */
  receivedOn: string;
  countsFrom?: string;
  category?: string | null;
  subCategory?: string | null;
  representative?: { role: RepresentativeRole; name?: string } | null;
  intake?: Record<string, unknown>;
  triage?: TriageOutcome | null;
  closure?: { on: string; reason: ClosureReason } | null;
  stages?: BulkStage[];
  ombudsman?: Array<{
    id: string;
    body: string;
    reference: string;
    receivedOn: string;
    responseDueOn: string;
    respondedOn?: string | null;
    decision?: {
      on: string;
      finding: OmbudsmanFinding;
      injustice: boolean;
      summary?: string;
    } | null;
    remedies?: Array<{
      id: string;
      description: string;
      dueOn: string;
      amountPence?: number | null;
      completedOn?: string | null;
    }>;
    satisfactionLetterOn?: string | null;
  }>;
}

const IMPORTED = "Recorded in bulk (import or test data): the date as it was set at the time";

function responseMetOn(stage: BulkStage): string | null {
  if (!stage.respondedOn) return null;
  return stage.responseSentOn === undefined ? stage.respondedOn : stage.responseSentOn;
}

function dueDatesOf(stage: BulkStage, sequence: number): DueDate[] {
  const key = `${stage.stageId}#${sequence}`;
  const dues: DueDate[] = [];
  if (stage.ackDue) {
    dues.push({
      id: `${key}.acknowledge`,
      kind: "acknowledge",
      stageId: stage.stageId,
      date: stage.ackDue,
      rule: IMPORTED,
      explanation: `acknowledge by ${stage.ackDue}`,
      nature: "deadline",
      metOn: stage.acknowledgedOn ? (stage.acknowledgementSentOn === undefined ? stage.acknowledgedOn : stage.acknowledgementSentOn) : null,
    });
  }
  dues.push({
    id: `${key}.respond`,
    kind: "respond",
    stageId: stage.stageId,
    date: stage.respondDue,
    rule: IMPORTED,
    explanation: `respond by ${stage.respondDue}`,
    nature: "deadline",
    metOn: responseMetOn(stage),
  });
  if (stage.targetDue) {
    dues.push({
      id: `${key}.target`,
      kind: "target",
      stageId: stage.stageId,
      date: stage.targetDue,
      rule: IMPORTED,
      explanation: `target: respond by ${stage.targetDue}`,
      nature: "target",
      metOn: responseMetOn(stage),
    });
  }
  return dues;
}

/** A complete core snapshot for a bulk case. Exported for tests that compare with core. */
export function bulkCaseState(input: BulkCase, ids: { id: string; reference: string }): CaseState {
  const stages: StageInstance[] = (input.stages ?? []).map((s, i) => {
    const sequence = i + 1;
    const responded = s.respondedOn ?? null;
    const phase: StagePhase =
      s.phase ?? (responded ? "responded" : s.endedOn ? "withdrawn" : "investigating");
    return {
      sequence,
      stageId: s.stageId,
      label: s.label ?? s.stageId,
      phase,
      requestedOn: s.requestedOn,
      requestReason: s.requestReason ?? null,
      lateDiscretion: null,
      handlerId: s.handlerId ?? null,
      previousHandlerIds: [],
      acknowledgedOn: s.acknowledgedOn ?? null,
      ...(s.acknowledgementSentOn === undefined ? {} : { acknowledgementSent: s.acknowledgementSentOn ? { on: s.acknowledgementSentOn, channel: "email" as const } : null }),
      offerToDiscussMade: false,
      agreedStatementOn: null,
      agreedResponseDate: null,
      pauses: [],
      extensions: (s.extensions ?? []).map((e) => ({
        workingDays: e.workingDays,
        reason: e.reason ?? "more time needed",
        newDueDate: e.newDueDate ?? s.respondDue,
        customerToldOn: e.customerToldOn ?? s.requestedOn,
        ombudsmanDetailsGiven: e.ombudsmanDetailsGiven ?? true,
      })),
      holdingResponses: [],
      response: responded
        ? {
            on: responded,
            ...(s.responseSentOn === undefined ? {} : { sent: s.responseSentOn ? { on: s.responseSentOn, channel: "email" as const } : null }),
            outcome: s.outcome ?? "not-upheld",
            reasons: "",
            remedies: (s.remedies ?? []).map((r) => ({
              id: r.id,
              type: r.type,
              description: r.description ?? r.type,
              ownerId: null,
              dueOn: r.dueOn ?? null,
              ...(r.amountPence !== undefined ? { amountPence: r.amountPence } : {}),
              ...(r.financialKind ? { financialKind: r.financialKind } : {}),
              ...(r.approverId ? { approverId: r.approverId } : {}),
              completedOn: r.completedOn ?? null,
            })),
            outstandingActions: [],
            learning: {
              rootCause: s.rootCause ?? null,
              lessons: s.lessons ?? null,
              improvementActions: s.improvementActions ?? [],
            },
            signedBy: null,
            handlerId: s.handlerId ?? null,
          }
        : null,
      participants: [],
      endedOn: s.endedOn ?? null,
    };
  });
  const ombudsman: OmbudsmanCase[] = (input.ombudsman ?? []).map((o) => ({
    id: o.id,
    body: o.body,
    reference: o.reference,
    receivedOn: o.receivedOn,
    responseDueOn: o.responseDueOn,
    respondedOn: o.respondedOn ?? null,
    approvedBy: o.respondedOn ? "imported" : null,
    decision: o.decision
      ? {
          on: o.decision.on,
          finding: o.decision.finding,
          injustice: o.decision.injustice,
          summary: o.decision.summary ?? "",
        }
      : null,
    remedies: (o.remedies ?? []).map((r) => ({
      id: r.id,
      description: r.description,
      dueOn: r.dueOn,
      amountPence: r.amountPence ?? null,
      completedOn: r.completedOn ?? null,
    })),
    satisfactionLetterOn: o.satisfactionLetterOn ?? null,
  }));
  const countsFrom = input.countsFrom ?? input.receivedOn;
  const dueDates = stages.flatMap((stage, i) => dueDatesOf(input.stages![i]!, stage.sequence));
  return {
    id: ids.id,
    reference: ids.reference,
    version: 1,
    kind: input.kind ?? "complaint",
    channel: input.channel ?? "web",
    receivedAt: `${input.receivedOn}T10:00:00.000Z`,
    receipt: {
      receivedOn: input.receivedOn,
      receivedTime: "10:00",
      countsFrom,
      why: countsFrom === input.receivedOn ? "working-day" : "non-working-day",
      explanation: `received ${input.receivedOn}`,
    },
    matterArose: null,
    customer: null,
    representative: input.representative
      ? {
          name: input.representative.name ?? input.representative.role,
          role: input.representative.role,
          consent: { basis: "elected-member", recordedOn: input.receivedOn },
          replyTo: "representative",
        }
      : null,
    description: "",
    desiredOutcome: null,
    serviceId: input.serviceCode,
    otherServiceIds: [],
    category: input.category ?? null,
    subCategory: input.subCategory ?? null,
    priority: { level: "normal", reason: null },
    flags: [],
    aboutStaffIds: [],
    intake: input.intake ?? {},
    regimeId: input.regimeId,
    status: input.closure ? "closed" : "open",
    triage: input.triage ?? (stages.length ? { outcome: "accept" } : null),
    stages,
    closure: input.closure ? { ...input.closure, note: null } : null,
    reopenings: [],
    notified: [],
    contacts: [],
    informationRequests: [],
    ombudsman,
    feedbackAcknowledgedOn: null,
    dueDates,
  };
}

type Row = Record<string, unknown>;

/** One INSERT … SELECT FROM jsonb_to_recordset per table: the rows travel as one JSON text. */
async function insertRows(
  trx: Executor,
  table: string,
  columns: ReadonlyArray<readonly [name: string, type: string]>,
  rows: readonly Row[],
  expressions: Readonly<Record<string, string>> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  const select = names.map((name) => expressions[name] ?? `x.${name}`).join(", ");
  const shape = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
    SELECT ${sql.raw(select)} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(${sql.raw(shape)})`.execute(
    trx,
  );
}

export interface BulkInsertResult {
  ids: string[];
  references: string[];
}

/**
 * Writes the cases of one council in batches (`batchSize`, default 1,000), each batch in one
 * transaction. Services are looked up by code once; an unknown code throws NotFoundError before
 * anything is written.
 */
export async function insertBulkCases(
  db: Executor,
  councilId: string,
  cases: readonly BulkCase[],
  options: { batchSize?: number } = {},
): Promise<BulkInsertResult> {
  const states = cases.map((input) => {
    const id = input.id ?? randomUUID();
    const reference =
      input.reference ??
      `BLK-${input.receivedOn.slice(0, 4)}-${id.replaceAll("-", "").slice(0, 12).toUpperCase()}`;
    return bulkCaseState(input, { id, reference });
  });
  return insertCaseStates(db, councilId, states, options);
}

/**
 * Writes core snapshots as they are (cases run through `transition` in memory, or built by
 * {@link bulkCaseState}) with their mirrors, in batches. `state.serviceId` is the service code.
 */
export async function insertCaseStates(
  db: Executor,
  councilId: string,
  states: readonly CaseState[],
  options: { batchSize?: number } = {},
): Promise<BulkInsertResult> {
  const services = await db
    .selectFrom("services")
    .select(["id", "code", "directorate_id"])
    .where("council_id", "=", councilId)
    .execute();
  const byCode = new Map(services.map((s) => [s.code, s]));
  for (const state of states) {
    if (!byCode.has(state.serviceId)) throw new NotFoundError("service", state.serviceId);
  }
  const batchSize = options.batchSize ?? 1000;
  const ids: string[] = [];
  const references: string[] = [];
  for (let start = 0; start < states.length; start += batchSize) {
    const batch = states.slice(start, start + batchSize);
    const caseRows: Row[] = [];
    const representativeRows: Row[] = [];
    const stageRows: Row[] = [];
    const dueRows: Row[] = [];
    const remedyRows: Row[] = [];
    const learningRows: Row[] = [];
    const ombudsmanRows: Row[] = [];
    for (const state of batch) {
      const { id, reference } = state;
      ids.push(id);
      references.push(reference);
      const service = byCode.get(state.serviceId)!;
      const p: CaseProjection = projectCaseState(state);
      const place = { serviceId: service.id, directorateId: service.directorate_id, teamId: null };
      caseRows.push({ id, council_id: councilId, reference, version: state.version, ...caseColumns(p, place), state });
      const side = sideTableRows({ caseId: id, councilId, directorateId: service.directorate_id }, p);
      representativeRows.push(...side.case_representatives);
      stageRows.push(...side.stage_instances);
      dueRows.push(...side.due_dates);
      remedyRows.push(...side.remedies);
      learningRows.push(...side.learning_actions);
      ombudsmanRows.push(...side.ombudsman_enquiries);
    }
    await inTransaction(db, async (trx) => {
      await insertRows(
        trx,
        "cases",
        [
          ["id", "uuid"],
          ["council_id", "uuid"],
          ["reference", "text"],
          ["version", "integer"],
          ["kind", "text"],
          ["status", "text"],
          ["channel", "text"],
          ["priority", "text"],
          ["regime_id", "text"],
          ["category", "text"],
          ["sub_category", "text"],
          ["directorate_id", "uuid"],
          ["service_id", "uuid"],
          ["current_stage_id", "text"],
          ["received_at", "timestamptz"],
          ["receipt_date", "date"],
          ["closed_on", "date"],
          ["restricted", "boolean"],
          ["description", "text"],
          ["state", "jsonb"],
        ],
        caseRows,
      );
      await insertRows(
        trx,
        "case_representatives",
        [
          ["case_id", "uuid"],
          ["name", "text"],
          ["role", "text"],
          ["consent_basis", "text"],
          ["consent_recorded_on", "date"],
          ["reply_to", "text"],
        ],
        representativeRows,
      );
      await insertRows(
        trx,
        "stage_instances",
        [
          ["case_id", "uuid"],
          ["sequence", "integer"],
          ["stage_id", "text"],
          ["label", "text"],
          ["phase", "text"],
          ["requested_on", "date"],
          ["acknowledged_on", "date"],
          ["extension_count", "integer"],
          ["extended_to", "date"],
          ["responded_on", "date"],
          ["outcome", "text"],
          ["signed_by", "text"],
          ["ended_on", "date"],
        ],
        stageRows,
      );
      await insertRows(
        trx,
        "due_dates",
        [
          ["case_id", "uuid"],
          ["due_id", "text"],
          ["council_id", "uuid"],
          ["directorate_id", "uuid"],
          ["case_open", "boolean"],
          ["kind", "text"],
          ["nature", "text"],
          ["stage_id", "text"],
          ["due_date", "date"],
          ["met_on", "date"],
          ["rule", "text"],
          ["explanation", "text"],
        ],
        dueRows,
      );
      await insertRows(
        trx,
        "remedies",
        [
          ["case_id", "uuid"],
          ["id", "text"],
          ["council_id", "uuid"],
          ["stage_sequence", "integer"],
          ["type", "text"],
          ["description", "text"],
          ["owner_id", "text"],
          ["due_on", "date"],
          ["amount_pence", "integer"],
          ["financial_kind", "text"],
          ["approver_id", "text"],
          ["completed_on", "date"],
        ],
        remedyRows,
      );
      await insertRows(
        trx,
        "learning_actions",
        [
          ["case_id", "uuid"],
          ["id", "text"],
          ["council_id", "uuid"],
          ["directorate_id", "uuid"],
          ["stage_sequence", "integer"],
          ["root_cause", "text"],
          ["lessons", "text"],
          ["description", "text"],
          ["owner_id", "text"],
          ["due_on", "date"],
          ["completed_on", "date"],
        ],
        learningRows,
      );
      await insertRows(
        trx,
        "ombudsman_enquiries",
        [
          ["case_id", "uuid"],
          ["id", "text"],
          ["council_id", "uuid"],
          ["body", "text"],
          ["their_reference", "text"],
          ["received_on", "date"],
          ["response_due_on", "date"],
          ["responded_on", "date"],
          ["approved_by", "text"],
          ["finding", "text"],
          ["injustice", "boolean"],
          ["decided_on", "date"],
          ["remedies", "jsonb"],
          ["satisfied_on", "date"],
        ],
        ombudsmanRows,
      );
    });
  }
  return { ids, references };
}
