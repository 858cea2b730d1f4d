/**
 * Test setup (vitest `setupFiles`): this test process signs and verifies the event log with the
 * test key (@complaints/db/testing), as a server does with AUDIT_KEY.
 */
import { setAuditKey } from "@complaints/db";
import { TEST_AUDIT_KEY } from "@complaints/db/testing";

setAuditKey(TEST_AUDIT_KEY);
