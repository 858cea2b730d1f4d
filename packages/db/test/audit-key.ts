/**
 * Test setup (vitest `setupFiles`): every test process signs the event log with the same test
 * key, as a server signs it with AUDIT_KEY. The reliability suite gives its API processes this
 * key too, so that a test can verify what they wrote.
 */
import { setAuditKey } from "../src/audit-key.js";
import { TEST_AUDIT_KEY } from "../src/testing/index.js";

setAuditKey(TEST_AUDIT_KEY);
