// One artist's page: all-time figures, share of all listening, a timeline and top tracks, from the
// store's rollups. The id is the store's key (spotify:artist:…), URL-encoded.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SubjectView } from "@/components/stats/subject-view";
import { ApiError } from "@/lib/errors";
import { getSubjectStats } from "@/lib/stats/stats-service";
import { requireViewer } from "../../../viewer";
import { sessionUserId } from "../../../session-user-id";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Artist · Stats" };

export default async function ArtistStatsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireViewer();
  const userId = await sessionUserId();
  const id = decodeURIComponent((await params).id);
  if (!/^(spotify|local):/.test(id) || id.length > 512) notFound();
  const stats = await getSubjectStats(userId, "artist", id).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <main id="main" className="mx-auto flex w-full max-w-4xl flex-col gap-5 px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <Link href="/stats" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
        ← Stats
      </Link>
      <SubjectView stats={stats} />
    </main>
  );
}
