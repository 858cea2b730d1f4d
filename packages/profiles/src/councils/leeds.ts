import { defaultProfile, type CouncilProfileInput } from "@complaints/core";
import type { ProfileDocument } from "../types.js";

export const LEEDS_POLICY = "Leeds City Council Compliments and Complaints Policy";
export const LEEDS_REVIEW =
  "Leeds City Council housing complaints review: recommendations and action plan (2013/14)";

const p = (para: string, text: string) => `Leeds policy para ${para}: ${text}`;

/** The plugins every Leeds directorate enables: FOI/EIR reviews go to the relevant Director (para 61); member complaints (para 34). */
const everyDirectorate = ["foi-eir", "member-enquiries"];

const input = {
  id: "leeds",
  name: "Leeds City Council",
  sources: [LEEDS_POLICY, LEEDS_REVIEW],
  referencePrefix: "LCC",
  calendar: { closures: [], cutOffTime: null },
  timescales: {
    source: LEEDS_POLICY,
    stages: {
      "stage-1": {
        acknowledge: {
          period: { workingDays: 3 },
          from: "receipt",
          rule: p("13", "a complaint is acknowledged within 3 working days of receipt"),
        },
        respond: {
          period: { workingDays: 15 },
          from: "receipt",
          rule: p("16", "the substantive response within 15 working days from the date of receipt"),
        },
        holdingInterval: {
          calendarDays: 14,
          rule: p(
            "16",
            "when the 15 working-day standard will not be met, holding responses at least every two weeks",
          ),
        },
        escalation: {
          to: "stage-2",
          window: {
            period: { calendarDays: 28 },
            from: "response",
            rule: p("17", "customers normally have 28 days from the Stage I response to escalate"),
          },
          lateAllowedWithDiscretion: true,
          rule: p(
            "17",
            "the DCRO may use discretion on the 28 days, taking the customer's situation into account",
          ),
        },
      },
      "stage-2": {
        acknowledge: {
          period: { workingDays: 3 },
          from: "escalation-request",
          rule: p(
            "20",
            "Stage II is acknowledged in the same timescale as Stage I, within 3 working days",
          ),
        },
        respond: {
          period: { workingDays: 15 },
          from: "agreed-statement",
          rule: p(
            "22",
            "the outcome within 15 working days of receipt of the written statement of complaint, agreed with the customer (para 19)",
          ),
        },
        handler: {
          independentOf: ["stage-1"],
          rule: p(
            "20",
            "the DCRO appoints a suitable, impartial senior officer, from another service if an independent review is needed",
          ),
        },
      },
    },
    nextBody: {
      id: "lgsco",
      name: "Local Government and Social Care Ombudsman",
      window: {
        period: { calendarMonths: 12 },
        from: "response",
        rule: "Local Government Act 1974 s26B: the Ombudsman normally expects a complaint within 12 months",
      },
      rule: p(
        "23",
        "no further right of appeal to the council after Stage II; the response gives the Local Government Ombudsman's contact details",
      ),
    },
    feedbackAcknowledge: {
      period: { workingDays: 10 },
      from: "receipt",
      rule: p(
        "5",
        "a compliment received in writing is acknowledged within 10 working days of receipt",
      ),
    },
    wronglyAddressedReturn: {
      period: { workingDays: 3 },
      from: "receipt",
      rule: p(
        "43",
        "a complaint wrongly addressed to the council is returned, with the right body, within 3 days of receipt",
      ),
    },
  },
  directorates: [
    {
      id: "environments-and-housing",
      name: "Environments and Housing",
      // foi-eir is enabled per service here, not on Housing Leeds: see the note on FOI/EIR reviews about Housing Leeds.
      plugins: ["member-enquiries"],
      services: [
        {
          id: "housing-leeds",
          name: "Housing Leeds",
          plugins: ["housing"],
          settings: {
            source: LEEDS_REVIEW,
            stages: {
              "stage-1": {
                // Quicker than the Housing Ombudsman Code allows (5 WD): Leeds' own 3 days still apply.
                acknowledge: {
                  period: { workingDays: 3 },
                  from: "receipt",
                  rule: p(
                    "13",
                    "acknowledged within 3 working days of receipt (quicker than the Housing Ombudsman Code's 5)",
                  ),
                },
                target: {
                  label: "Housing Leeds 10 working-day target",
                  period: { workingDays: 10 },
                  from: "receipt",
                  rule: "Leeds housing complaints review 2013/14: Housing Leeds keeps its 10 working-day Stage 1 performance target, with a longer standard as the back-stop",
                },
              },
              "stage-2": {
                acknowledge: {
                  period: { workingDays: 3 },
                  from: "escalation-request",
                  rule: p(
                    "20",
                    "Stage II acknowledged within 3 working days (quicker than the Code's 5)",
                  ),
                },
              },
            },
          },
        },
        { id: "environmental-action", name: "Environmental Action Service", plugins: ["foi-eir"] },
        { id: "waste-management", name: "Waste Management", plugins: ["foi-eir"] },
        {
          id: "environments-and-housing-director",
          name: "Director of Environments and Housing (FOI/EIR reviews, including Housing Leeds)",
          plugins: ["foi-eir"],
        },
      ],
    },
    {
      id: "adult-social-care",
      name: "Adult Social Care",
      plugins: everyDirectorate,
      services: [
        { id: "adult-social-care", name: "Adult Social Care", plugins: ["adult-social-care"] },
      ],
    },
    {
      id: "childrens-services",
      name: "Children's Services",
      plugins: everyDirectorate,
      services: [
        {
          id: "childrens-social-care",
          name: "Children's Social Care",
          plugins: ["children-social-care"],
        },
      ],
    },
    {
      id: "corporate-services",
      name: "Corporate Services",
      plugins: everyDirectorate,
      services: [{ id: "customer-services", name: "Customer Services and One Stop Centres" }],
    },
  ],
  delegatedLimits: [...defaultProfile.delegatedLimits, { role: "dcro", maxPounds: 500 }],
  notifyBeforeAcknowledging: [
    {
      flag: "discrimination-or-harassment",
      parties: ["relevant-chief-officer", "chief-officer-legal", "head-of-equality"],
      rule: p(
        "28",
        "before an acknowledgement is sent, the relevant Chief Officer, the Chief Officer Legal, Licensing & Registration and the Head of Equality must be notified",
      ),
    },
  ],
  procedures: {
    claims: { onReferral: "close", rule: p("71", "a claim for compensation is dealt with by Legal Services on legal liability; this is the conclusion of the Complaints Policy") },
    anonymousNotInvestigated: { rule: p("46", "an anonymous complaint the Investigating Officer judges may be malicious may, with the DCRO, be not fully investigated, the reasons recorded") },
    stageResponders: [
      {
        stage: "stage-2",
        // The Corporate Customer Relations Manager answers only "in exceptional circumstances" after consultation (para 22): not a standing permission.
        roles: ["head-of-service", "director"],
        rule: p("20", "the DCRO appoints an impartial senior officer; para 22: Stage II is answered in the name of the Director, Chief Officer or a senior nominee"),
      },
    ],
  },
  letterhead: {
    addressLines: ["Civic Hall", "Calverley Street", "Leeds"],
    postcode: "LS1 1UR",
    phone: "0113 222 4444",
    email: "",
    website: "www.leeds.gov.uk",
  },
  ombudsmen: defaultProfile.ombudsmen,
} satisfies CouncilProfileInput;

export const leeds: ProfileDocument = {
  input,
  notes: [
    {
      kind: "default",
      about: "publicInformation",
      value:
        "accessibility statement dated when the profile was last saved, 'partially compliant' with no known problems listed, the usual other formats; data protection officer at the letterhead address; complaint records kept 6 years after closure",
      uses: "core's profile defaults (docs/decisions/0515-public-information-pages.md)",
      why: "The policy and the 2013/14 review predate the Accessibility Regulations 2018 and the UK GDPR; they give no accessibility or data protection details (para 9 only promises confidentiality). Enter the statement's dates and the council's own accessibility test, the DPO's contact, the ICO registration and the retention schedule's period before going live.",
    },
    {
      kind: "from-document",
      about: "directorates",
      value:
        "Environments and Housing (Housing Leeds, Environmental Action, Waste Management); Adult Social Care; Children's Services; Corporate Services",
      source:
        "Leeds review 2013/14 (Housing Leeds, Environmental Action Service, Environments and Housing, waste management, Adult Social Care, One Stop Centres); Leeds policy paras 70 (Corporate Services), 73 (the two statutory social care procedures)",
    },
    {
      kind: "from-document",
      about: "plugins",
      value:
        "housing on Housing Leeds; adult-social-care and children-social-care on the statutory services; foi-eir and member-enquiries on every directorate (foi-eir per service in Environments and Housing)",
      source:
        "Leeds policy paras 34 (member complaints), 58–66 (FOI/EIR, reviewed by the relevant Director), 73 (statutory procedures); Leeds review (Housing Leeds)",
    },
    {
      kind: "from-document",
      about: "notifyBeforeAcknowledging",
      value:
        "discrimination or harassment: relevant Chief Officer, Chief Officer Legal, Head of Equality",
      source: "Leeds policy para 28",
    },
    {
      kind: "from-document",
      about: "housing-leeds: stage-1.target",
      value: "10 working days from receipt, tracked beside the deadline",
      source:
        "Leeds review 2013/14: 'Housing Leeds to maintain their 10 day performance target', with the council's 15 days as the 'back stop'",
    },
    {
      kind: "default",
      about: "housing-leeds: stage-1.respond",
      value:
        "10 working days from the acknowledgement (Housing Ombudsman Code 6.3), not Leeds' 15 working days from receipt",
      uses: "the housing plugin's statutory timescale",
      why: "The Housing Ombudsman Code is statutory for council landlords since 1 April 2024 and is quicker than the 2013 back-stop whenever the acknowledgement goes before day 5 (Leeds acknowledges in 3). Setting 15 days as the housing deadline stops start-up (statutory maximum). Housing Leeds' 10-day target is kept and tracked beside the Code's deadline.",
    },
    {
      kind: "default",
      about: "FOI/EIR reviews about Housing Leeds",
      value:
        "logged against 'Director of Environments and Housing (FOI/EIR reviews)', not against Housing Leeds",
      uses: "a directorate service for the reviews",
      why: "Para 61 has the relevant Director investigate. Core applies a service's own settings to every case kind, and an FOI review has no Stage 1, so Housing Leeds' Stage 1 settings (3-day acknowledgement, 10-day target) would stop start-up if FOI reviews were enabled on it (core gap).",
    },
    {
      kind: "default",
      about: "stage-1.extension, stage-2.extension",
      value: "10 and 20 working days with the Ombudsman's details",
      uses: "the 2024 complaint handling code (core default)",
      why: "The policy has no extensions, only holding responses (para 16); the LGSCO applies the 2024 code from 1 April 2026.",
    },
    {
      kind: "default",
      about: "stage-2.holdingInterval",
      value: "none",
      uses: "core default",
      why: "Para 16 sets holding responses for Stage I only.",
    },
    {
      kind: "default",
      about: "timeLimit",
      value: "12 months, with discretion",
      uses: "the 2024 complaint handling code section 2 (core default)",
      why: "The policy sets no time limit for making a complaint.",
    },
    {
      kind: "default",
      about: "calendar",
      value:
        "England and Wales bank holidays; no closure days; no cut-off time (a complaint counts from the day it arrives)",
      uses: "core default",
      why: "The policy does not define working days, closure days or a cut-off time.",
    },
    {
      kind: "default",
      about: "delegatedLimits",
      value:
        "investigating officer £100, complaints manager £500, DCRO £500, head of service £1,000, director £5,000",
      uses: "the default profile's limits, plus the DCRO at the complaints manager's £500",
      why: "Para 70 leaves the amounts to each service's written scheme of delegation, which is not among the documents; para 76 gives the DCRO delegated authority for ex-gratia payments. Replace with the schemes' figures.",
    },
    {
      kind: "default",
      about: "letterhead",
      value:
        "Civic Hall, Calverley Street, Leeds LS1 1UR; 0113 222 4444; www.leeds.gov.uk; no email",
      uses: "the council's published address and switchboard",
      why: "The documents give no letterhead; confirm before letters are issued, and add the complaints email.",
    },
    {
      kind: "default",
      about: "ombudsmen",
      value: "current LGSCO, Housing Ombudsman and ICO details",
      uses: "the default profile",
      why: "Paras 23 and 67 give 0845 and 01625 numbers that are no longer in use.",
    },
    {
      kind: "default",
      about: "homes",
      value: "not set",
      uses: "none",
      why: "The number of council homes (TSM CH01) is not in the documents; enter it before reporting.",
    },
    {
      kind: "default",
      about: "member-enquiry timescales",
      value: "the council's Stage 1 and Stage 2 (ack 3, response 15 working days)",
      uses: "the member-enquiries plugin, which keeps the council's timescales",
      why: "Para 34: complaints via an Elected Member or MP follow the normal policies and timescales.",
    },
    {
      kind: "default",
      about: "contacts",
      value: "none: the Chief Officer Legal and the Head of Equality are named on the organisation page",
      uses: "the relevant Chief Officer is the directorate's Director; the other parties of para 28 are told by email once named (lifecycle/parties.ts)",
      why: "Para 28 names the posts, not the people or their addresses. Until an administrator names them, 'notify' to them is refused rather than queued to nobody (issue 16's audit).",
    },
    {
      kind: "from-document",
      about: "procedures",
      value: "claims end the complaint (Legal Services decide them); anonymous complaints may be recorded as not investigated; Stage 2 answered by a Head of Service or Director",
      source: "Leeds policy paras 71, 46, 20 and 22",
    },
    {
      kind: "practice",
      about: "discrimination complaints: correspondence",
      source:
        "Leeds policy para 29: the Chief Officer Legal and the Head of Equality are consulted before any Stage I or II correspondence",
      handling:
        "Only the notification before the acknowledgement is enforced (notifyBeforeAcknowledging); later consultation is recorded with 'notify'.",
    },
    {
      kind: "practice",
      about: "Chief Executive complaints",
      source: "Leeds policy para 35",
      handling:
        "Flag 'chief-executive'; acknowledged by the Chief Executive's PA and answered in normal timescales.",
    },
    {
      kind: "practice",
      about: "contractors (Mears, Morrison)",
      source: "Leeds review 2013/14: share incidents between the contractors and the council",
      handling:
        "The housing plugin's contractor intake field: the contractor is told, asked for an account before the response, and reported.",
    },
    {
      kind: "practice",
      about: "large financial claims",
      source:
        "Leeds policy para 71: significant losses go to Legal Services as a claim, which ends the complaint",
      handling:
        "Recorded with a 'notify' to legal and the case closed; core has a 'referred-to-legal' closure reason but no command that sets it yet.",
    },
  ],
};
