// The listener's time zone and locale as their browser last said (a cookie every signed-in page keeps
// up to date, components/layout/listener-time-script.tsx), so that the server draws times as the
// browser will: recent plays grouped by day in another zone would be regrouped right after hydration.
// No cookie (the default, a first visit) or not valid: UTC and en-US; the browser hydrates with
// those, then draws its own.
import { isTimeZone } from "@/lib/stats/time-zones";

export const LISTENER_TIME_COOKIE = "earshot-time";

/** How long the browser keeps the cookie (written again whenever the zone or locale changes). */
export const LISTENER_TIME_MAX_AGE_S = 365 * 24 * 3600;

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
  if (!timeZone || !locale || rest.length > 0 || !isTimeZone(timeZone)) return null;
  try {
    // A RangeError for anything that is not a well-formed locale.
    const [canonical] = Intl.getCanonicalLocales(locale);
    return canonical ? { timeZone, locale: canonical } : null;
  } catch {
    return null;
  }
}
