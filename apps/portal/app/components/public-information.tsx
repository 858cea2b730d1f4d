/**
 * The pieces the public information pages share (decision 0515): the council's contact
 * details, links to the websites profiles give without a scheme, and the complaint flow drawn
 * as an ordered list — each step a box with an arrow to the next in CSS, so screen readers
 * read a numbered list and no JavaScript is needed.
 */
import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { translator, useT, type Translate } from "../i18n";

/** "www.lgo.org.uk" → a link to https://www.lgo.org.uk. */
export function WebLink({ site, children }: { site: string; children?: ReactNode }) {
  const href = /^https?:\/\//.test(site) ? site : `https://${site}`;
  return (
    <a className="govuk-link" href={href} rel="noreferrer noopener">
      {children ?? site}
    </a>
  );
}

export interface Contact {
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  addressLines?: readonly string[];
  postcode?: string | null;
}

/**
 * "phone us on 020 8314 6000 or email <link>", with only what the profile has (a profile may
 * leave its email empty: an empty mailto link has no name for a screen reader); null when it has
 * neither, and the sentence is left out.
 */
export function phoneOrEmail(contact: Pick<Contact, "phone" | "email">, capital = false, t: Translate = translator("en")): ReactNode {
  const phone = contact.phone ? t(capital ? "contact.phone.capital" : "contact.phone", { phone: contact.phone }) : null;
  const email = contact.email ? (
    <>
      {phone ? ` ${t("contact.orEmail")}` : t(capital ? "contact.email.capital" : "contact.email")}{" "}
      <a className="govuk-link" href={`mailto:${contact.email}`}>
        {contact.email}
      </a>
    </>
  ) : null;
  return phone || email ? (
    <>
      {phone}
      {email}
    </>
  ) : null;
}

/** Phone, email and address, each only when the profile has it. */
export function ContactDetails({ contact, name }: { contact: Contact; name?: string }) {
  return (
    <ul className="govuk-list">
      {contact.phone ? <li>Telephone: {contact.phone}</li> : null}
      {contact.email ? (
        <li>
          Email:{" "}
          <a className="govuk-link" href={`mailto:${contact.email}`}>
            {contact.email}
          </a>
        </li>
      ) : null}
      {contact.addressLines?.length ? (
        <li>
          Post: <span className="app-prewrap">{[name, ...contact.addressLines, contact.postcode].filter(Boolean).join("\n")}</span>
        </li>
      ) : null}
      {contact.website ? (
        <li>
          Website: <WebLink site={contact.website} />
        </li>
      ) : null}
    </ul>
  );
}

export interface FlowStep {
  title: string;
  weDo: readonly string[];
  youCan: string;
}

export interface FlowEnd {
  name: string;
  within: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  then: string | null;
}

/**
 * A flow chart of one kind of complaint: the council's stages in order, then the body the
 * resident can go to after the final response. Each step says what we do, by when, and what
 * the resident can do next.
 */
export function Flow({ id, steps, end }: { id: string; steps: readonly FlowStep[]; end: FlowEnd }) {
  return (
    <ol className="app-flow" aria-labelledby={`${id}-heading`}>
      {steps.map((step, i) => (
        <li key={step.title} className="app-flow__step">
          <h3 className="govuk-heading-s app-flow__title">
            <span className="app-flow__number">
              <span className="govuk-visually-hidden">Step </span>
              {i + 1}
              <span className="govuk-visually-hidden">: </span>
            </span>
            {step.title}
          </h3>
          <ul className="govuk-list govuk-list--bullet">
            {step.weDo.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="govuk-body app-flow__next">
            <strong>What you can do next:</strong> {step.youCan}
          </p>
        </li>
      ))}
      <li className="app-flow__step app-flow__step--end">
        <h3 className="govuk-heading-s app-flow__title">
          <span className="app-flow__number">
            <span className="govuk-visually-hidden">Step </span>
            {steps.length + 1}
            <span className="govuk-visually-hidden">: </span>
          </span>
          {end.name}
        </h3>
        <p className="govuk-body">
          The {end.name} is independent of the council and free to use. It can look at your complaint once you have had our final response{end.within ? `: ask it ${end.within}` : ""}.
          {end.then ? ` If you disagree with its decision, you can appeal to the ${end.then}.` : ""}
        </p>
        <ContactDetails contact={{ phone: end.phone, email: end.email, website: end.website }} />
      </li>
    </ol>
  );
}

/** The two things a resident who has already complained can do (the start page, the flow page). */
export function AlreadyComplainedLinks() {
  const t = useT();
  return (
    <ul className="govuk-list">
      <li>
        <Link className="govuk-link" to="/track">
          {t("start.already.track")}
        </Link>
      </li>
      <li>
        <Link className="govuk-link" to="/escalate">
          {t("start.already.escalate")}
        </Link>
      </li>
    </ul>
  );
}
