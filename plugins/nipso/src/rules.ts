/**
 * Where each NIPSO rule comes from. The Northern Ireland Public Services Ombudsman publishes
 * Model Complaints Handling Procedures under Part 3 of the Public Services Ombudsman Act
 * (Northern Ireland) 2016; local government's was the first. NIPSO's own page gives the two
 * headline timescales; the details are cited from councils' procedures that adopt the model
 * (Mid and East Antrim's policy v5.0, May 2024, "updated as per NIPSO recommendations";
 * Ards and North Down's customer guide), because the model's own paragraph numbers could not
 * be checked here (README, "Unconfirmed").
 */
export const NIPSO_MCHP = "NIPSO Local Government Model Complaints Handling Procedure";
export const MEA =
  "Mid and East Antrim Borough Council complaints policy v5.0 (adopting the NIPSO MCHP)";
export const AND =
  "Ards and North Down Borough Council, 'What happens when I complain?' (NIPSO MCHP customer guide)";

export const NIPSO_RULES = {
  jurisdiction: `${NIPSO_MCHP}: NIPSO's complaints standards for Northern Ireland councils under Part 3 of the Public Services Ombudsman Act (Northern Ireland) 2016; Northern Ireland's rules, not the English Complaint Handling Code`,
  calendar: `${NIPSO_MCHP}: timescales are in working days: Monday to Friday less Northern Ireland bank holidays (St Patrick's Day, the Battle of the Boyne); the council's own closures are its profile's closure days`,
  stage1Label: `${NIPSO_MCHP}, Stage 1 (${MEA} para 6.2): a frontline response, close to where the service was given`,
  stage1Respond: `${NIPSO_MCHP}: Stage 1 complaints are dealt with within 5 working days (${MEA} para 6.2: of the date the complaint is registered, the next working day when received after hours, at a weekend or on a bank holiday)`,
  stage1Extension: `${MEA} para 6.2: when longer is needed the customer is told why and given a revised date, no more than 10 working days in all from registration`,
  escalation: `${AND}, Stage 1: Stage 2 may be asked within six months of the event or of finding out, or within two months of the Stage 1 response if later; exceptionally later`,
  escalationFromResponse: `${AND}, Stage 1: within two months of the Stage 1 response, if this is later than six months from the event`,
  escalationFromEvent: `${AND}, Stage 1: within six months of the event complained about or of finding out about it`,
  stage2Label: `${NIPSO_MCHP}, Stage 2 (${AND}): complaints not resolved at Stage 1 and, with the customer's agreement, those needing in-depth investigation`,
  stage2Direct: `${AND}, Stage 2: a complaint that clearly needs in-depth investigation goes straight to Stage 2, after discussion and agreement with the customer or when the customer asks (${MEA} para 6.2: serious, high-risk or high-profile issues)`,
  stage2Acknowledge: `${AND}, Stage 2: acknowledge within 3 working days`,
  stage2Respond: `${NIPSO_MCHP}: Stage 2 complaints within 20 working days (${AND}: a decision after no more than 20 working days)`,
  stage2Revised: `${AND}, Stage 2: longer than 20 working days only when there is clearly a good reason; the later date is set with the customer and recorded as the agreed response date`,
  nextBody: `${NIPSO_MCHP}: when both stages are complete the council signposts the customer to the Northern Ireland Public Services Ombudsman (${AND})`,
  // What the letters must say (src/letter-content.ts).
  letters: `${NIPSO_MCHP}: what its acknowledgements and decisions tell the customer, Stage 2 ending with NIPSO`,
  acknowledgement: `${AND}, Stage 2: "We will acknowledge your complaint within 3 working days. We will confirm the issues of complaint to be investigated and what you want to achieve"`,
  stage1Decision: `${NIPSO_MCHP}, Stage 1 (${AND}): the frontline decision, and that a customer dissatisfied with it can ask for Stage 2 (the model's list of what the letter contains was not found: the decision, its reasons and the next step are kept)`,
  stage2Decision: `${NIPSO_MCHP}, Stage 2 (${AND}): "give you our decision", then, if still dissatisfied with the decision or the handling, the customer can ask NIPSO to consider it (the model's full list of what the letter contains was not found: the decision, its reasons and NIPSO's details are kept)`,
  refusal: `${NIPSO_MCHP} (${AND}): a complaint that is not taken on is told why, and of the right to ask the Northern Ireland Public Services Ombudsman`,
  timeLimitUnconfirmed: `${NIPSO_MCHP}: the model's limit for making a complaint is unconfirmed (README), so an out-of-time refusal gives the reasons and that discretion was considered`,
  notSent: `${NIPSO_MCHP}: the procedure covers complaints only; member enquiries and information reviews have their own procedures`,
  // Why a value is kept with acceptInherited (README, "Unconfirmed").
  dayCountingKept: `whether the MCHP counts the day of registration as day 1 could not be confirmed (the councils' adoptions give the periods, not how days are numbered), so core's day 0 is kept rather than guessed`,
} as const;
