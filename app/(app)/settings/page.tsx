// Settings: the time zone of stats, sharing (the overlay and the card), recording (status, pause), sessions (sign out everywhere) and the
// person's data.
import type { Metadata } from "next";
import { AccountSettings } from "@/components/settings/account-settings";
import { ShareSettings } from "@/components/settings/share-settings";
import { TimeZoneSetting } from "@/components/settings/time-zone-setting";
import { getDb } from "@/lib/db/connection";
import { readZone } from "@/lib/stats/stats-queries";
import { readShareSettings } from "@/lib/share/share-links";
import { toShareLinks } from "@/lib/share/share-urls";
import { requireViewer } from "../viewer";
import { sessionUserId } from "../session-user-id";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireViewer();
  const userId = await sessionUserId();
  const [zone, share] = await Promise.all([readZone(getDb(), userId), readShareSettings(userId)]);
  return (
    <main id="main" className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <TimeZoneSetting current={zone.timeZoneSet ? zone.timeZone : null} />
      <ShareSettings initial={toShareLinks(share)} />
      <AccountSettings />
    </main>
  );
}
