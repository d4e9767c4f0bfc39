// Where to go after signing in: only a place on this site, so a crafted link cannot bounce a fresh
// session to another origin. next-auth hands back absolute URLs of our own origin; those are kept.
export function safeCallbackUrl(
  value: string | string[] | undefined,
  appUrl: string,
  fallback = "/dashboard",
): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || candidate.includes("\\")) return fallback;
  try {
    const base = new URL(appUrl);
    const url = new URL(candidate, base);
    // A path that starts with // would be read by the browser as another host.
    if (url.origin !== base.origin || candidate.startsWith("//") || url.pathname.startsWith("//"))
      return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
