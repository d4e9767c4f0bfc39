// The listener's time zone and locale as their browser last said (a cookie the dashboard writes), so
// that the server draws times as the browser will: recent plays grouped by day in another zone would be
// regrouped right after hydration. Unknown (a first visit, cookies cleared) or not valid: UTC and
// en-US; the browser hydrates with those, then draws its own (and writes the cookie for next time).
export const LISTENER_TIME_COOKIE = "earshot-time";

export type ListenerTime = { timeZone: string; locale: string };

export const FALLBACK_LISTENER_TIME: ListenerTime = { timeZone: "UTC", locale: "en-US" };

/** The cookie's value: URL-encoded "zone locale" (neither has a space). */
export function encodeListenerTime(time: ListenerTime): string {
  return encodeURIComponent(`${time.timeZone} ${time.locale}`);
}

/** The cookie's value read back; null unless both parts are a zone and a locale this runtime knows. */
export function decodeListenerTime(value: string | undefined): ListenerTime | null {
  if (!value || value.length > 200) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const [timeZone, locale, ...rest] = decoded.split(" ");
  if (!timeZone || !locale || rest.length > 0) return null;
  try {
    // Both throw a RangeError on an unknown zone or a malformed locale.
    const [canonical] = Intl.getCanonicalLocales(locale);
    new Intl.DateTimeFormat(canonical, { timeZone });
    return canonical ? { timeZone, locale: canonical } : null;
  } catch {
    return null;
  }
}
