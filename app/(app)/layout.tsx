// Every signed-in page: one gate, one header with the navigation. Pages render below it.
import { type ReactNode, Suspense } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { ListenerTimeScript } from "@/components/layout/listener-time-script";
import { getConfig } from "@/lib/config";
import { requireViewer } from "./viewer";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return (
    <>
      <ListenerTimeScript />
      {/* A boundary of its own: hydrated apart from the page below (in the background, in slices). */}
      <Suspense>
        <AppHeader viewer={viewer} demo={getConfig().mode === "demo"} />
      </Suspense>
      {children}
    </>
  );
}
