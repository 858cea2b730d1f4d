import { defaultProfile, type CouncilProfileInput } from "@complaints/core";
import type { ProfileDocument } from "../types.js";

export const SOUTHWARK_PROCEDURE =
  "London Borough of Southwark Complaint Handling Procedure (March 2024)";

const s = (section: string, text: string) => `Southwark procedure, '${section}': ${text}`;

const memberEnquiries = ["member-enquiries"];

const input = {
  id: "southwark",
  name: "London Borough of Southwark",
  sources: [SOUTHWARK_PROCEDURE],
  referencePrefix: "LBS",
  calendar: { closures: [], cutOffTime: null },
  timescales: {
    source: SOUTHWARK_PROCEDURE,
    stages: {
      "stage-1": {
        acknowledge: {
          period: { workingDays: 5 },
          from: "receipt",
          rule: s(
            "Receiving and acknowledging complaints (stage one)",
            "an acknowledgement is sent within 5 working days of receipt",
          ),
        },
        extension: {
          maxWorkingDays: 10,
          ombudsmanDetailsRequired: true,
          rule: s(
            "Investigation & resolution – Stage One",
            "any extension must be no more than 10 days, and every holding response says how to escalate to the Ombudsman",
          ),
        },
      },
      "stage-2": {
        acknowledge: {
          period: { workingDays: 5 },
          from: "escalation-request",
          rule: s(
            "Stage Two Complaints (Escalations)",
            "an acknowledgement is sent within 5 working days",
          ),
        },
        extension: {
          maxWorkingDays: 20,
          ombudsmanDetailsRequired: true,
          rule: s(
            "Stage Two Complaints (Escalations)",
            "any extension must be no more than 20 days, and every holding response says how to escalate to the Ombudsman",
          ),
        },
        handler: {
          independentOf: ["stage-1"],
          rule: s(
            "Stage Two Complaints (Escalations)",
            "an impartial investigation by the central Resolution Team on behalf of the Chief Executive",
          ),
        },
      },
    },
  },
  directorates: [
    {
      id: "housing",
      name: "Housing",
      plugins: memberEnquiries,
      services: [
        { id: "repairs-and-maintenance", name: "Repairs and Maintenance", plugins: ["housing"] },
        {
          id: "housing-management",
          name: "Housing management (tenants and leaseholders)",
          plugins: ["housing"],
        },
        { id: "homelessness-and-housing-solutions", name: "Homelessness and housing solutions" },
      ],
    },
    {
      id: "finance",
      name: "Finance",
      plugins: memberEnquiries,
      services: [
        {
          id: "revenues-and-benefits",
          name: "Business Rates, Revenue and Benefits, Payroll and the Welfare Assistance Scheme",
        },
        { id: "rents-and-service-charges", name: "Rent and Service Charges", plugins: ["housing"] },
        { id: "customer-contact", name: "Contact Centres (Housing and Environment)" },
      ],
    },
    {
      id: "environment-and-neighbourhoods",
      name: "Environment and neighbourhood services",
      plugins: memberEnquiries,
      services: [
        { id: "waste-and-recycling", name: "Waste collection, recycling and fly-tipping" },
        { id: "highways-and-parking", name: "Highways, parking and traffic" },
        { id: "community-safety", name: "Community safety and anti-social behaviour" },
        { id: "planning-and-development", name: "Planning and development" },
      ],
    },
    {
      id: "childrens-and-adults",
      name: "Children's and Adults' Services",
      plugins: memberEnquiries,
      services: [
        {
          id: "childrens-social-care",
          name: "Children's social care",
          plugins: ["children-social-care"],
        },
        { id: "adult-social-care", name: "Adult social care", plugins: ["adult-social-care"] },
        { id: "education", name: "Education" },
        { id: "public-health", name: "Public Health" },
      ],
    },
  ],
  delegatedLimits: defaultProfile.delegatedLimits,
  notifyBeforeAcknowledging: [],
  procedures: {
    chasing: {
      serviceAfter: 3,
      headOfServiceAfter: 2,
      rule: s("Stage two investigations", "no response to an information request within 3 working days goes to the service manager; after a further 2 working days, to the Head of Service"),
    },
    headOfServiceTold: {
      stages: ["stage-2"],
      notUpheld: true,
      ombudsmanLikely: true,
      rule: s("Stage two investigations", "the HoS is notified with reasons when Stage 2 is not upheld, and before the response where Ombudsman escalation is likely"),
    },
  },
  letterhead: {
    addressLines: ["160 Tooley Street", "London"],
    postcode: "SE1 2QH",
    phone: "020 7525 5000",
    email: "complaints@southwark.gov.uk",
    website: "www.southwark.gov.uk",
  },
  ombudsmen: defaultProfile.ombudsmen,
  publicInformation: {
    accessibility: {
      // The procedure's own list of what it offers so no one is kept out of the process.
      otherFormats: [
        "home visits",
        "meeting places that are fully accessible",
        "somewhere private to talk",
        "help to find an advocate or representative",
        "translation or interpretation into another language",
        "large print",
        "braille",
        "a sign language interpreter",
      ],
    },
  },
} satisfies CouncilProfileInput;

export const southwark: ProfileDocument = {
  input,
  notes: [
    {
      kind: "from-document",
      about: "publicInformation.accessibility.otherFormats",
      value:
        "home visits, accessible meeting places, a private place to talk, advocacy, translation and interpretation, large print, braille, a sign language interpreter",
      source:
        "Southwark procedure: 'We want to ensure our complaints procedure is accessible to all' (the barriers it removes)",
    },
    {
      kind: "default",
      about: "publicInformation",
      value:
        "accessibility statement dated when the profile was last saved, 'partially compliant' with no known problems listed, the usual other formats; data protection officer at the letterhead address; complaint records kept 6 years after closure",
      uses: "core's profile defaults (docs/decisions/0515-public-information-pages.md)",
      why: "The procedure gives no statement dates, data protection officer or retention period; its accessibility commitments give the other formats (noted above). Enter the statement's dates and the council's own accessibility test, the DPO's contact, the ICO registration and the retention schedule's period before going live.",
    },
    {
      kind: "from-document",
      about: "directorates",
      value:
        "Housing; Finance; environment and neighbourhood services; Children's and Adults' Services",
      source:
        "Southwark procedure: 'Contact Details' (Finance and Housing directorates), 'Type of Complaints and their significance' (the services), and the separate team for Children's Services, Adult Social Care, Education and Public Health ('Introduction')",
    },
    {
      kind: "from-document",
      about: "letterhead email",
      value: "complaints@southwark.gov.uk",
      source: "Southwark procedure, 'This document'",
    },
    {
      kind: "from-document",
      about: "receipt date",
      value:
        "the submission date, or the next working day for a weekend or public holiday; no cut-off time",
      source: "Southwark procedure, 'Log complaint'",
    },
    {
      kind: "from-document",
      about: "priority",
      value: "high or normal; damp and mould, disrepair and safety high (housing plugin)",
      source:
        "Southwark procedure, 'Categorisation and prioritisation' and 'Understanding the criteria for prioritising complaints'",
    },
    {
      kind: "from-document",
      about: "plugins",
      value:
        "housing on landlord services (repairs, housing management, rents and service charges); the statutory plugins on children's and adult social care; member-enquiries everywhere",
      source:
        "Southwark procedure: the Housing Ombudsman Code applies to landlord services; separate regulations for children's and adults' complaints; 'Complaints and Members Enquiries' audits",
    },
    {
      kind: "default",
      about: "stage-1.respond, stage-2.respond",
      value:
        "10 working days from the acknowledgement; 20 working days from the Stage 2 acknowledgement",
      uses: "the 2024 complaint handling code 6.3 and Stage 2 (core default; the housing plugin for landlord services)",
      why: "The procedure is written to the Housing Ombudsman Code and gives acknowledgement and extension times but no response times of its own.",
    },
    {
      kind: "default",
      about: "'days' in extensions",
      value: "working days",
      uses: "the 2024 complaint handling code 6.4",
      why: "The procedure says 'no more than 10 days' / '20 days'; the Code it follows counts working days.",
    },
    {
      kind: "default",
      about: "homelessness",
      value: "the corporate procedure and the LGSCO",
      uses: "core default",
      why: "Homelessness complaints go to the LGSCO, not the Housing Ombudsman (docs/rules.md §8).",
    },
    {
      kind: "default",
      about: "delegatedLimits",
      value:
        "investigating officer £100, complaints manager £500, head of service £1,000, director £5,000",
      uses: "the default profile",
      why: "The procedure links to the LBS Compensation Policy, which is not among the documents.",
    },
    {
      kind: "default",
      about: "calendar",
      value: "England and Wales bank holidays; no closure days",
      uses: "core default",
      why: "The procedure names weekends and public holidays only.",
    },
    {
      kind: "default",
      about: "timeLimit",
      value: "12 months from awareness, with discretion",
      uses: "the 2024 complaint handling code (core default)",
      why: "Matches 'Is there a time limit for making a complaint?'",
    },
    {
      kind: "default",
      about: "letterhead address",
      value: "160 Tooley Street, London SE1 2QH; 020 7525 5000",
      uses: "the council's published address",
      why: "The procedure gives emails but no postal address; confirm before letters are issued.",
    },
    {
      kind: "default",
      about: "FOI/EIR",
      value: "not enabled",
      uses: "none",
      why: "The procedure does not cover FOI or EIR reviews.",
    },
    {
      kind: "practice",
      about: "chasing services for information",
      source: s(
        "Stage two investigations",
        "no response to an information request within 3 working days goes to the service manager; after a further 2 working days, to the Head of Service",
      ),
      handling:
        "procedures.chasing: the API's sweep job chases unanswered service information requests after the profile's 3 working days (to the service manager) and 2 more (to the Head of Service) (apps/api jobs/sweep.ts).",
    },
    {
      kind: "practice",
      about: "escalation notified within 24 hours",
      source: s(
        "Escalation recorded",
        "the Investigating Officer notifies the Customer Resolution Team of an escalation within 24 hours",
      ),
      handling: "Not enforced; record with 'notify' to the resolution team.",
    },
    {
      kind: "practice",
      about: "Head of Service told before a Stage 2 'not upheld' or a likely Ombudsman referral",
      source: s(
        "Head of Service (HoS) notified",
        "the HoS is notified with reasons when Stage 2 is not upheld, and before the response where Ombudsman escalation is likely",
      ),
      handling:
        "procedures.headOfServiceTold: the Stage 2 response step tells the Head of Service, with the reasons, when it is not upheld or the officer ticks that an Ombudsman referral is likely; the message goes with the step, ahead of the response letter.",
    },
    {
      kind: "practice",
      about: "Ombudsman enquiries",
      source: s(
        "Ombudsman Enquiries",
        "acknowledged promptly, HoS told, response reviewed by the HoS",
      ),
      handling: "Core's Ombudsman enquiry commands: the response records who approved it.",
    },
    {
      kind: "practice",
      about: "required intake fields and duplicate checks",
      source: s(
        "The Customer Engagement Team (Business Support)",
        "name, address, email, telephone, date, method, description, desired outcome, department, evidence, consent, duplicate check",
      ),
      handling:
        "Core intake covers the customer, channel, description, desired outcome, service and consent; duplicates are a triage outcome. Address, email and telephone belong to the customer record.",
    },
    {
      kind: "practice",
      about: "monthly quality audits",
      source: s(
        "Complaints Handling Audit and Quality Checks",
        "a monthly sample of complaints and member enquiries",
      ),
      handling: "Outside the rules engine (quality assurance role).",
    },
  ],
};
