// The stats pages' reader: who is signed in (the layout's gate already ran), for the store queries.
import "server-only";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/api/session-user";

export async function statsUserId(): Promise<string> {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=%2Fstats");
  return user.userId;
}
