/**
 * What the relay does after a round: look again now (skipping the probe when rows surely wait; after the
 * gather interval when `gather`), or sleep.
 */
export type NextRound = { kind: 'now'; hinted: boolean; gather: boolean } | { kind: 'sleep'; ms: number };

/**
 * The relay's schedule, after a round that sent `sent` rows:
 * - a failure: back off (doubling from the poll interval, at most 5 s; a commit's poke ends it early);
 * - a full batch: more rows wait, the next round goes straight to them (no probe);
 * - a poke during the round: a commit wrote rows after the round read its batch (it reads as it starts;
 *   sending and marking take the rest), so the next round goes straight to them too, after the gather
 *   interval (the rows committed meanwhile go out with them);
 * - a hinted round (a commit had just woken it) that read nothing: another replica's relay held the lock
 *   (the rows are this process's, and only it was poked), or the poking commit made it into the round
 *   before: it probes again shortly;
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
  if (r.sent >= r.batchSize) return { kind: 'now', hinted: true, gather: false };
  if (r.poked) return { kind: 'now', hinted: true, gather: true };
  if (r.hinted && r.sent === 0) return { kind: 'sleep', ms: Math.min(r.pollMs, LOCK_RETRY_MS) };
  return { kind: 'sleep', ms: r.pollMs };
}

/** How soon a relay woken by its own commit looks again when another replica held the relay lock. */
const LOCK_RETRY_MS = 50;
