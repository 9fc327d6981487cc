const day = 24 * 60 * 60 * 1000;

/** How long sessions live; every figure can be changed through the environment. */
export type SessionPolicy = {
  /** A session unused this long is over (SESSION_IDLE_DAYS, 14). */
  idleMs: number;
  /** A session this old is over however active it is (SESSION_MAX_DAYS, 90). */
  maxAgeMs: number;
  /** `last_seen_at` is written at most this often per session (SESSION_LAST_SEEN_MINUTES, 5). */
  lastSeenEveryMs: number;
  /** Ended and expired rows are deleted this long after they ended (30 days). */
  keepEndedMs: number;
};

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function sessionPolicy(): SessionPolicy {
  return {
    idleMs: positive("SESSION_IDLE_DAYS", 14) * day,
    maxAgeMs: positive("SESSION_MAX_DAYS", 90) * day,
    lastSeenEveryMs: positive("SESSION_LAST_SEEN_MINUTES", 5) * 60 * 1000,
    keepEndedMs: 30 * day,
  };
}
