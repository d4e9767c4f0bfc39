import { redirect } from "next/navigation";
import { SignInPanel } from "@/components/auth/sign-in-panel";
import { getViewer } from "@/lib/auth/viewer";
import { getConfig } from "@/lib/config";

export default async function HomePage() {
  const viewer = await getViewer();
  if (viewer && !viewer.reauthRequired) redirect("/dashboard");
  return (
    <SignInPanel
      callbackUrl="/dashboard"
      demo={getConfig().mode === "demo"}
      notice={
        viewer?.reauthRequired
          ? "Spotify no longer accepts your sign-in, so recording has stopped. Sign in again to resume."
          : undefined
      }
    />
  );
}
