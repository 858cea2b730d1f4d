/**
 * Every lifecycle command but `log` (which makes the case, so has no state to apply to): the
 * registry `transition`, `availableCommands` and the API are built from. The order is the
 * order commands are offered in.
 */
import { acknowledge } from "./acknowledge.js";
import { acknowledgeFeedback } from "./acknowledge-feedback.js";
import { addParticipant } from "./add-participant.js";
import { agreeImprovementAction } from "./agree-improvement-action.js";
import { agreeResponseDate } from "./agree-response-date.js";
import { agreeStatement } from "./agree-statement.js";
import { assign } from "./assign.js";
import { close } from "./close.js";
import { completeRemedy } from "./complete-remedy.js";
import { convertToComplaint } from "./convert-to-complaint.js";
import { escalate } from "./escalate.js";
import { extend } from "./extend.js";
import { holdingResponse } from "./holding-response.js";
import { notify } from "./notify.js";
import { ombudsmanDecision } from "./ombudsman-decision.js";
import { ombudsmanEnquiry } from "./ombudsman-enquiry.js";
import { ombudsmanRemedyComplied } from "./ombudsman-remedy-complied.js";
import { ombudsmanResponse } from "./ombudsman-response.js";
import { ombudsmanSatisfied } from "./ombudsman-satisfied.js";
import { pause } from "./pause.js";
import { recalculateDeadlines } from "./recalculate-deadlines.js";
import { receiveInformation } from "./receive-information.js";
import { recordContact } from "./record-contact.js";
import { recordCorrespondenceSent } from "./record-correspondence-sent.js";
import { recordMilestone } from "./record-milestone.js";
import { referBack } from "./refer-back.js";
import { reopen } from "./reopen.js";
import { requestInformation } from "./request-information.js";
import { respond } from "./respond.js";
import { resume } from "./resume.js";
import { triage } from "./triage.js";
import { withdraw } from "./withdraw.js";
import { transfer } from "./transfer.js";
import { recategorise } from "./recategorise.js";
import { editDetails } from "./edit-details.js";
import { linkCase } from "./link-case.js";
import { unlinkCase } from "./unlink-case.js";
import { mergeInto } from "./merge-into.js";
import { mergeIn } from "./merge-in.js";
import { split } from "./split.js";
import { referClaim } from "./refer-claim.js";
import { recordNotInvestigated } from "./record-not-investigated.js";
import { requestApproval } from "./request-approval.js";
import { decideApproval } from "./decide-approval.js";

const modules = [
  triage,
  reopen,
  recordContact,
  notify,
  assign,
  requestInformation,
  holdingResponse,
  addParticipant,
  withdraw,
  acknowledge,
  resume,
  pause,
  extend,
  agreeStatement,
  agreeResponseDate,
  respond,
  referBack,
  recordMilestone,
  receiveInformation,
  acknowledgeFeedback,
  convertToComplaint,
  escalate,
  close,
  completeRemedy,
  agreeImprovementAction,
  ombudsmanEnquiry,
  recalculateDeadlines,
  ombudsmanResponse,
  ombudsmanDecision,
  ombudsmanRemedyComplied,
  ombudsmanSatisfied,
  recordCorrespondenceSent,
  transfer,
  recategorise,
  editDetails,
  linkCase,
  unlinkCase,
  mergeInto,
  mergeIn,
  split,
  referClaim,
  recordNotInvestigated,
  requestApproval,
  decideApproval,
] as const;

type Module = (typeof modules)[number];

/** The command modules by type: `COMMANDS.triage.payload`, `COMMANDS["record-contact"].roles`. */
export const COMMANDS = Object.fromEntries(modules.map((m) => [m.type, m])) as { [M in Module as M["type"]]: M };

/** Every command type the registry holds, in the order they are offered. */
export const COMMAND_TYPES = modules.map((m) => m.type) as ReadonlyArray<Module["type"]>;

/** The command `apply` takes: the payload, its type and the actor (plus what the caller fills in). */
export type RegisteredCommand = { [M in Module as M["type"]]: Parameters<M["apply"]>[1] }[Module["type"]];

export type { CommandModule, Ctx } from "./define.js";

/**
 * The commands that touch two cases (docs/decisions/0106-merge-link-split.md): the API runs
 * each with its pair in one transaction (apps/api/src/services/case-links.ts) and gives them
 * no single-case procedure, since alone they would leave one side not knowing the other.
 */
export const PAIRED_COMMANDS = ["link-case", "unlink-case", "merge-into", "merge-in", "split"] as const satisfies ReadonlyArray<Module["type"]>;
export type PairedCommand = (typeof PAIRED_COMMANDS)[number];
