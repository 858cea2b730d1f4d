import { parseCouncilProfile, type CouncilProfile } from "./schema.js";

/**
 * The profile a new council starts from: the 2024 complaint handling code with no
 * overrides, England and Wales bank holidays, a 17:00 cut-off, and the Ombudsmen's public
 * contact details. Councils copy it and change what their own policy says.
 */
export const defaultProfile: CouncilProfile = parseCouncilProfile({
  id: "default",
  name: "Example Borough Council",
  sources: ["Complaint handling code 2024 (LGSCO and Housing Ombudsman)"],
  calendar: { closures: [], cutOffTime: "17:00" },
  directorates: [
    {
      id: "corporate",
      name: "Corporate Services",
      services: [
        { id: "council-tax", name: "Council Tax" },
        { id: "customer-services", name: "Customer Services" },
      ],
    },
    {
      id: "environment",
      name: "Environment",
      services: [
        { id: "waste", name: "Waste and Recycling" },
        { id: "highways", name: "Highways" },
      ],
    },
  ],
  delegatedLimits: [
    { role: "investigating-officer", maxPounds: 100 },
    { role: "complaints-manager", maxPounds: 500 },
    { role: "head-of-service", maxPounds: 1000 },
    { role: "director", maxPounds: 5000 },
  ],
  notifyBeforeAcknowledging: [],
  letterhead: {
    addressLines: ["Town Hall", "High Street", "Exampleton"],
    postcode: "EX1 1AA",
    phone: "0300 123 4567",
    email: "complaints@example.gov.uk",
    website: "www.example.gov.uk/complaints",
  },
  ombudsmen: {
    lgsco: {
      name: "Local Government and Social Care Ombudsman",
      addressLines: ["PO Box 4771", "Coventry"],
      postcode: "CV4 0EH",
      phone: "0300 061 0614",
      website: "www.lgo.org.uk",
    },
    "housing-ombudsman": {
      name: "Housing Ombudsman Service",
      // The town was missing, so letters gave a postal address without it (issue 15).
      addressLines: ["PO Box 1484", "Unit D", "Preston"],
      postcode: "PR2 0ET",
      phone: "0300 111 3000",
      email: "info@housing-ombudsman.org.uk",
      website: "www.housing-ombudsman.org.uk",
    },
    ico: {
      name: "Information Commissioner's Office",
      addressLines: ["Wycliffe House", "Water Lane", "Wilmslow", "Cheshire"],
      postcode: "SK9 5AF",
      phone: "0303 123 1113",
      website: "ico.org.uk/make-a-complaint",
    },
  },
});

export type { CouncilProfile };
