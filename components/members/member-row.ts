/**
 * A member's facts as the members table needs them, short: the page's flight data carries one per
 * row (components/members/members-table-view.tsx). Plain module: the server fills it, the client reads it.
 */
export type MemberRow = [
  id: string,
  name: string,
  email: string,
  /** Already formatted on the server, in the viewer's locale and time zone. */
  joined: string,
  /** `memberFlags` added up. */
  flags: number,
];

/** `you`: the viewer's own row. */
export const memberFlags = { admin: 1, billing: 2, lastAdmin: 4, twoStep: 8, you: 16 } as const;
