import { getFormatter } from "next-intl/server";
import type { PlainFormAction } from "@/components/forms/form-action";
import type { Member } from "@/lib/members/members";
import { memberFlags, type MemberRow } from "./member-row";
import { MembersTableView } from "./members-table-view";

/**
 * One row per person: role and Billing flag editable in place, removal behind a typed confirmation.
 * The dates are formatted here; the markup is `MembersTableView`'s (see there why it is a client
 * component). Its messages must be among the page's `ClientMessages`.
 */
export async function MembersTable({
  members,
  query,
  viewerId,
  organizationName,
  changeRoleAction,
  signOutAction,
  resetAction,
}: {
  /** Read with `withTwoStep` (listMembers): each says whether the person has two-step sign-in. */
  members: (Member & { lastAdmin: boolean; twoStep?: boolean })[];
  query: string;
  viewerId: string;
  organizationName: string;
  changeRoleAction: PlainFormAction;
  signOutAction: PlainFormAction;
  /** The Admin's reset of someone's two-step sign-in (lost phone); absent for whoever may not. */
  resetAction?: PlainFormAction;
}) {
  const format = await getFormatter();
  const rows = members.map((member): MemberRow => [
    member.id,
    member.name,
    member.email,
    format.dateTime(member.createdAt, { dateStyle: "medium" }),
    (member.role === "admin" ? memberFlags.admin : 0) +
      (member.billing ? memberFlags.billing : 0) +
      (member.lastAdmin ? memberFlags.lastAdmin : 0) +
      (member.twoStep ? memberFlags.twoStep : 0) +
      (member.id === viewerId ? memberFlags.you : 0),
  ]);
  // The reset's form and action only when some row shows its button.
  const resets = rows.some(([, , , , flags]) => (flags & memberFlags.twoStep) !== 0);
  return (
    <MembersTableView
      rows={rows}
      query={query}
      organizationName={organizationName}
      changeRoleAction={changeRoleAction}
      signOutAction={signOutAction}
      resetAction={resets ? resetAction : undefined}
    />
  );
}

