/**
 * The GOV.UK components of govuk.tsx against the reference HTML GOV.UK Frontend ships with
 * each of its components (node_modules/govuk-frontend/dist/govuk/components/<name>/fixtures.json:
 * the options given to its Nunjucks macro and the HTML it renders). Each fixture whose options
 * the portal's component offers is rendered with those options as props, and both sides are
 * compared as normalised trees: element names, classes, attributes and text, whitespace aside.
 *
 * A fixture is left out when it uses an option the component does not offer (classes or
 * attributes of the caller's choosing, ids unlike the name, and so on); each block's last test
 * pins how many are compared, so a mapper that starts leaving more out fails. Not compared at all:
 * the date input, whose fields the portal names and ids its own way on purpose (the day field
 * takes the name, so that the error summary's `#name` link lands on it), and the label, hint
 * and fieldset, which only exist inside the fields compared here.
 */
import { readFileSync } from "node:fs";
import { createElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import {
  BackLink,
  Breadcrumbs,
  Button,
  ButtonLink,
  Checkboxes,
  Details,
  ErrorMessage,
  ErrorSummary,
  FileUpload,
  Input,
  InsetText,
  NotificationBanner,
  Panel,
  Radios,
  Select,
  SummaryCard,
  SummaryList,
  Table,
  Tag,
  Textarea,
  WarningText,
  type InputProps,
  type TagColour,
} from "./govuk";

// ---------------------------------------------------------------------------------------------
// HTML as a tree, normalised
// ---------------------------------------------------------------------------------------------

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", rsquo: "\u2019", lsquo: "\u2018", pound: "£" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? all),
  );

function parse(html: string): Node[] {
  const root: Element = { tag: "#root", attrs: {}, children: [] };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|[^<]+/g;
  for (const m of html.matchAll(token)) {
    const top = stack.at(-1)!;
    if (m[0].startsWith("<!--")) continue;
    if (m[1]) {
      const at = stack.map((e) => e.tag).lastIndexOf(m[1].toLowerCase());
      if (at > 0) stack.length = at;
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? "").matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) attrs[a[1]!.toLowerCase()] = decode(a[2] ?? a[3] ?? a[4] ?? "");
      const el: Element = { tag: m[2].toLowerCase(), attrs, children: [] };
      top.children.push(el);
      if (!m[4] && !VOID.has(el.tag)) stack.push(el);
    } else {
      top.children.push(decode(m[0]));
    }
  }
  return root.children;
}

/** Attributes whose presence is their value (`checked` and `checked=""` are the same). */
const BOOLEAN = new Set(["checked", "disabled", "selected", "open", "hidden", "required", "readonly", "multiple"]);
const textOf = (n: Node): string => (typeof n === "string" ? n : n.children.map(textOf).join(""));
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** One line per element and text: `tag.class.class [attr=value]`, indented by depth. */
function normalise(nodes: Node[], depth = 0): string[] {
  const out: string[] = [];
  // Adjacent text (React separates it with comments, which parse() drops) is one text.
  const merged: Node[] = [];
  for (const n of nodes) {
    const last = merged.at(-1);
    if (typeof n === "string" && typeof last === "string") merged[merged.length - 1] = last + n;
    else merged.push(n);
  }
  const pad = "  ".repeat(depth);
  for (const n of merged) {
    if (typeof n === "string") {
      if (squash(n)) out.push(`${pad}"${squash(n)}"`);
      continue;
    }
    const classes = (n.attrs.class ?? "").split(/\s+/).filter(Boolean).sort();
    // Remix's Link marks its anchors for route discovery (data-discover): not GOV.UK markup.
    const attrs = Object.entries(n.attrs)
      .filter(([k]) => k !== "class" && k !== "data-discover")
      .map(([k, v]) => (BOOLEAN.has(k) ? k : `${k}=${JSON.stringify(v)}`))
      .sort();
    out.push(`${pad}${n.tag}${classes.map((c) => `.${c}`).join("")}${attrs.length ? ` [${attrs.join(" ")}]` : ""}`);
    // Text beside elements (a visually hidden prefix, then the message) is read as one: check
    // that the words do not run together.
    const mixed = n.children.some((c) => typeof c === "string" && squash(c)) && n.children.some((c) => typeof c !== "string");
    if (mixed) out.push(`${pad}  reads "${squash(textOf(n))}"`);
    out.push(...normalise(n.children, depth + 1));
  }
  return out;
}

/** A fixture's HTML option (a conditional question, a summary list value) as React elements. */
function toReact(html: string): ReactNode {
  const convert = (n: Node, i: number): ReactNode => {
    if (typeof n === "string") return n;
    const props: Record<string, unknown> = { key: i };
    for (const [k, v] of Object.entries(n.attrs)) props[k === "class" ? "className" : k === "for" ? "htmlFor" : k] = BOOLEAN.has(k) ? true : v;
    if (n.tag === "textarea") return createElement(n.tag, { ...props, defaultValue: textOf(n) });
    return createElement(n.tag, props, ...(VOID.has(n.tag) ? [] : n.children.map(convert)));
  };
  return parse(html).map(convert);
}

function render(element: ReactElement): string {
  return renderToStaticMarkup(<StaticRouter location="/">{element}</StaticRouter>);
}

// ---------------------------------------------------------------------------------------------
// Fixture options as props
// ---------------------------------------------------------------------------------------------

// The fixtures' options are JSON of the macros' own shapes.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Options = Record<string, any>;

/** Renders the component for the fixture's options, or says why it cannot. */
type Mapper = (o: Options) => ReactElement | { skip: string };

/** Every option path the fixture sets (`items[].hint.text`), to check against what is offered. */
function pathsOf(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => pathsOf(v, `${prefix}[]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => pathsOf(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

const content = (o: Options | undefined): ReactNode => (o?.html !== undefined ? toReact(String(o.html)) : o?.text);
const SIZE = /^govuk-(?:label|fieldset__legend)--(s|m|l|xl)$/;
const size = (classes: string | undefined) => (classes ? (SIZE.exec(classes)?.[1] as "s" | "m" | "l" | "xl" | undefined) : undefined);
const skip = (why: string) => ({ skip: why });

const LABEL = ["label.text", "label.html", "label.isPageHeading", "label.classes"];
const LEGEND = ["fieldset.legend.text", "fieldset.legend.html", "fieldset.legend.isPageHeading", "fieldset.legend.classes"];
const FIELD = ["name", "id", "hint.text", "hint.html", "errorMessage.text"];

/** The portal's ids are the names (the error summary links to `#name`). */
function idIsName(o: Options, key = "id"): string | null {
  return o[key] === undefined || o[key] === o.name ? null : `its ${key} differs from its name`;
}

function labelProps(o: Options) {
  if (o.label?.classes && !size(o.label.classes)) return null;
  return { label: content(o.label), isPageHeading: o.label?.isPageHeading, labelSize: size(o.label?.classes) };
}

function choices(kind: "radios" | "checkboxes"): { offered: string[]; map: Mapper } {
  return {
    offered: [...LEGEND, ...FIELD, "idPrefix", "value", "values[]", "classes", "items[].value", "items[].text", "items[].html", "items[].hint.text", "items[].conditional.html", "items[].disabled", "items[].checked"],
    map: (o) => {
      const why = idIsName(o, "idPrefix");
      if (why) return skip(why);
      if (o.fieldset?.legend?.classes && !size(o.fieldset.legend.classes)) return skip("legend classes other than a size");
      const modifiers = String(o.classes ?? "").split(/\s+/).filter(Boolean);
      if (modifiers.some((c) => c !== `govuk-${kind}--small` && c !== `govuk-${kind}--inline`)) return skip("classes other than small or inline");
      if (!o.fieldset) return skip("no fieldset (the portal's choices always have a legend)");
      if (!(o.items ?? []).every((i: Options) => i && typeof i === "object" && "value" in i)) return skip("falsy items or dividers");
      // An item's own `checked` wins over the field's value(s), as in the macro.
      const given: unknown[] = o.values ?? (o.value === undefined ? [] : [o.value]);
      const checked = (o.items ?? []).filter((i: Options) => i.checked ?? given.includes(i.value)).map((i: Options) => String(i.value));
      const props = {
        name: o.name,
        legend: content(o.fieldset?.legend),
        legendSize: size(o.fieldset?.legend?.classes),
        isPageHeading: o.fieldset?.legend?.isPageHeading,
        hint: content(o.hint),
        error: o.errorMessage?.text,
        small: modifiers.includes(`govuk-${kind}--small`),
        inline: modifiers.includes(`govuk-${kind}--inline`),
        items: (o.items ?? []).map((i: Options) => ({ value: String(i.value), text: content(i), hint: i.hint?.text, disabled: i.disabled, conditional: i.conditional?.html ? toReact(i.conditional.html) : undefined })),
      };
      return kind === "radios" ? (
        <Radios {...props} defaultValue={checked[0]} />
      ) : (
        <Checkboxes {...props} defaultValue={checked} />
      );
    },
  };
}

/**
 * Where the portal departs from GOV.UK Frontend on purpose: radios and checkboxes reveal their
 * conditional questions with CSS (`:has(:checked)` in styles/govuk.scss, see
 * utils/enhance.client.ts), not with GOV.UK Frontend's script, whose hooks they then leave out.
 */
function withoutScriptHooks(kind: "radios" | "checkboxes") {
  return (nodes: Node[]): Node[] => {
    const strip = (n: Node): Node => {
      if (typeof n === "string") return n;
      const attrs = { ...n.attrs };
      if (attrs["data-module"] === `govuk-${kind}`) delete attrs["data-module"];
      delete attrs["data-aria-controls"];
      if (attrs.class) attrs.class = attrs.class.replace(`govuk-${kind}__conditional--hidden`, "");
      return { ...n, attrs, children: n.children.map(strip) };
    };
    return nodes.map(strip);
  };
}

const COMPONENTS: Record<string, { offered: string[]; map: Mapper; reference?: (nodes: Node[]) => Node[] }> = {
  "error-summary": {
    offered: ["titleText", "errorList[].text", "errorList[].href"],
    map: (o) => {
      const list: Options[] = o.errorList ?? [];
      if (list.filter((e) => !e.href).length > 1) return skip("more than one message without a link (the portal's form-wide message)");
      if (list.some((e) => e.href && !String(e.href).startsWith("#"))) return skip("links that are not to a field on the page");
      return <ErrorSummary title={o.titleText} errors={Object.fromEntries(list.map((e) => [e.href ? String(e.href).slice(1) : "_form", e.text]))} />;
    },
  },
  "error-message": {
    offered: ["text", "id"],
    map: (o) => (o.id ? <ErrorMessage id={o.id}>{o.text}</ErrorMessage> : skip("no id (the portal's messages always have one, for aria-describedby)")),
  },
  input: {
    offered: [...LABEL, ...FIELD, "classes", "value", "type", "inputmode", "autocomplete", "spellcheck", "prefix.text"],
    map: (o) => {
      const label = labelProps(o);
      if (!label) return skip("label classes other than a size");
      const width = /^(?:govuk-input--width-(\d+)|govuk-!-width-([a-z-]+))$/.exec(o.classes ?? "");
      if (o.classes && !width) return skip("classes other than a width");
      return (
        <Input
          {...label}
          name={o.name}
          id={o.id}
          hint={content(o.hint)}
          error={o.errorMessage?.text}
          defaultValue={o.value}
          type={o.type}
          inputMode={o.inputmode}
          autoComplete={o.autocomplete}
          spellCheck={o.spellcheck}
          prefix={o.prefix?.text}
          width={(width?.[1] ?? width?.[2]) as InputProps["width"]}
        />
      );
    },
  },
  "file-upload": {
    offered: [...LABEL, ...FIELD, "attributes.accept"],
    map: (o) => {
      const label = labelProps(o);
      if (!label) return skip("label classes other than a size");
      return <FileUpload {...label} name={o.name} id={o.id} hint={content(o.hint)} error={o.errorMessage?.text} accept={o.attributes?.accept} />;
    },
  },
  textarea: {
    offered: [...LABEL, ...FIELD, "value", "rows"],
    map: (o) => {
      const label = labelProps(o);
      if (!label) return skip("label classes other than a size");
      return idIsName(o) ? skip(idIsName(o)!) : <Textarea {...label} name={o.name} hint={content(o.hint)} error={o.errorMessage?.text} defaultValue={o.value} rows={o.rows === undefined ? undefined : Number(o.rows)} />;
    },
  },
  radios: { ...choices("radios"), reference: withoutScriptHooks("radios") },
  checkboxes: { ...choices("checkboxes"), reference: withoutScriptHooks("checkboxes") },
  select: {
    offered: ["label.text", "label.classes", ...FIELD, "value", "items[].value", "items[].text", "items[].selected"],
    map: (o) => {
      if (idIsName(o)) return skip(idIsName(o)!);
      if (o.label?.classes && !size(o.label.classes)) return skip("label classes other than a size");
      if (!(o.items ?? []).every((i: Options) => i && i.value !== undefined && i.value !== null)) return skip("items without values");
      const selected = (o.items ?? []).find((i: Options) => i.selected ?? (o.value !== undefined && i.value === o.value));
      const labelSize = size(o.label?.classes);
      return (
        <Select
          name={o.name}
          label={o.label?.text}
          labelSize={labelSize === "xl" ? undefined : labelSize}
          hint={content(o.hint)}
          error={o.errorMessage?.text}
          items={(o.items ?? []).map((i: Options) => ({ value: String(i.value), text: i.text }))}
          defaultValue={selected ? String(selected.value) : undefined}
        />
      );
    },
  },
  button: {
    offered: ["text", "name", "value", "type", "classes", "href", "isStartButton"],
    map: (o) => {
      const variant = /^govuk-button--(secondary|warning)$/.exec(o.classes ?? "")?.[1] as "secondary" | "warning" | undefined;
      if (o.classes && !variant) return skip("classes other than secondary or warning");
      if (o.href) return <ButtonLink to={o.href} variant={o.isStartButton ? "start" : variant}>{o.text}</ButtonLink>;
      if (o.isStartButton) return skip("a start button that is not a link");
      return <Button name={o.name} value={o.value} type={o.type} variant={variant}>{o.text}</Button>;
    },
  },
  "summary-list": {
    offered: ["rows[].key.text", "rows[].value.text", "rows[].value.html", "rows[].actions.items[].href", "rows[].actions.items[].text", "rows[].actions.items[].visuallyHiddenText", "classes", "card.title.text"],
    map: (o) => {
      if (o.classes && o.classes !== "govuk-summary-list--no-border") return skip("classes other than no-border");
      if ((o.rows ?? []).some((r: Options) => !r || (r.actions?.items?.length ?? 0) > 1)) return skip("rows with more than one action, or falsy rows");
      if ((o.rows ?? []).some((r: Options) => r.actions?.items?.some((a: Options) => !a.visuallyHiddenText))) return skip("an action that does not say what it changes (the portal's always do, for screen readers)");
      const list = (
        <SummaryList
          noBorder={o.classes === "govuk-summary-list--no-border"}
          rows={(o.rows ?? []).map((r: Options) => {
            const a = r.actions?.items?.[0];
            return { key: r.key.text, value: content(r.value), action: a ? { href: a.href, text: a.text, hidden: a.visuallyHiddenText } : undefined };
          })}
        />
      );
      return o.card ? <SummaryCard title={o.card.title.text}>{list}</SummaryCard> : list;
    },
  },
  table: {
    offered: ["caption", "captionClasses", "firstCellIsHeader", "head[].text", "head[].format", "rows[][].text", "rows[][].format", "classes"],
    map: (o) => {
      if (!o.firstCellIsHeader || !o.head) return skip("no head, or rows without a header cell (the portal's tables always have both)");
      if (o.classes && o.classes !== "govuk-table--small-text-until-tablet") return skip("classes other than small text");
      const captionSize = /^govuk-table__caption--(s|m|l)$/.exec(o.captionClasses ?? "")?.[1] as "s" | "m" | "l" | undefined;
      if (o.caption && !captionSize) return skip("a caption without a size");
      const numeric = o.head.flatMap((h: Options, i: number) => (h.format === "numeric" ? [i] : []));
      const cellsAgree = (o.rows ?? []).every((row: Options[]) => row.every((c, i) => i === 0 || (c.format === "numeric") === numeric.includes(i)));
      if (!cellsAgree) return skip("numeric cells in a column whose heading is not numeric");
      return <Table caption={o.caption} captionSize={captionSize} head={o.head.map((h: Options) => h.text)} rows={(o.rows ?? []).map((r: Options[]) => r.map((c) => c.text))} numeric={numeric} small={o.classes !== undefined} />;
    },
  },
  tag: {
    offered: ["text", "classes"],
    map: (o) => {
      const colour = /^govuk-tag--([a-z-]+)$/.exec(o.classes ?? "")?.[1] as TagColour | undefined;
      return o.classes && !colour ? skip("classes other than a colour") : <Tag colour={colour}>{o.text}</Tag>;
    },
  },
  panel: {
    offered: ["titleText", "titleHtml", "text", "html"],
    map: (o) => <Panel title={o.titleHtml !== undefined ? toReact(o.titleHtml) : o.titleText}>{content(o)}</Panel>,
  },
  "notification-banner": {
    offered: ["titleText", "text", "html", "type"],
    map: (o) => {
      if (o.type && o.type !== "success") return skip("a type other than success");
      if (o.type === "success" && o.titleText) return skip("a success banner with its own title");
      const body = o.html !== undefined ? toReact(o.html) : <p className="govuk-notification-banner__heading">{o.text}</p>;
      return <NotificationBanner title={o.titleText} success={o.type === "success"}>{body}</NotificationBanner>;
    },
  },
  "inset-text": { offered: ["text", "html"], map: (o) => <InsetText>{content(o)}</InsetText> },
  "warning-text": {
    offered: ["text", "html", "iconFallbackText"],
    map: (o) => ((o.iconFallbackText ?? "Warning") === "Warning" ? <WarningText>{content(o)}</WarningText> : skip("fallback text other than Warning")),
  },
  details: {
    offered: ["summaryText", "summaryHtml", "text", "html", "open"],
    map: (o) => (
      <Details summary={o.summaryHtml !== undefined ? toReact(o.summaryHtml) : o.summaryText} open={o.open}>
        {content(o)}
      </Details>
    ),
  },
  "back-link": {
    offered: ["text", "href"],
    map: (o) => (o.href ? <BackLink to={o.href}>{o.text}</BackLink> : skip("no link (the portal's back links always lead somewhere)")),
  },
  breadcrumbs: {
    offered: ["items[].text", "items[].href"],
    map: (o) => ((o.items ?? []).every((i: Options) => i.href) ? <Breadcrumbs items={(o.items ?? []).map((i: Options) => ({ to: i.href, text: i.text }))} /> : skip("an item without a link (the current page)")),
  },
};

// ---------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------

const FIXTURES = new URL("../../node_modules/govuk-frontend/dist/govuk/components/", import.meta.url);

interface Fixture {
  name: string;
  options: Options;
  html: string;
}

/**
 * How many of each component's fixtures are compared. A fixture the component cannot express is
 * left out with its reason (listed by the last test of each block), not reported as a skipped
 * test; this count makes sure a change to a mapper cannot quietly leave more of them out.
 */
const COMPARED: Record<string, number> = {
  input: 22, checkboxes: 15, radios: 14, button: 11, tag: 10, "notification-banner": 9, "error-summary": 6, details: 6, panel: 6,
  "file-upload": 7, select: 5, "summary-list": 5, "warning-text": 5, textarea: 4, breadcrumbs: 3, "inset-text": 3, "back-link": 1, "error-message": 1, table: 1,
};

for (const [component, spec] of Object.entries(COMPONENTS)) {
  const { fixtures } = JSON.parse(readFileSync(new URL(`${component}/fixtures.json`, FIXTURES), "utf8")) as { fixtures: Fixture[] };
  describe(`GOV.UK ${component}`, () => {
    const leftOut: string[] = [];
    let compared = 0;
    for (const fixture of fixtures) {
      const unoffered = [...new Set(pathsOf(fixture.options).filter((p) => !spec.offered.includes(p)))];
      const mapped = unoffered.length ? skip(`uses ${unoffered.join(", ")}`) : spec.map(fixture.options);
      if ("skip" in mapped) {
        leftOut.push(`${fixture.name}: ${mapped.skip}`);
        continue;
      }
      compared += 1;
      it(`renders the markup of the fixture "${fixture.name}"`, () => {
        const reference = (spec.reference ?? ((n: Node[]) => n))(parse(fixture.html));
        expect(normalise(parse(render(mapped))).join("\n")).toBe(normalise(reference).join("\n"));
      });
    }
    it(`compares ${COMPARED[component]} fixtures and leaves out only those with options it does not offer (${leftOut.length})`, () => {
      expect(compared).toBe(COMPARED[component]);
      for (const why of leftOut) expect(why).toMatch(/: \S/);
    });
  });
}
