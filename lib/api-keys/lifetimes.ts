/** How long a new key works: 30, 90 or 365 days, or until revoked (no zod: the client form imports it). */
export const keyLifetimes = ["30", "90", "365", "never"] as const;
