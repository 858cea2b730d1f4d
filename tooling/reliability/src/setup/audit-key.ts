/**
 * Test setup (vitest `setupFiles`): this test process signs and verifies the event log with the
 * test key (@complaints/db/testing), as a server does with AUDIT_KEY.
 */
import { setAuditKey } from "@complaints/db";
import { TEST_AUDIT_KEY } from "@complaints/db/testing";

setAuditKey(TEST_AUDIT_KEY);
// The API and portal processes the suite starts inherit it (they pass process.env on).
// eslint-disable-next-line no-restricted-properties -- test setup: the key for the processes the suite starts
process.env.AUDIT_KEY = TEST_AUDIT_KEY;
