// Who is looking at a page, for server components: name and avatar only, from the server-side
// session. It never refreshes tokens (the JWT callback and the route handlers do that).
import "server-only";
import { getSessionUser } from "@/lib/api/session-user";
import type { SessionUser } from "@/lib/auth/accounts";

export type Viewer = { name: string; image: string | null; reauthRequired: boolean };

export function viewerOf(user: SessionUser): Viewer {
  return { name: user.name ?? "Spotify listener", image: user.image, reauthRequired: user.reauthRequired };
}

export async function getViewer(): Promise<Viewer | null> {
  const user = await getSessionUser();
  return user ? viewerOf(user) : null;
}
