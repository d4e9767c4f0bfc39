// Numbers both sides must agree on: the route's query schema checks them, the browser's queries ask
// with them and the list says them.

/** Spotify keeps only a listener's last 50 plays: the most one recently-played request can return. */
export const RECENT_PLAYS_WINDOW = 50;

/** Plays per page of the recent-plays list (and the route's default `limit`). */
export const RECENT_PLAYS_PAGE_SIZE = 20;

/** Plays per page of the history (and `/api/history`'s default `limit`). */
export const HISTORY_PAGE_SIZE = 50;
/** The most one `/api/history` page may hold. */
export const HISTORY_MAX_PAGE_SIZE = 200;
