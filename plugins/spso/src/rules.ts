/**
 * Where each SPSO rule comes from. The Scottish Public Services Ombudsman publishes the Model
 * Complaints Handling Procedure (MCHP) for local authorities (combined and revised version,
 * January 2020) under the Scottish Public Services Ombudsman Act 2002 as amended by the Public
 * Services Reform (Scotland) Act 2010; a council adopts it
 * as its own procedure. Citations name the MCHP's Part and heading: the paragraph numbers inside
 * those headings could not be checked against the published text (README, "Unconfirmed").
 */
export const MCHP = "SPSO Local Authority Model Complaints Handling Procedure (2020)";
/** The customer-facing version the MCHP includes, in the words residents read. */
export const CUSTOMER_CHP = "SPSO model customer-facing CHP";

export const SPSO_RULES = {
  jurisdiction: `${MCHP}: the model the Scottish Public Services Ombudsman publishes for Scottish local authorities under the Scottish Public Services Ombudsman Act 2002 (as amended by the Public Services Reform (Scotland) Act 2010); Scottish rules, not the English Complaint Handling Code`,
  calendar: `${MCHP} Part 3: timescales are in working days, which the MCHP does not define: Monday to Friday less Scottish bank holidays; the council's own local holidays are its profile's closure days`,
  stage1Label: `${MCHP} Part 3, 'Stage 1: Frontline response': straightforward complaints needing little or no investigation`,
  stage1Respond: `${MCHP} Part 3, Stage 1 'Timelines': the frontline response within 5 working days of receipt`,
  stage1Extension: `${MCHP} Part 3, Stage 1 'Extension to the timeline': only in exceptional circumstances, with the reasons and a revised date given to the customer; at most 10 working days in all (the 10-day limit is not confirmed in the SPSO's published text)`,
  escalation: `${CUSTOMER_CHP}, Stage 1 (as adopted in the Scottish Commission on Social Security CHP paras 16–17): Stage 2 may be asked within six months of the event or of finding out, or within two months of the Stage 1 response if later; exceptionally later`,
  escalationFromResponse: `${CUSTOMER_CHP}, Stage 1 (SCoSS CHP para 16): within two months of receiving the Stage 1 response, if this is later than six months from the event`,
  escalationFromEvent: `${CUSTOMER_CHP}, Stage 1 (SCoSS CHP para 16): within six months of the event complained about or of finding out there is a reason to complain`,
  stage2Label: `${MCHP} Part 3, 'Stage 2: Investigation': complaints not resolved at Stage 1 and complex ones needing detailed investigation`,
  stage2Direct: `${MCHP} Part 3, 'Stage 2: Investigation': Stage 2 deals with complaints not resolved at Stage 1 and those that clearly need investigation, handled directly at this stage; a customer may also ask for Stage 2 instead (SCoSS CHP para 18; West Lothian Council: "we also look at some complaints immediately at this stage, if it is clear that they are complex")`,
  stage2Acknowledge: `${MCHP} Part 3, Stage 2 'Acknowledging the complaint': acknowledge within 3 working days of receipt at Stage 2`,
  stage2Respond: `${MCHP} Part 3, Stage 2 'Timelines': a full response as soon as possible and within 20 working days of receipt at Stage 2`,
  stage2Agreed: `${MCHP} Part 3, Stage 2 'Extension to the timeline': where there are clear and justifiable reasons, senior management set a longer time; ${CUSTOMER_CHP} (as Fife Council publishes it): 'we will agree revised time limits with you and keep you updated on progress'`,
  nextBody: `${MCHP} Part 3, 'Signposting to the SPSO': the Stage 2 decision tells the customer of their right to ask the Scottish Public Services Ombudsman, who cannot normally look at a complaint more than 12 months after the customer became aware of the matter (${CUSTOMER_CHP}, as West Lothian Council prints it)`,
  // What the letters must say (src/letter-content.ts). The model's own list of a letter's contents
  // was not found (README, "Unconfirmed"): these are what its headings and adoptions ask for.
  acknowledgement: `${MCHP} Part 3, Stage 2 'Acknowledging the complaint': the customer is told the complaint has been received at Stage 2 and by when the decision will be given (the model's full list of an acknowledgement's contents was not found)`,
  stage1Decision: `${MCHP} Part 3, 'Stage 1: Frontline response': the decision, with its reasons, and how to take the complaint to Stage 2 if the customer is still dissatisfied (${CUSTOMER_CHP}, Stage 1)`,
  stage2Decision: `${MCHP} Part 3, Stage 2 and 'Signposting to the SPSO': the decision is given in writing with its reasons and tells the customer about the SPSO and its time limits (a Scottish body's adoption of the model: "Communicate the decision in writing. Advise the complainant about the SPSO and time limits"; the model's full list was not found)`,
  letters: `${MCHP} Part 3: what its acknowledgements and decisions tell the customer, Stage 2 ending with the SPSO`,
  refusal: `${MCHP} Part 2, 'Time limit for making complaints' and 'Signposting to the SPSO': a complaint that is not taken on is told why, and of the right to ask the SPSO`,
  notSent: `${MCHP}: the procedure covers complaints only; member enquiries and information reviews have their own procedures`,
  // Why values are left as they are, kept with acceptInherited or set to none (README, "Unconfirmed").
  dayCountingKept: `whether the MCHP counts the date of receipt as day 1 could not be confirmed from its published text (searched; councils' adoptions give the periods but not how days are numbered), so core's day 0 is kept rather than guessed`,
  timeLimit: `${MCHP} Part 2, 'Time limit for making complaints': normally within six months of the event or of finding out about it; later only in exceptional circumstances`,
} as const;
