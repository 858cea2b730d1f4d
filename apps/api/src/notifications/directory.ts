/**
 * Messages as files in a folder, for the demo and development (MAIL_TRANSPORT=directory; by
 * default the embedded demo's .data/mail-<council>/): each email is the .eml file nodemailer's
 * stream transport builds, exactly what an SMTP server would have been given, so anyone can
 * open what a resident would get in a mail program. A text message is a .txt file beside them.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { mailOptions } from "./smtp.js";
import { SendError, type Transport } from "./transport.js";

/** Writes whole or not at all: a reader never opens half a message. */
async function writeAtomically(file: string, content: Buffer | string) {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, content);
  await rename(partial, file);
}

export function directoryTransport(dir: string): Transport {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const stamp = () => new Date().toISOString().replace(/[:.]/g, "-");
  const safe = (reference: string) => reference.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    name: "directory",
    async sendEmail(message) {
      try {
        const info = await transport.sendMail(mailOptions(message));
        const file = path.join(dir, `${stamp()}-${safe(message.reference)}.eml`);
        await writeAtomically(file, info.message as Buffer);
        return { provider: "directory", providerId: file, messageId: message.messageId };
      } catch (error) {
        throw new SendError(`Could not write the message to ${dir}: ${(error as Error).message}`, "retry");
      }
    },
    async sendSms(message) {
      const file = path.join(dir, `${stamp()}-${safe(message.reference)}.sms.txt`);
      try {
        await writeAtomically(file, `To: ${message.to}\n\n${message.text}\n`);
      } catch (error) {
        throw new SendError(`Could not write the text message to ${dir}: ${(error as Error).message}`, "retry");
      }
      return { provider: "directory", providerId: file };
    },
    close: () => transport.close(),
  };
}
