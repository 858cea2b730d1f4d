import type { Receipt } from "../calendar/receipt.js";
import type { IsoDate } from "../calendar/dates.js";
import type { NextBodyId } from "../regime/types.js";
import type {
  CaseKind,
  CaseLinkKind,
  CaseStatus,
  Channel,
  ClaimBasis,
  ClosureReason,
  DueKind,
  ExclusionReason,
  FinancialKind,
  Flag,
  LetterKind,
  OmbudsmanFinding,
  Outcome,
  OutOfTimeDecision,
  RemedyType,
  RepresentativeRole,
  Role,
  SentChannel,
  StagePhase,
} from "../vocabulary/index.js";
import type { RegisteredCommand } from "./commands/index.js";

export interface Actor {
  id: string;
  roles: readonly Role[];
  name?: string;
}

export interface Representative {
  name: string;
  role: RepresentativeRole;
  /**
   * The customer's consent for the representative to act (DPA 2018 Sch 1 para 24 lets an
   * elected member act without separate written consent: `consent.basis = "elected-member"`).
   */
  consent: { basis: "written" | "verbal" | "elected-member"; recordedOn: IsoDate } | null;
  /** Replies go to the representative unless they ask otherwise (member enquiries). */
  replyTo: "representative" | "customer";
}

export interface CustomerRef {
  id: string;
  name: string;
}

export interface Remedy {
  id: string;
  type: RemedyType;
  description: string;
  ownerId: string | null;
  dueOn: IsoDate | null;
  /** Financial remedies only. */
  amountPence?: number;
  financialKind?: FinancialKind;
  approverId?: string;
  completedOn: IsoDate | null;
}

export interface Learning {
  rootCause: string | null;
  lessons: string | null;
  improvementActions: Array<{ id: string; description: string; ownerId: string; dueOn: IsoDate }>;
}

/**
 * When correspondence telling the resident of a step was sent, and how: the first send counts
 * (docs/decisions/0322-deadlines-met-when-sent.md). `null` until it is sent; absent (undefined)
 * in cases stored before sending was recorded, whose step date then counts as before.
 */
export type Sent = { on: IsoDate; channel: SentChannel } | null;

export interface StageResponse {
  /** The date the response was made (the officer's step). */
  on: IsoDate;
  /** The date it was sent to the resident: the date the codes measure (HO/LGSCO code 6.3). */
  sent?: Sent;
  outcome: Outcome;
  reasons: string;
  remedies: Remedy[];
  outstandingActions: string[];
  learning: Learning;
  signedBy: string | null;
  handlerId: string | null;
}

export interface StageInstance {
  /** Position in the case's history: 1 for the first stage opened, 2 for the next… */
  sequence: number;
  stageId: string;
  label: string;
  phase: StagePhase;
  /** The date the request that opened this stage counts from (receipt rules applied). */
  requestedOn: IsoDate;
  /**
   * The calendar day the request arrived, before the receipt rules moved it on (a Saturday, or
   * after the cut-off). Staff may answer it from that day: a complaint logged at 6pm can be
   * acknowledged at once, though its deadlines count from the next working day. Absent in
   * cases stored before it existed: then `requestedOn`.
   */
  receivedOn?: IsoDate;
  requestReason: string | null;
  lateDiscretion: string | null;
  handlerId: string | null;
  previousHandlerIds: string[];
  acknowledgedOn: IsoDate | null;
  /** When the acknowledgement was sent to the resident (met then: HO/LGSCO code 6.2). */
  acknowledgementSent?: Sent;
  offerToDiscussMade: boolean;
  agreedStatementOn: IsoDate | null;
  agreedResponseDate: IsoDate | null;
  pauses: Array<{ from: IsoDate; to: IsoDate | null; reason: string }>;
  extensions: Array<{ workingDays: number; reason: string; newDueDate: IsoDate; customerToldOn: IsoDate; ombudsmanDetailsGiven: boolean; sent?: Sent }>;
  holdingResponses: Array<{ on: IsoDate; summary: string; sent?: Sent }>;
  response: StageResponse | null;
  /** Participants a regime asks for (children's Stage 2 Independent Person). */
  participants: Array<{ role: string; name: string; id: string | null }>;
  /** Milestones recorded so far, by id (the panel met on…). */
  milestones?: Record<string, IsoDate>;
  endedOn: IsoDate | null;
}

export type TriageOutcome =
  | { outcome: "accept" }
  | { outcome: "not-a-complaint"; agreedWithCustomer: boolean; note: string }
  | { outcome: "excluded"; reason: ExclusionReason; route: string }
  | { outcome: "out-of-time"; decision: OutOfTimeDecision; reasons: string }
  | { outcome: "wrongly-addressed"; body: string; bodyContact: string }
  | { outcome: "duplicate"; ofCaseId: string; ofReference: string };

export interface OmbudsmanCase {
  id: string;
  body: NextBodyId;
  reference: string;
  receivedOn: IsoDate;
  responseDueOn: IsoDate;
  respondedOn: IsoDate | null;
  approvedBy: string | null;
  decision: { on: IsoDate; finding: OmbudsmanFinding; injustice: boolean; summary: string } | null;
  remedies: Array<{ id: string; description: string; dueOn: IsoDate; amountPence: number | null; completedOn: IsoDate | null }>;
  satisfactionLetterOn: IsoDate | null;
}

/**
 * A request that someone with the authority approves a step before it is taken
 * (docs/decisions/0324-approvals.md): the financial remedies of a response above the officer's
 * delegated limit (Leeds policy para 70(4): approved under the scheme of delegation), or the
 * council's reply to an Ombudsman enquiry (Southwark procedure: the Head of Service's final
 * review before submission).
 */
export interface ApprovalRequest {
  id: string;
  kind: "remedies" | "ombudsman-response";
  /** The stage whose response waits (remedies). */
  stageSequence: number | null;
  /** The enquiry whose reply waits (ombudsman-response). */
  enquiryId: string | null;
  /** The response as proposed, kept so that it is sent as approved without being typed again. */
  proposal: ProposedResponse | null;
  /** The largest payment asked for, in pence: who may approve depends on it. */
  amountPence: number;
  requestedBy: string;
  requestedOn: IsoDate;
  note: string | null;
  decision: { approved: boolean; by: string; on: IsoDate; reason: string | null } | null;
  /** When the approved step was taken (the response sent, the reply recorded). */
  usedOn: IsoDate | null;
}

/** A response as the officer proposes it, before it is approved and sent. */
export interface ProposedResponse {
  outcome: Outcome;
  reasons: string;
  remedies: Array<Omit<Remedy, "completedOn">>;
  outstandingActions: string[];
  learning: Learning;
  signedBy: string | null;
}

export interface DueDate {
  /** Stable within the case: "stage-1#1.respond", "ombudsman:ob-1.respond". */
  id: string;
  kind: DueKind;
  stageId: string | null;
  date: IsoDate;
  rule: string;
  /** Plain words a caseworker understands, naming the rule and the skipped days. */
  explanation: string;
  /** "deadline" must be met; "target" is tracked beside it; "window" is the customer's time to act. */
  nature: "deadline" | "target" | "window";
  /**
   * When it was met: for a step that tells the resident (an acknowledgement, a response), the
   * date the correspondence was sent, not the date the step was recorded (decision 0322).
   */
  metOn: IsoDate | null;
  /** The date the step was recorded, when it differs from `metOn` or nothing is sent yet. */
  takenOn?: IsoDate | null;
}

/**
 * A move of the case to another service (commands/transfer.ts): the service and directorate it
 * left and joined, by slug and by name, so the due dates can say why they changed.
 */
export interface Transfer {
  on: IsoDate;
  from: { serviceId: string; service: string; directorateId: string | null };
  to: { serviceId: string; service: string; directorateId: string | null };
  reason: string;
  /** The stage's handler, released because the case left their directorate; else null. */
  handlerReleased: string | null;
}

export interface CaseState {
  id: string;
  reference: string;
  /** Increases by one with every applied command: the optimistic-concurrency token. */
  version: number;
  kind: CaseKind;
  channel: Channel;
  receivedAt: string;
  receipt: Receipt;
  /** When the matter happened or the customer became aware of it (time limit). */
  matterArose: IsoDate | null;
  customer: CustomerRef | null;
  representative: Representative | null;
  description: string;
  desiredOutcome: string | null;
  serviceId: string;
  otherServiceIds: string[];
  category: string | null;
  subCategory: string | null;
  priority: { level: "high" | "normal"; reason: string | null };
  flags: Flag[];
  /** Staff the complaint is about: they may not investigate it. */
  aboutStaffIds: string[];
  /** Plugin intake fields (tenancy reference…), validated by the resolved intake schema. */
  intake: Record<string, unknown>;
  regimeId: string;
  status: CaseStatus;
  triage: TriageOutcome | null;
  stages: StageInstance[];
  closure: { on: IsoDate; reason: ClosureReason; note: string | null } | null;
  reopenings: Array<{ on: IsoDate; reason: string }>;
  notified: Array<{ party: string; on: IsoDate; reason: string }>;
  contacts: Array<{ on: IsoDate; direction: "in" | "out"; channel: Channel; summary: string; by: string }>;
  informationRequests: Array<{ id: string; from: "customer" | "service"; what: string; requestedOn: IsoDate; answeredOn: IsoDate | null }>;
  ombudsman: OmbudsmanCase[];
  feedbackAcknowledgedOn: IsoDate | null;
  /** Referred to Legal Services as a claim (refer-claim), and what the council's policy did with the complaint. */
  claim?: { on: IsoDate; basis: ClaimBasis; details: string; then: "pause" | "close" };
  /** When a compliment's or comment's acknowledgement was sent. */
  feedbackAcknowledgementSent?: Sent;
  /** Moves to other services, oldest first; absent in cases stored before transfers existed. */
  transfers?: Transfer[];
  dueDates: DueDate[];
  /** Requests for approval and their decisions; absent in cases stored before approvals existed. */
  approvals?: ApprovalRequest[];
  /** The cases this one knows (docs/decisions/0106-merge-link-split.md); absent in cases stored before. */
  links?: CaseLink[];
}

/** Another case of the same council this case is linked to, merged with or split from. */
export interface CaseLink {
  caseId: string;
  reference: string;
  kind: CaseLinkKind;
  on: IsoDate;
}

/**
 * What the API tells core of the other case of a pair (merge, link, split): read from the
 * database by the service, never sent by a client (apps/api/src/services/case-links.ts).
 */
export interface OtherCase {
  id: string;
  reference: string;
  status: CaseStatus;
  kind: CaseKind;
  customer: CustomerRef | null;
  /** Its current stage's position and name ("Stage 2"), null before a stage opens. */
  stage: { sequence: number; label: string } | null;
}

export interface LogCase {
  type: "log";
  by: Actor;
  id: string;
  reference: string;
  kind: CaseKind;
  channel: Channel;
  /** The instant it arrived (ISO 8601 with offset, or a Date). */
  receivedAt: string | Date;
  matterArose?: IsoDate | null;
  customer: CustomerRef | null;
  representative?: Representative | null;
  description: string;
  desiredOutcome?: string | null;
  serviceId: string;
  otherServiceIds?: string[];
  category?: string | null;
  subCategory?: string | null;
  priority?: { level: "high" | "normal"; reason: string | null };
  flags?: Flag[];
  aboutStaffIds?: string[];
  intake?: Record<string, unknown>;
}

/** `log`, and every command of the registry (lifecycle/commands/): its payload, `type` and `by`. */
export type CaseCommand = LogCase | RegisteredCommand;

export type CommandType = CaseCommand["type"];

export interface CaseEvent {
  type: CommandType;
  /** The instant the command was applied (from the injected clock). */
  at: string;
  by: string;
  /** The date the action takes effect in London. */
  on: IsoDate;
  stageId: string | null;
  /** The command's payload, minus the actor. */
  data: Record<string, unknown>;
}

/** Whom a letter is addressed to: the resident, the one acting for them, or the Ombudsman (our reply to an enquiry). */
export type LetterAddressee = "customer" | "representative" | "ombudsman";

export type Effect =
  | { type: "send-letter"; letter: LetterKind; stageId: string | null; to: LetterAddressee; dueOn: IsoDate | null }
  | { type: "notify"; party: string; reason: string }
  | { type: "legal-referral"; reason: string };

export type RefusalCode =
  | "NOT_ALLOWED_NOW"
  | "INVALID_INPUT"
  | "FORBIDDEN_ROLE"
  | "CONFLICT_OF_INTEREST"
  | "HANDLER_NOT_INDEPENDENT"
  | "NOTIFICATION_REQUIRED"
  | "EXTENSION_TOO_LONG"
  | "OMBUDSMAN_DETAILS_REQUIRED"
  | "ESCALATION_WINDOW_CLOSED"
  | "NO_NEXT_STAGE"
  | "REMEDY_OVER_LIMIT"
  | "REMEDY_PHYSICAL_INJURY"
  | "INDEPENDENT_PERSON_INVALID"
  | "SIGNATORY_REQUIRED"
  | "DATE_INVALID"
  | "PLUGIN_GUARD";

export interface Refusal {
  code: RefusalCode;
  /** Plain words for the caseworker, naming the rule. */
  message: string;
  rule: string | null;
}

export type TransitionResult =
  | { ok: true; state: CaseState; events: CaseEvent[]; effects: Effect[] }
  | { ok: false; refusal: Refusal };
