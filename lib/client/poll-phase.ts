// Each listener's offset of the fixed-period poll grid (lib/client/poll-schedule.ts). Without it every
// idle or paused dashboard of every listener would ask on the same second of each minute, and the
// server would see its busiest moment sixty times an hour. The phase comes from the person's internal
// id, so it is the same in each of their tabs and devices (which must keep sharing one grid) and
// across reloads; it is a whole number of seconds under a minute, which says nothing about who they are.
import { POLL } from "./poll-schedule";

const SECOND_MS = 1_000;

/** A stable phase in whole seconds, 0 ≤ phase < the idle period. */
export function pollPhaseMs(personId: string): number {
  return (fnv1a(personId) % (POLL.idleMs / SECOND_MS)) * SECOND_MS;
}

/**
 * The history page's phase on its check grid (POLL.liveHistoryMs), to the millisecond: the checks of
 * pages opened together (every page after a deploy, a crowd in a load test) would otherwise stay
 * together, and a page that waits a period after each answer drifts into the busiest moment, where
 * answers are slowest, until most pages ask in the same second. A number under 15 s from a hash says
 * no more about the person than the poll phase above.
 */
export function liveHistoryPhaseMs(personId: string): number {
  return fnv1a(`live-history:${personId}`) % POLL.liveHistoryMs;
}

/** FNV-1a, 32 bits: small, fast and evenly spread; no secrecy is needed (see above). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
