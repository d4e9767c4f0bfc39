// Who is signed in, for pages that read the store for them (stats, settings). The page's gate
// (requireViewer) runs first and sends strangers to sign in; this only covers a session that ended
// in between.
import "server-only";
import { redirect } from "next/navigation";
import { currentUser } from "./viewer";

export async function sessionUserId(): Promise<string> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user.userId;
}
