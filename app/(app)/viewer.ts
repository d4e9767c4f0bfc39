// The gate of every signed-in page: who is looking, or off to sign in (and back here after). The
// layout calls it for the header, and each page calls it again for what it shows: a layout is not
// rendered again on a client-side navigation between its pages, so a page must not rely on it alone.
// React's cache makes every call after the first free within one request, and the pages that read
// the store for the person (currentUser) share the same one session lookup.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getSessionUser } from "@/lib/api/session-user";
import { type Viewer, viewerOf } from "@/lib/auth/viewer";
import { REQUEST_PATH_HEADER } from "@/lib/request-path";

/** The signed-in person of this request, or null: one session lookup however many ask. */
export const currentUser = cache(() => getSessionUser());

export const requireViewer = cache(async (): Promise<Viewer> => {
  const user = await currentUser();
  if (!user) {
    // The sign-in page accepts only paths of this site as callbackUrl (lib/auth/callback-url.ts).
    const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "/dashboard";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  return viewerOf(user);
});
