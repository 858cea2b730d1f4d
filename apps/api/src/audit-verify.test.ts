import { describe, expect, it } from "vitest";
import { auditVerify } from "./audit-verify.js";

// Bad arguments are answered before any database is opened: exit 2 and a usage line.
describe("npm run audit:verify's arguments", () => {
  it.each([[["--council"]], [["--council", "--other"]], [["--councl", "leeds"]]])("refuses %j with the usage and exit 2", async (argv) => {
    const lines: string[] = [];
    const code = await auditVerify(argv, { AUDIT_KEY: "k".repeat(40), DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" }, (l) => lines.push(l));
    expect(code).toBe(2);
    expect(lines.join("\n")).toMatch(/^Usage: npm run audit:verify \[-- --council <slug>\]/);
  });
});
