import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CENTRAL_ROLES } from "@complaints/api";
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from "@complaints/core";
import { Button, Details, Input, InsetText, NotificationBanner, Select, Table, WarningText } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { attempt, failure, readForm, text } from "../utils/forms.server";
import { adminRead, requireAdministrator } from "./admin.staff.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Single sign-on groups – Administration" }];

const SAVED = {
  added: "The group has been added. People in it get its role when they next sign in.",
  removed: "The group no longer gives that role. People lose it when they next sign in.",
  contact: "Who to ask has been saved.",
} as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  const mapping = await adminRead(() => context.api.admin.singleSignOn.get());
  const saved = new URL(request.url).searchParams.get("saved");
  return { ...mapping, saved: saved && saved in SAVED ? SAVED[saved as keyof typeof SAVED] : null };
}

const key = (g: { group: string; role: string; directorate: string | null }) => `${g.group}\n${g.role}\n${g.directorate ?? ""}`;

/** Each change posts the whole mapping back with a reason in words, so the administration log says what changed. */
export async function action({ context, request }: ActionFunctionArgs) {
  requireAdministrator(context, request);
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  const current = await adminRead(() => context.api.admin.singleSignOn.get());
  const groupRoles = current.groupRoles.map((g) => ({ group: g.group, role: g.role, directorate: g.directorate }));
  let next = groupRoles;
  let contact = current.contact;
  let reason: string;
  if (intent === "add") {
    const group = text(form, "group");
    const role = text(form, "role");
    const where = text(form, "directorate");
    const errors: Record<string, string> = {};
    if (!group) errors.group = "Enter the group's name or ID, exactly as the identity provider sends it";
    if (!(STAFF_ROLES as readonly string[]).includes(role)) errors.role = "Choose the role the group gives";
    if (!where) errors.directorate = "Choose where the role applies";
    else if (where === "all" && errors.role === undefined && !CENTRAL_ROLES.has(role as StaffRole)) errors.directorate = `${ROLE_LABELS[role as StaffRole]} is held within a directorate: choose one`;
    if (Object.keys(errors).length) return failure(errors, form);
    const directorate = where === "all" ? null : where;
    const name = directorate ? (current.directorates.find((d) => d.code === directorate)?.name ?? directorate) : "council-wide";
    next = [...groupRoles, { group, role: role as StaffRole, directorate }];
    reason = `Single sign-on: the group "${group}" gives ${ROLE_LABELS[role as StaffRole]} (${name})`;
  } else if (intent === "remove") {
    const removing = groupRoles.find((g) => key(g) === text(form, "entry").replace(/\r\n/g, "\n"));
    if (!removing) throw data("That group is no longer in the list.", { status: 404 });
    next = groupRoles.filter((g) => g !== removing);
    reason = `Single sign-on: the group "${removing.group}" no longer gives ${ROLE_LABELS[removing.role]}`;
  } else if (intent === "contact") {
    contact = text(form, "contact") || null;
    reason = contact ? `Single sign-on: people with no mapped group are told to ask ${contact}` : "Single sign-on: who to ask is no longer named";
  } else throw data("There is no such action.", { status: 400 });
  const result = await attempt(form, () => context.api.admin.singleSignOn.set({ groupRoles: next, contact, reason }), { contact: "contact" });
  if (!result.ok) return result.response;
  return redirect(`/admin/single-sign-on?saved=${intent === "add" ? "added" : intent === "remove" ? "removed" : "contact"}`, 303);
}

export default function SingleSignOnGroups() {
  const { signOn, groupRoles, contact, directorates, saved } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  return (
    <Page breadcrumbs={[{ to: "/admin", text: "Administration" }]} errors={errors} heading="Single sign-on groups" banner={saved ? <NotificationBanner success heading={saved} /> : null}>
      {signOn ? (
        <p className="govuk-body">
          Staff sign in with “{signOn.label}”. The groups are read from the <code>{signOn.groupsClaim}</code> claim of their sign-in.
        </p>
      ) : (
        <WarningText>Single sign-on is not set up on this server, so these groups are not used yet. You can prepare them now.</WarningText>
      )}
      <p className="govuk-body">
        Someone in a group below gets its role when they sign in, and an account if they have none: nobody needs setting up by hand. At every sign-in the roles these groups can give follow the person&apos;s groups; roles given on the staff pages that no group gives are left as they are.
      </p>
      <Details summary="What else to know">
        <ul className="govuk-list govuk-list--bullet">
          <li>An administrator who would get a role that reads cases from a group only asks for it: another administrator approves it on the staff page.</li>
          <li>Someone whose groups give no role is not let in, and is told who to ask.</li>
          <li>Removing a group here takes its role away from people when they next sign in, not before.</li>
        </ul>
      </Details>

      <Table
        caption={groupRoles.length === 1 ? "1 group gives a role" : `${groupRoles.length} groups give roles`}
        captionSize="m"
        head={["Group", "Role", <span key="a" className="govuk-visually-hidden">Action</span>]}
        rows={groupRoles.map((g) => [
          <code key="g">{g.group}</code>,
          g.label,
          <PostForm key="remove">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="entry" value={key(g)} />
            <Button variant="warning">
              Remove<span className="govuk-visually-hidden"> the group {g.group} giving {g.label}</span>
            </Button>
          </PostForm>,
        ])}
      />
      {groupRoles.length === 0 ? <InsetText>No group gives a role yet: only people with an account made on the staff pages can sign in.</InsetText> : null}

      <h2 className="govuk-heading-m">Add a group</h2>
      {/* Keyed by the list, so that after a change the forms start empty again (with JavaScript, Remix keeps the page). */}
      <PostForm key={`add-${groupRoles.length}-${saved ?? ""}`}>
        <input type="hidden" name="intent" value="add" />
        <Input name="group" label="Group" hint="Its name or ID exactly as the identity provider sends it (Entra ID sends the group's object ID)" spellCheck={false} error={errors.group} defaultValue={values.group} />
        <Select
          name="role"
          label="Role it gives"
          error={errors.role}
          defaultValue={values.role}
          items={[{ value: "", text: "Choose a role" }, ...STAFF_ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] }))]}
        />
        <Select
          name="directorate"
          label="Where"
          hint="Only customer services, the complaints manager, quality assurance, legal, auditors and administrators can be council-wide"
          error={errors.directorate}
          defaultValue={values.directorate}
          items={[{ value: "", text: "Choose where" }, { value: "all", text: "Council-wide" }, ...directorates.map((d) => ({ value: d.code, text: d.name }))]}
        />
        <Button>Add the group</Button>
      </PostForm>

      <h2 className="govuk-heading-m">Who to ask</h2>
      <PostForm key={`contact-${contact ?? ""}`}>
        <input type="hidden" name="intent" value="contact" />
        <Input
          name="contact"
          label="Who someone with no mapped group should ask"
          hint="For example: the ICT service desk (ict@your-council.gov.uk). Left empty, they are told to ask an administrator of the complaints system."
          error={errors.contact}
          defaultValue={values.contact ?? contact ?? ""}
        />
        <Button variant="secondary">Save who to ask</Button>
      </PostForm>
    </Page>
  );
}
