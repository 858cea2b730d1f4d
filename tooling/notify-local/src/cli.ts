#!/usr/bin/env node
/**
 * `pnpm --filter @complaints/notify-local start`: a local GOV.UK Notify on NOTIFY_LOCAL_PORT
 * (9025), with the templates of docs/notify-templates.md under fixed ids, printing the settings
 * that point the platform at it.
 */
import { startLocalNotify } from "./index.js";

const templates = {
  "11111111-1111-4111-8111-111111111111": { type: "email" as const, subject: "((subject))", body: "((body))" },
  "22222222-2222-4222-8222-222222222222": { type: "email" as const, subject: "((subject))", body: "((body))\n\nYour letter: ((link_to_file))" },
  "33333333-3333-4333-8333-333333333333": { type: "sms" as const, body: "((body))" },
};
const notify = await startLocalNotify({ port: Number(process.env["NOTIFY_LOCAL_PORT"] ?? 9025), templates, initialStatus: "sending" });
console.log(`Local GOV.UK Notify on ${notify.url}. Start the platform with:
  MAIL_TRANSPORT=notify NOTIFY_BASE_URL=${notify.url} NOTIFY_API_KEY=${notify.apiKey} \\
  NOTIFY_TEMPLATE_EMAIL=11111111-1111-4111-8111-111111111111 NOTIFY_TEMPLATE_EMAIL_FILE=22222222-2222-4222-8222-222222222222 \\
  NOTIFY_TEMPLATE_SMS=33333333-3333-4333-8333-333333333333`);
setInterval(() => {
  for (const n of notify.notifications) if (n.status === "sending" || n.status === "pending-virus-check") n.status = n.type === "letter" ? "received" : "delivered";
}, 10_000).unref();
process.on("SIGINT", () => void notify.close().then(() => process.exit(0)));
