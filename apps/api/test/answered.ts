/**
 * Cases taken through the real lifecycle to a response (and optionally closed), for the tests
 * of what follows a response: improvement actions, resolution plans, quality checks.
 */
import type { Harness } from "./harness.js";

type Caller = Awaited<ReturnType<Harness["as"]>>;

export interface AnsweredCase {
  caseId: string;
  reference: string;
  customerId: string | null;
}

/**
 * Logs a complaint and, as the complaints manager (who may act anywhere, restricted cases
 * included), triages, acknowledges and answers it, then closes it unless asked not to.
 */
export async function answeredCase(
  manager: Caller,
  options: {
    serviceId?: string;
    description?: string;
    restricted?: boolean;
    close?: boolean;
    outcome?: "upheld" | "partly-upheld" | "not-upheld";
    learning?: { rootCause?: string | null; lessons?: string | null; improvementActions?: Array<{ id: string; description: string; ownerId: string; dueOn: string }> };
    customer?: { fullName: string; email?: string } | null;
  } = {},
): Promise<AnsweredCase> {
  const logged = await manager.cases.log({
    kind: "complaint",
    channel: "email",
    serviceId: options.serviceId ?? "council-tax",
    description: options.description ?? "I was charged twice and nobody replied.",
    flags: options.restricted ? ["safeguarding"] : [],
    customer: options.customer === undefined ? { fullName: "Ana Answered", email: "ana.answered@example.com" } : options.customer,
  });
  const caseId = logged.caseId;
  let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
  v = (await manager.command.acknowledge({ caseId, expectedVersion: v })).version;
  v = (
    await manager.command.respond({
      caseId,
      expectedVersion: v,
      outcome: options.outcome ?? "upheld",
      reasons: "We looked at the account: the second charge was our mistake.",
      ...(options.learning ? { learning: options.learning } : {}),
    })
  ).version;
  if (options.close !== false) await manager.command.close({ caseId, expectedVersion: v });
  const detail = await manager.cases.get({ caseId });
  return { caseId, reference: logged.reference, customerId: detail.customer?.id ?? null };
}
