/**
 * GOV.UK Design System components written in JSX, following the markup of GOV.UK Frontend's
 * own templates (node_modules/govuk-frontend/dist/govuk/components/<name>/template.njk), so
 * its CSS styles them and its JavaScript enhances them. Every field takes its id from its
 * name, so the error summary can link to it (`#name`).
 */
import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useT } from "../i18n";

const cx = (...classes: Array<string | false | null | undefined>) => classes.filter(Boolean).join(" ");

export type FieldErrors = Partial<Record<string, string>>;

/** "There is a problem": each message links to its field. Focused by GOV.UK Frontend's JS. */
export function ErrorSummary({ errors, title }: { errors: FieldErrors | null | undefined; title?: string }) {
  const t = useT();
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title ?? t("govuk.errorSummary")}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>{field === "_form" ? message : <a href={`#${field}`}>{message}</a>}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  const t = useT();
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t("govuk.errorPrefix")}</span> {children}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  );
}

function describedBy(name: string, hint: ReactNode, error: string | undefined, extra?: string) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null, extra ?? null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface LabelProps {
  label: ReactNode;
  /** The label is the page's heading (one question per page). */
  isPageHeading?: boolean;
  labelSize?: "s" | "m" | "l" | "xl";
}

function Label({ htmlFor, label, isPageHeading, labelSize }: LabelProps & { htmlFor: string }) {
  const size = labelSize ?? (isPageHeading ? "l" : undefined);
  const el = (
    <label className={cx("govuk-label", size && `govuk-label--${size}`)} htmlFor={htmlFor}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{el}</h1> : el;
}

export interface InputProps extends LabelProps {
  name: string;
  id?: string;
  hint?: ReactNode;
  error?: string | undefined;
  defaultValue?: string | number | null | undefined;
  type?: "text" | "email" | "tel" | "number" | "password" | "search" | "date";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "decimal" | "email" | "tel" | "search";
  spellCheck?: boolean;
  width?: "2" | "3" | "4" | "5" | "10" | "20" | "30" | "full" | "three-quarters" | "two-thirds" | "one-half" | "one-third" | "one-quarter";
  maxLength?: number;
  required?: boolean;
  prefix?: string;
}

export function Input(props: InputProps) {
  const id = props.id ?? props.name;
  const { width } = props;
  const widthClass = width && (/^\d+$/.test(width) ? `govuk-input--width-${width}` : `govuk-!-width-${width}`);
  const input = (
    <input
      className={cx("govuk-input", widthClass, props.error && "govuk-input--error")}
      id={id}
      name={props.name}
      type={props.type ?? "text"}
      defaultValue={props.defaultValue ?? undefined}
      autoComplete={props.autoComplete}
      inputMode={props.inputMode}
      spellCheck={props.spellCheck}
      maxLength={props.maxLength}
      aria-describedby={describedBy(id, props.hint, props.error)}
    />
  );
  return (
    <div className={cx("govuk-form-group", props.error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={props.label} isPageHeading={props.isPageHeading} labelSize={props.labelSize} />
      {props.hint ? <Hint id={`${id}-hint`}>{props.hint}</Hint> : null}
      {props.error ? <ErrorMessage id={`${id}-error`}>{props.error}</ErrorMessage> : null}
      {props.prefix ? (
        <div className="govuk-input__wrapper">
          <div className="govuk-input__prefix" aria-hidden="true">
            {props.prefix}
          </div>
          {input}
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export interface FileUploadProps extends LabelProps {
  name: string;
  id?: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** File types the chooser offers first ("text/csv,.csv"); the server checks what arrives. */
  accept?: string;
}

/**
 * GOV.UK's file upload, without its JavaScript enhancement (the drop zone): the browser's own
 * chooser works with and without JavaScript. The form that holds it posts multipart/form-data.
 */
export function FileUpload(props: FileUploadProps) {
  const id = props.id ?? props.name;
  return (
    <div className={cx("govuk-form-group", props.error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={props.label} isPageHeading={props.isPageHeading} labelSize={props.labelSize} />
      {props.hint ? <Hint id={`${id}-hint`}>{props.hint}</Hint> : null}
      {props.error ? <ErrorMessage id={`${id}-error`}>{props.error}</ErrorMessage> : null}
      <input
        className={cx("govuk-file-upload", props.error && "govuk-file-upload--error")}
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}

export interface TextareaProps extends LabelProps {
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
  defaultValue?: string | null | undefined;
  rows?: number;
  maxLength?: number;
}

export function Textarea(props: TextareaProps) {
  const id = props.name;
  return (
    <div className={cx("govuk-form-group", props.error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={props.label} isPageHeading={props.isPageHeading} labelSize={props.labelSize} />
      {props.hint ? <Hint id={`${id}-hint`}>{props.hint}</Hint> : null}
      {props.error ? <ErrorMessage id={`${id}-error`}>{props.error}</ErrorMessage> : null}
      <textarea
        className={cx("govuk-textarea", props.error && "govuk-textarea--error")}
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        defaultValue={props.defaultValue ?? undefined}
        maxLength={props.maxLength}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
  /** Shown under the option when it is chosen (GOV.UK conditional reveal; always shown without JS). */
  conditional?: ReactNode;
  disabled?: boolean;
}

interface ChoiceProps {
  name: string;
  legend: ReactNode;
  legendSize?: "s" | "m" | "l" | "xl";
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  items: Option[];
  small?: boolean;
  inline?: boolean;
}

function Fieldset({ name, legend, legendSize, isPageHeading, hint, error, children }: Omit<ChoiceProps, "items"> & { children: ReactNode }) {
  const size = legendSize ?? (isPageHeading ? "l" : undefined);
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className={cx("govuk-fieldset__legend", size && `govuk-fieldset__legend--${size}`)}>
          {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
        {children}
      </fieldset>
    </div>
  );
}

export function Radios(props: ChoiceProps & { defaultValue?: string | null | undefined }) {
  return (
    <Fieldset {...props}>
      <div className={cx("govuk-radios", props.small && "govuk-radios--small", props.inline && "govuk-radios--inline")} >
        {props.items.map((item, i) => {
          const id = i === 0 ? props.name : `${props.name}-${i + 1}`;
          return (
            <ChoiceItem key={item.value} kind="radios" id={id} name={props.name} item={item} checked={props.defaultValue === item.value} type="radio" />
          );
        })}
      </div>
    </Fieldset>
  );
}

export function Checkboxes(props: ChoiceProps & { defaultValue?: readonly string[] | null | undefined }) {
  return (
    <Fieldset {...props}>
      <div className={cx("govuk-checkboxes", props.small && "govuk-checkboxes--small")} >
        {props.items.map((item, i) => {
          const id = i === 0 ? props.name : `${props.name}-${i + 1}`;
          return (
            <ChoiceItem
              key={item.value}
              kind="checkboxes"
              id={id}
              name={props.name}
              item={item}
              checked={props.defaultValue?.includes(item.value) ?? false}
              type="checkbox"
            />
          );
        })}
      </div>
    </Fieldset>
  );
}

function ChoiceItem({ kind, id, name, item, checked, type }: { kind: "radios" | "checkboxes"; id: string; name: string; item: Option; checked: boolean; type: "radio" | "checkbox" }) {
  return (
    <>
      <div className={`govuk-${kind}__item`}>
        <input
          className={`govuk-${kind}__input`}
          id={id}
          name={name}
          type={type}
          value={item.value}
          defaultChecked={checked}
          disabled={item.disabled}
          aria-describedby={item.hint ? `${id}-item-hint` : undefined}
        />
        <label className={`govuk-label govuk-${kind}__label`} htmlFor={id}>
          {item.text}
        </label>
        {item.hint ? (
          <div id={`${id}-item-hint`} className={`govuk-hint govuk-${kind}__hint`}>
            {item.hint}
          </div>
        ) : null}
      </div>
      {item.conditional ? (
        <div className={`govuk-${kind}__conditional`} id={`conditional-${id}`}>
          {item.conditional}
        </div>
      ) : null}
    </>
  );
}

export function Select(props: {
  name: string;
  label: ReactNode;
  labelSize?: "s" | "m" | "l";
  hint?: ReactNode;
  error?: string | undefined;
  /** `disabled`: shown but not choosable (someone the rules would refuse, with the reason in its text). */
  items: Array<{ value: string; text: string; disabled?: boolean }>;
  defaultValue?: string | null | undefined;
  /** A first, empty choice ("Choose a service"). */
  placeholder?: string;
}) {
  const id = props.name;
  return (
    <div className={cx("govuk-form-group", props.error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={props.label} labelSize={props.labelSize} />
      {props.hint ? <Hint id={`${id}-hint`}>{props.hint}</Hint> : null}
      {props.error ? <ErrorMessage id={`${id}-error`}>{props.error}</ErrorMessage> : null}
      <select
        className={cx("govuk-select", props.error && "govuk-select--error")}
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.items.map((item) => (
          <option key={item.value} value={item.value} disabled={item.disabled}>
            {item.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Day, month, year: GOV.UK's date pattern. Fields are `<name>-day`, `<name>-month`, `<name>-year`. */
export function DateInput(props: {
  name: string;
  legend: ReactNode;
  legendSize?: "s" | "m" | "l";
  hint?: ReactNode;
  error?: string | undefined;
  /** "YYYY-MM-DD" */
  defaultValue?: string | null | undefined;
  /** The form as posted, shown again beside its errors: `<name>-day` and the rest are read from it, before `defaultValue`. */
  values?: Readonly<Record<string, string | undefined>>;
}) {
  const [y, m, d] = (props.defaultValue ?? "").split("-");
  const posted = (key: "day" | "month" | "year") => props.values?.[`${props.name}-${key}`];
  const value = { day: posted("day") ?? (d ? String(Number(d)) : ""), month: posted("month") ?? (m ? String(Number(m)) : ""), year: posted("year") ?? y ?? "" };
  const part = (key: "day" | "month" | "year", label: string, width: "2" | "4") => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={key === "day" ? props.name : `${props.name}-${key}`}>
          {label}
        </label>
        <input
          className={cx("govuk-input govuk-date-input__input", `govuk-input--width-${width}`, props.error && "govuk-input--error")}
          id={key === "day" ? props.name : `${props.name}-${key}`}
          name={`${props.name}-${key}`}
          type="text"
          inputMode="numeric"
          defaultValue={value[key]}
        />
      </div>
    </div>
  );
  return (
    <div className={cx("govuk-form-group", props.error && "govuk-form-group--error")}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(props.name, props.hint, props.error)}>
        <legend className={cx("govuk-fieldset__legend", props.legendSize && `govuk-fieldset__legend--${props.legendSize}`)}>{props.legend}</legend>
        {props.hint ? <Hint id={`${props.name}-hint`}>{props.hint}</Hint> : null}
        {props.error ? <ErrorMessage id={`${props.name}-error`}>{props.error}</ErrorMessage> : null}
        <div className="govuk-date-input" id={`${props.name}-group`}>
          {part("day", "Day", "2")}
          {part("month", "Month", "2")}
          {part("year", "Year", "4")}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({
  children,
  variant,
  name,
  value,
  type = "submit",
}: {
  children: ReactNode;
  variant?: "secondary" | "warning" | "start";
  name?: string;
  value?: string;
  type?: "submit" | "button";
}) {
  return (
    <button
      type={type}
      name={name}
      value={value}
      className={cx("govuk-button", variant && `govuk-button--${variant}`)}
      data-module="govuk-button"
    >
      {children}
    </button>
  );
}

export function ButtonLink({ to, children, variant }: { to: string; children: ReactNode; variant?: "secondary" | "warning" | "start" }) {
  return (
    <Link to={to} role="button" draggable="false" className={cx("govuk-button", variant && `govuk-button--${variant}`)} data-module="govuk-button">
      {children}
      {variant === "start" ? (
        <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      ) : null}
    </Link>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}

/** A form's one button, with the way out of the task beside it. */
export function SubmitOrCancel({ children, cancelTo }: { children: ReactNode; cancelTo: string }) {
  return (
    <ButtonGroup>
      <Button>{children}</Button>
      <Link className="govuk-link" to={cancelTo}>
        Cancel
      </Link>
    </ButtonGroup>
  );
}

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  action?: { href: string; text: string; hidden: string };
}

export function SummaryList({ rows, noBorder }: { rows: Array<SummaryRow | null | false>; noBorder?: boolean }) {
  const shown = rows.filter((r): r is SummaryRow => Boolean(r));
  const anyActions = shown.some((r) => r.action);
  return (
    <dl className={cx("govuk-summary-list", noBorder && "govuk-summary-list--no-border")}>
      {shown.map((row, i) => (
        <div key={i} className={cx("govuk-summary-list__row", anyActions && !row.action && "govuk-summary-list__row--no-actions")}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.action.href}>
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.hidden}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export function SummaryCard({ title, children, actions }: { title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{title}</h2>
        {actions ? <div className="govuk-summary-card__actions">{actions}</div> : null}
      </div>
      <div className="govuk-summary-card__content">{children}</div>
    </div>
  );
}

export function Table({
  id,
  caption,
  captionSize = "m",
  head,
  rows,
  numeric = [],
  small,
}: {
  id?: string;
  caption?: ReactNode;
  captionSize?: "s" | "m" | "l";
  head: ReactNode[];
  rows: ReactNode[][];
  /** Column indexes holding numbers (right-aligned). */
  numeric?: number[];
  small?: boolean;
}) {
  return (
    <table id={id} className={cx("govuk-table", small && "govuk-table--small-text-until-tablet")}>
      {caption ? <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption> : null}
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {head.map((h, i) => (
            <th key={i} scope="col" className={cx("govuk-table__header", numeric.includes(i) && "govuk-table__header--numeric")}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row, r) => (
          <tr key={r} className="govuk-table__row">
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="govuk-table__header">
                  {cell}
                </th>
              ) : (
                <td key={i} className={cx("govuk-table__cell", numeric.includes(i) && "govuk-table__cell--numeric")}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type TagColour = "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export function Tag({ children, colour }: { children: ReactNode; colour?: TagColour }) {
  return <strong className={cx("govuk-tag", colour && `govuk-tag--${colour}`)}>{children}</strong>;
}

export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {children ? <div className="govuk-panel__body">{children}</div> : null}
    </div>
  );
}

/** `heading` is the banner's one bold line; `children`, any more it says. */
export function NotificationBanner({ title = "Important", heading, children, success }: { title?: string; heading?: ReactNode; children?: ReactNode; success?: boolean }) {
  return (
    <div
      className={cx("govuk-notification-banner", success && "govuk-notification-banner--success")}
      role={success ? "alert" : "region"}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {success ? "Success" : title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span> {children}
      </strong>
    </div>
  );
}

export function Details({ summary, children, open }: { summary: ReactNode; children: ReactNode; open?: boolean }) {
  return (
    <details className="govuk-details" open={open}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

export function BackLink({ to, children = "Back" }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

export function Breadcrumbs({ items }: { items: Array<{ to: string; text: string }> }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li key={item.to} className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to={item.to}>
              {item.text}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Caption({ children, size = "l" }: { children: ReactNode; size?: "m" | "l" | "xl" }) {
  return <span className={`govuk-caption-${size}`}>{children}</span>;
}
