// The gate of every signed-in page: who is looking, or off to sign in (and back here after). The
// layout calls it for the header, and each page calls it again for what it shows: a layout is not
// rendered again on a client-side navigation between its pages, so a page must not rely on it alone.
// React's cache makes the second call free within one request.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { REQUEST_PATH_HEADER } from "@/lib/request-path";

export const requireViewer = cache(async (): Promise<Viewer> => {
  const viewer = await getViewer();
  if (!viewer) {
    // The sign-in page accepts only paths of this site as callbackUrl (lib/auth/callback-url.ts).
    const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "/dashboard";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  return viewer;
});
