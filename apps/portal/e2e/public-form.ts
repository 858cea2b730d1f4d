/**
 * A member of the public sends a complaint on the online form (/complain), one question per
 * page, the way a person would, with or without JavaScript.
 */
import type { Visitor } from "./browser.js";

export interface OnlineComplaint {
  service: string;
  description: string;
  desiredOutcome: string;
  fullName: string;
  email: string;
}

export async function complainOnline(v: Visitor, c: OnlineComplaint): Promise<{ reference: string; trackingCode: string }> {
  await v.goto("/complain");
  await v.page.check("#kind");
  await v.submit("Continue", { text: "Which service is your complaint about?" });
  // More than twelve services come as a drop-down list rather than radios (routes/complain._index.tsx).
  const list = v.page.locator('select[name="service"]');
  if (await list.count()) await list.selectOption(c.service);
  else await v.page.check(`input[name="service"][value="${c.service}"]`);
  await v.submit("Continue", { text: "What happened?" });
  await v.page.fill("#description", c.description);
  await v.submit("Continue", { text: "What would you like us to do to put things right?" });
  await v.page.fill("#desiredOutcome", c.desiredOutcome);
  await v.submit("Continue", { text: "What is your name?" });
  await v.page.fill("#fullName", c.fullName);
  await v.submit("Continue", { text: "How would you like us to contact you?" });
  await v.page.check("#contact");
  await v.page.fill("#email", c.email);
  await v.submit("Continue", { text: "Check your answers" });
  await v.submit("Send", { text: "Complaint sent" });
  return {
    reference: (await v.page.locator(".govuk-panel__body strong").innerText()).trim(),
    trackingCode: (await v.page.locator("#tracking-code").innerText()).trim(),
  };
}
