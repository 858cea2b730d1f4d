import { defaultProfile, type CouncilProfileInput } from "@complaints/core";
import type { ProfileDocument } from "../types.js";

export const LEWISHAM_REPORT =
  "London Borough of Lewisham, Annual Complaints Report 2009/10 (Standards Committee, 9 November 2010)";

const r = (para: string, text: string) => `Lewisham report para ${para}: ${text}`;

/** Member enquiries come to every directorate (report 5.2: MP, Mayor and councillor columns for each). */
const memberEnquiries = ["member-enquiries"];
/** Stage 3 (the Independent Adjudicator) for services whose regime has a Stage 2 and allows a third stage. */
const adjudicator = ["independent-adjudicator"];

const input = {
  id: "lewisham",
  name: "London Borough of Lewisham",
  sources: [LEWISHAM_REPORT],
  referencePrefix: "LBL",
  calendar: { closures: [], cutOffTime: null },
  timescales: {
    source: LEWISHAM_REPORT,
    stages: {
      "stage-1": {
        respond: {
          period: { workingDays: 10 },
          from: "receipt",
          rule: r("5.1", "Stage 1 – 10 days by the Service Manager"),
        },
      },
      "stage-2": {
        respond: {
          period: { workingDays: 20 },
          from: "escalation-request",
          rule: r("5.1", "Stage 2 – 20 days by the Head of Service or Executive Director"),
        },
      },
    },
  },
  directorates: [
    {
      id: "children-and-young-people",
      name: "Children & Young People",
      plugins: memberEnquiries,
      services: [
        { id: "education-access", name: "Education Access", plugins: adjudicator },
        {
          id: "special-educational-needs",
          name: "Special Educational Needs",
          plugins: adjudicator,
        },
        {
          id: "student-and-pupil-services",
          name: "Student and Pupil Services",
          plugins: adjudicator,
        },
      ],
    },
    {
      id: "community-services",
      name: "Community Services",
      plugins: memberEnquiries,
      services: [
        { id: "community-education", name: "Community Education Lewisham", plugins: adjudicator },
        { id: "sport-and-leisure", name: "Sport and Leisure", plugins: adjudicator },
        { id: "libraries", name: "Libraries", plugins: adjudicator },
        { id: "youth-offending", name: "Youth Offending Service", plugins: adjudicator },
        {
          id: "adult-social-care",
          name: "Adult Social Care (including Lewisham Intermediate Care)",
          plugins: ["adult-social-care"],
        },
      ],
    },
    {
      id: "customer-services",
      name: "Customer Services",
      plugins: memberEnquiries,
      services: [
        { id: "rehousing", name: "Re-housing and Housing Options", plugins: adjudicator },
        {
          id: "homelessness-and-temporary-housing",
          name: "Homelessness and Temporary Housing (Advice and Reviews)",
          plugins: adjudicator,
        },
        { id: "refuse-collection", name: "Refuse Collection", plugins: adjudicator },
        {
          id: "environmental-enforcement",
          name: "Environmental Enforcement",
          plugins: adjudicator,
        },
      ],
    },
    {
      id: "lewisham-homes",
      name: "Lewisham Homes (partner)",
      plugins: memberEnquiries,
      services: [
        { id: "lewisham-homes-repairs", name: "Repairs (Lewisham Homes)", plugins: ["housing"] },
        {
          id: "lewisham-homes-housing-management",
          name: "Housing and leasehold management (Lewisham Homes)",
          plugins: ["housing"],
        },
        { id: "regenter-b3", name: "Regenter B3 (Brockley PFI housing)", plugins: ["housing"] },
      ],
    },
    {
      id: "regeneration",
      name: "Regeneration",
      plugins: memberEnquiries,
      services: [
        {
          id: "planning",
          name: "Planning Applications and Development Control",
          plugins: adjudicator,
        },
        { id: "planning-enforcement", name: "Planning Enforcement", plugins: adjudicator },
        {
          id: "highways-and-traffic",
          name: "Repair and Maintenance / Traffic Management",
          plugins: adjudicator,
        },
      ],
    },
    {
      id: "resources",
      name: "Resources",
      plugins: memberEnquiries,
      services: [{ id: "resources", name: "Resources services", plugins: adjudicator }],
    },
  ],
  delegatedLimits: defaultProfile.delegatedLimits,
  notifyBeforeAcknowledging: [],
  letterhead: {
    addressLines: ["Lewisham Town Hall", "Catford", "London"],
    postcode: "SE6 4RU",
    phone: "020 8314 6000",
    email: "",
    website: "www.lewisham.gov.uk",
  },
  ombudsmen: defaultProfile.ombudsmen,
} satisfies CouncilProfileInput;

export const lewisham: ProfileDocument = {
  input,
  notes: [
    {
      kind: "default",
      about: "publicInformation",
      value:
        "accessibility statement dated when the profile was last saved, 'partially compliant' with no known problems listed, the usual other formats; data protection officer at the letterhead address; complaint records kept 6 years after closure",
      uses: "core's profile defaults (docs/decisions/0515-public-information-pages.md)",
      why: "The 2009/10 report predates the Accessibility Regulations 2018 and the UK GDPR; it gives no accessibility or data protection details. Enter the statement's dates and the council's own accessibility test, the DPO's contact, the ICO registration and the retention schedule's period before going live.",
    },
    {
      kind: "from-document",
      about: "directorates",
      value:
        "Children & Young People, Community Services, Customer Services, Lewisham Homes, Regeneration, Resources",
      source:
        "Lewisham report para 5.2 (table by directorate), 5.4 (top three complaint categories per directorate, which name the services)",
    },
    {
      kind: "from-document",
      about: "partners",
      value: "Lewisham Homes and Regenter B3 log complaints on the same system",
      source: "Lewisham report paras 5.7, 6.2 and 8.3",
    },
    {
      kind: "from-document",
      about: "stage-3 (independent-adjudicator)",
      value: "30 working days from the Stage 3 request, decided by the Independent Adjudicator",
      source:
        "Lewisham report paras 1.2, 5.1, 6.1–6.2; set by the independent-adjudicator plugin from this report",
    },
    {
      kind: "from-document",
      about: "member-enquiry timescales",
      value: "10 days (the member-enquiries plugin keeps the council's Stage 1: 10 days)",
      source:
        "Lewisham report para 5.1: MP/Mayor/Councillor – 10 days by the Head of Service or Executive Director",
    },
    {
      kind: "default",
      about: "'days'",
      value: "working days",
      uses: "the reading of the 2024 complaint handling code",
      why: "The report gives '10 days', '20 days' and a '30-day standard' without saying which days; councils and the Ombudsman codes count complaint deadlines in working days. Confirm with Lewisham.",
    },
    {
      kind: "default",
      about: "stage-1.acknowledge, stage-2.acknowledge",
      value: "5 working days",
      uses: "the 2024 complaint handling code 6.2 and 6.11 (core default)",
      why: "The report gives no acknowledgement times.",
    },
    {
      kind: "default",
      about: "stage-1.extension, stage-2.extension",
      value: "10 and 20 working days, with the Ombudsman's details",
      uses: "the 2024 complaint handling code (core default)",
      why: "The report gives no extension rules.",
    },
    {
      kind: "default",
      about: "Lewisham Homes and Regenter B3 (housing)",
      value:
        "two stages under the Housing Ombudsman Code; no Independent Adjudicator; the Housing Ombudsman next",
      uses: "the housing plugin",
      why: "In 2009/10 41 of the adjudicator's 100 cases were Lewisham Homes', but the Housing Ombudsman Code 2024 (statutory since April 2024) allows two stages only, so the adjudicator is not enabled on housing services.",
    },
    {
      kind: "default",
      about: "adult social care",
      value: "the statutory single stage, no Independent Adjudicator",
      uses: "the adult-social-care plugin",
      why: "Community Services issued 'local procedures reflecting statutory guidance' (para 5.6); the 2009 regulations have one local stage, then the LGSCO.",
    },
    {
      kind: "default",
      about: "homelessness and re-housing",
      value: "the corporate procedure and the LGSCO, not the housing plugin",
      uses: "core default",
      why: "Homelessness and allocations complaints go to the LGSCO, not the Housing Ombudsman (docs/rules.md §8).",
    },
    {
      kind: "default",
      about: "FOI/EIR",
      value: "not enabled",
      uses: "none",
      why: "The report does not cover reviews of FOI or EIR responses.",
    },
    {
      kind: "default",
      about: "delegatedLimits",
      value:
        "investigating officer £100, complaints manager £500, head of service £1,000, director £5,000",
      uses: "the default profile",
      why: "The compensation bands in para 6.3 (up to £100, £101–£500, over £500) are for reporting, not delegated limits.",
    },
    {
      kind: "default",
      about: "calendar",
      value: "England and Wales bank holidays; no closure days; no cut-off time",
      uses: "core default",
      why: "The report does not define working days.",
    },
    {
      kind: "default",
      about: "timeLimit",
      value: "12 months, with discretion",
      uses: "the 2024 complaint handling code (core default)",
      why: "The report sets no time limit.",
    },
    {
      kind: "default",
      about: "letterhead",
      value: "Lewisham Town Hall, Catford, London SE6 4RU; 020 8314 6000; www.lewisham.gov.uk",
      uses: "the council's published address",
      why: "The report gives no letterhead; confirm and add the complaints email before letters are issued.",
    },
    {
      kind: "practice",
      about: "who answers",
      source:
        "Lewisham para 5.1: Stage 1 by the Service Manager, Stage 2 and member enquiries by the Head of Service or Executive Director",
      handling:
        "Not enforced: a profile cannot require roles for a step (core gap); assign the handler accordingly.",
    },
    {
      kind: "practice",
      about: "quality checking",
      source:
        "Lewisham paras 1.4, 8.1–8.2: a council-wide quality-checking framework, bi-monthly checks",
      handling: "Outside the rules engine (quality assurance role).",
    },
    {
      kind: "practice",
      about: "recommendations followed through",
      source: "Lewisham paras 6.6–6.7",
      handling:
        "The independent-adjudicator plugin requires an owner and a due date for each Stage 3 recommendation and tracks it to done.",
    },
  ],
};
