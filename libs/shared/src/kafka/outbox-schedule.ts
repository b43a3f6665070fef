/** What the relay does after a round: look again now (skipping the probe when rows surely wait), or sleep. */
export type NextRound = { kind: 'now'; hinted: boolean } | { kind: 'sleep'; ms: number };

/**
 * The relay's schedule, after a round that sent `sent` rows:
 * - a failure: back off (doubling from the poll interval, at most 5 s; a commit's poke ends it early);
 * - a full batch: more rows wait, the next round goes straight to them (no probe);
 * - a poke during the round: it may be for rows that round already read, so the next round probes first;
 * - a hinted round (a commit had just woken it) that read nothing: another replica's relay held the lock
 *   (the rows are this process's, and only it was poked), so it probes again shortly;
 * - otherwise it sleeps until the next commit's poke or the poll. A round that published a partial batch
 *   read everything committed before it started; what this process commits later pokes it, and other
 *   replicas publish their own rows (or the poll finds them): no probe after every round.
 */
export function nextRound(r: {
  sent: number;
  batchSize: number;
  poked: boolean;
  hinted: boolean;
  failures: number;
  pollMs: number;
}): NextRound {
  if (r.failures > 0) return { kind: 'sleep', ms: Math.min(5000, r.pollMs * 2 ** r.failures) };
  if (r.sent >= r.batchSize) return { kind: 'now', hinted: true };
  if (r.poked) return { kind: 'now', hinted: false };
  if (r.hinted && r.sent === 0) return { kind: 'sleep', ms: Math.min(r.pollMs, LOCK_RETRY_MS) };
  return { kind: 'sleep', ms: r.pollMs };
}

/** How soon a relay woken by its own commit looks again when another replica held the relay lock. */
const LOCK_RETRY_MS = 50;
