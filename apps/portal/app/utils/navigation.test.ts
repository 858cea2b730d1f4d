/**
 * The staff sections each role is offered (the API still decides; these are only links).
 * Policy: apps/api/src/access/policy.ts.
 */
import { describe, expect, it } from "vitest";
import { staffNavigation } from "./navigation";

const links = (roles: string[]) => staffNavigation(roles).map((i) => i.href);

describe("staff navigation", () => {
  it("gives an auditor the print room to read (PRINT_BATCH_READERS) but not letter writing", () => {
    expect(links(["auditor"])).toContain("/letters/print-room");
    expect(links(["auditor"])).not.toContain("/letters");
  });

  it("gives letter writers the letters page, which links to the print room, and no second link", () => {
    expect(links(["customer-services"])).toContain("/letters");
    expect(links(["customer-services", "auditor"])).not.toContain("/letters/print-room");
  });

  it("gives the inbound mailbox's record to complaints managers only (INBOUND_MAIL_READERS)", () => {
    expect(links(["complaints-manager"])).toContain("/inbound");
    for (const role of ["customer-services", "investigating-officer", "dcro", "head-of-service", "director", "quality-assurance", "legal", "auditor", "administrator"]) {
      expect(links([role])).not.toContain("/inbound");
    }
  });

  it("gives administration only to administrators", () => {
    expect(links(["administrator"])).toEqual(["/admin", "/audit-log"]);
    expect(links(["complaints-manager"])).not.toContain("/admin");
  });

  it("gives the audit log to auditors and administrators only (AUDIT_LOG_READERS, issue 20 findings 4 and 11)", () => {
    expect(links(["auditor"])).toContain("/audit-log");
    expect(links(["administrator"])).toContain("/audit-log");
    for (const role of ["customer-services", "investigating-officer", "dcro", "complaints-manager", "head-of-service", "director", "quality-assurance", "legal"]) {
      expect(links([role])).not.toContain("/audit-log");
    }
  });
});
