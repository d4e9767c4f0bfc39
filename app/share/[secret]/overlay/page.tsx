// /share/<secret>/overlay: the OBS browser source. No sign-in and nothing of the person but what they
// chose to show; an unknown, turned-off or reset link is the same 404 as one that never existed.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ShareOverlay } from "@/components/share/share-overlay";
import { ApiError } from "@/lib/errors";
import { openLink } from "@/lib/share/share-service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Now playing",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

export default async function OverlayPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  let options;
  try {
    ({ options } = await openLink(secret));
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
  return (
    // Labelled: Settings frames this page beside its own main landmark.
    <main aria-label="Shared now playing">
      <h1 className="sr-only">Now playing</h1>
      <ShareOverlay secret={secret} initialOptions={options} />
    </main>
  );
}
