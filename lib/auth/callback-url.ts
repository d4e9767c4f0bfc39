// Where to go after signing in: only a path on this site, so a crafted link cannot bounce a fresh
// session to another origin.
export function safeCallbackUrl(value: string | string[] | undefined, fallback = "/dashboard"): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) {
    return fallback;
  }
  return candidate;
}
