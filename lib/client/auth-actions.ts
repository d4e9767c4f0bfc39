// Signing in and out from the browser: the two POSTs to next-auth's own endpoints that
// next-auth/react's signIn and signOut make (CSRF token, then the form; the answer says where to go),
// without shipping that module (and the regenerator runtime it is compiled with) to every page.
// Earshot reads its session on the server only, so there is no client session state to update.
const AUTH_PATH = "/api/auth";

async function postAuthForm(action: string, callbackUrl: string): Promise<string> {
  const { csrfToken } = (await (await fetch(`${AUTH_PATH}/csrf`)).json()) as { csrfToken: string };
  const response = await fetch(`${AUTH_PATH}/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await response.json()) as { url?: string };
  return url ?? callbackUrl;
}

function go(url: string) {
  window.location.href = url;
  // Only the hash changed: the browser would not load anything.
  if (url.includes("#")) window.location.reload();
}

/** Starts Spotify's authorization-code flow (next-auth: PKCE and state), returning to `callbackUrl`. */
export async function signIn(provider: "spotify", { callbackUrl }: { callbackUrl: string }): Promise<void> {
  go(await postAuthForm(`signin/${provider}`, callbackUrl));
}

/** Ends this session (next-auth's sign-out, which ends the server-side session too), then `callbackUrl`. */
export async function signOut({ callbackUrl }: { callbackUrl: string }): Promise<void> {
  go(await postAuthForm("signout", callbackUrl));
}
