/**
 * The demo council: the default profile (the 2024 complaint handling code) with teams and a
 * third directorate, so work queues have something to divide. Plugins are enabled on a
 * service only when they are installed (src/plugins.ts), so the demo starts either way.
 */
import { defaultProfile, type CouncilProfileInput, type ServicePlugin } from "@complaints/core";

export function demoProfile(installed: readonly ServicePlugin[]): CouncilProfileInput {
  const has = (id: string) => installed.some((p) => p.id === id);
  // Member enquiries (MPs, councillors) reach every directorate.
  const everywhere = has("member-enquiries") ? ["member-enquiries"] : [];
  return {
    ...defaultProfile,
    id: "demo",
    name: "Exampleton Borough Council",
    referencePrefix: "EXB",
    // Council homes, for the Tenant Satisfaction Measures (CH01: complaints per 1,000 homes).
    homes: 12_480,
    calendar: { ...defaultProfile.calendar, closures: [{ date: "2026-12-29", label: "Council closure day" }] },
    directorates: [
      {
        id: "corporate",
        name: "Corporate Services",
        plugins: everywhere,
        services: [
          { id: "council-tax", name: "Council Tax", plugins: [], teams: [{ id: "billing", name: "Billing" }, { id: "recovery", name: "Recovery" }] },
          { id: "customer-services", name: "Customer Services", plugins: [], teams: [{ id: "contact-centre", name: "Contact Centre" }] },
        ],
      },
      {
        id: "environment",
        name: "Environment",
        plugins: everywhere,
        services: [
          { id: "waste", name: "Waste and Recycling", plugins: [], teams: [{ id: "collections", name: "Collections" }] },
          { id: "highways", name: "Highways", plugins: [], teams: [{ id: "maintenance", name: "Maintenance" }] },
        ],
      },
      {
        id: "housing",
        name: "Housing and Communities",
        plugins: everywhere,
        services: [
          { id: "repairs", name: "Housing Repairs", plugins: has("housing") ? ["housing"] : [], teams: [{ id: "responsive", name: "Responsive Repairs" }] },
          { id: "tenancy", name: "Tenancy Management", plugins: has("housing") ? ["housing"] : [], teams: [{ id: "north", name: "North Area" }] },
        ],
      },
    ],
  };
}
