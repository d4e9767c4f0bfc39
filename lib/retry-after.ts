// Reads an HTTP `Retry-After` header: seconds, or an HTTP date. Shared by the server (Spotify's 429s)
// and the browser (Earshot's own 429s).

/** Whole seconds to wait, or null when the header is missing or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
