// Who is looking at a page, for server components: name and avatar only. It reads the cookie and
// never refreshes (a server component cannot persist a refreshed cookie; route handlers do that).
import "server-only";
import { readSessionToken } from "./session-cookie";

export type Viewer = { name: string; image: string | null; reauthRequired: boolean };

export async function getViewer(): Promise<Viewer | null> {
  const token = await readSessionToken();
  if (!token) return null;
  return {
    name: token.name ?? "Spotify listener",
    image: token.picture ?? null,
    reauthRequired: token.error === "reauth_required" || !token.spotify,
  };
}
