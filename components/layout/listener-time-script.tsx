// The first thing a signed-in page runs, before anything is drawn: reads the listener's time zone and
// locale and keeps the cookie the server draws the next page's times with up to date
// (lib/listening/listener-time.ts): written when they changed, removed when they are the default
// (UTC, en-US: no cookie needed), left alone otherwise. That read is the page's first use of Intl,
// which costs tens of ms on a phone whenever it comes (the runtime loads its locale data): here it
// delays the first paint by that much, where later it would be one long task while the page
// hydrates, right after it appears.
import { headers } from "next/headers";
import {
  encodeListenerTime,
  FALLBACK_LISTENER_TIME,
  LISTENER_TIME_COOKIE,
  LISTENER_TIME_MAX_AGE_S,
} from "@/lib/listening/listener-time";
import { scriptNonce } from "@/lib/security-headers";

const SCRIPT = `try {
  var o = Intl.DateTimeFormat().resolvedOptions();
  var value = encodeURIComponent(o.timeZone + " " + o.locale);
  var kept = document.cookie.match(/(?:^|; )${LISTENER_TIME_COOKIE}=([^;]*)/);
  var fallback = value === ${JSON.stringify(encodeListenerTime(FALLBACK_LISTENER_TIME))};
  if (fallback ? kept : !kept || kept[1] !== value)
    document.cookie = "${LISTENER_TIME_COOKIE}=" + (fallback ? "" : value) + "; Path=/; Max-Age=" +
      (fallback ? 0 : ${LISTENER_TIME_MAX_AGE_S}) + "; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "");
} catch (e) {}`;

export async function ListenerTimeScript() {
  const nonce = scriptNonce((await headers()).get("content-security-policy"));
  // The browser hides a nonce from the DOM once it has checked it: nothing for hydration to compare.
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
