/**
 * Where each PSOW rule comes from. The Public Services Ombudsman for Wales publishes a model
 * complaints policy for Welsh public bodies (its model concerns and complaints policy, and since
 * the Public Services Ombudsman (Wales) Act 2019 its Complaints Standards Authority's model
 * policy; s36 of that Act requires a council's procedure to comply with it, as Pembrokeshire's
 * policy states). The model's own paragraph numbers could not be checked here (README,
 * "Unconfirmed"), so the details are cited from a council procedure that adopts it (Neath Port
 * Talbot Council's published stages) and a Welsh landlord's published copy of the model's wording
 * (Bro Myrddin).
 */
export const PSOW_POLICY = "PSOW model complaints policy";
export const NPT = "Neath Port Talbot Council complaints procedure (adopting the PSOW model)";
export const BRO_MYRDDIN = "Bro Myrddin 'Have you asked us yet?' (the PSOW model's wording)";

export const PSOW_RULES = {
  jurisdiction: `${PSOW_POLICY}: the model a Welsh council's procedure must comply with (Public Services Ombudsman (Wales) Act 2019 s36, as Pembrokeshire County Council's policy states); Welsh rules, not the English Complaint Handling Code`,
  calendar: `${PSOW_POLICY}: timescales are in working days: Monday to Friday less England and Wales bank holidays (Banking and Financial Dealings Act 1971 Sch 1); the council's own closures are its profile's closure days`,
  stage1Label: `${PSOW_POLICY}, Stage 1 (${BRO_MYRDDIN}): informal resolution where there is a simple solution`,
  stage1Respond: `${PSOW_POLICY}, Stage 1 (${BRO_MYRDDIN}): we aim to resolve a Stage 1 complaint within 10 working days (Swansea Council's procedure: the service department aims to respond within 10 working days)`,
  escalation: `${PSOW_POLICY}: a complainant not satisfied with informal resolution may ask for a formal investigation; no time limit for asking was found in the model`,
  stage2Label: `${PSOW_POLICY}, Stage 2 (${BRO_MYRDDIN}): formal internal investigation`,
  stage2Acknowledge: `${NPT}, 'Stage 2 Complaint: Formal Investigation': acknowledged within 5 working days`,
  stage2Respond: `${PSOW_POLICY}, Stage 2 (${BRO_MYRDDIN}; ${NPT}): a response within 20 working days`,
  stage2Revised: `${NPT}, Stage 2: where 20 working days is not possible, the complainant is told in writing why, before the deadline, and given the date to expect a full response (recorded as the agreed response date)`,
  nextBody: `${PSOW_POLICY}: a complainant still dissatisfied after the formal investigation may complain to the Public Services Ombudsman for Wales`,
  timeLimit: `${PSOW_POLICY} (${NPT}, 'Dealing with your complaint'): normally within 6 months (Carmarthenshire Council likewise); later in exceptional circumstances, with the reasons`,
  // What the letters must say (src/letter-content.ts). The model's own list of a letter's contents
  // was not found (README, "Unconfirmed"): each checklist keeps what a decision letter needs.
  letters: `${PSOW_POLICY}: what its acknowledgements and responses tell the complainant, the formal investigation ending with the PSOW`,
  acknowledgement: `${NPT}, 'Stage 2 Complaint: Formal Investigation': the complaint is acknowledged and the complainant told when to expect the response (the model's full list of an acknowledgement's contents was not found)`,
  stage1Decision: `${PSOW_POLICY}, Stage 1 (${BRO_MYRDDIN}): the outcome of the informal resolution, and that the complainant may ask for a formal investigation if not satisfied (the model's list of what the letter contains was not found: the decision, its reasons and the next step are kept)`,
  stage2Decision: `${PSOW_POLICY}, Stage 2 (${NPT}): the formal investigation's findings and decision with reasons, and the right to complain to the Public Services Ombudsman for Wales with its details (the model's list of what the letter contains was not found: the minimum a decision letter needs is kept)`,
  refusal: `${PSOW_POLICY} (${NPT}, 'Dealing with your complaint'): a complaint that is not taken on is told why, and of the right to go to the Public Services Ombudsman for Wales`,
  notSent: `${PSOW_POLICY}: the policy covers concerns and complaints only; member enquiries and information reviews have their own procedures`,
  // Why a value is kept with acceptInherited (README, "Unconfirmed").
  dayCountingKept: `whether the model counts the day of receipt as day 1 could not be confirmed (the councils' adoptions give the periods, not how days are numbered), so core's day 0 is kept rather than guessed`,
} as const;
