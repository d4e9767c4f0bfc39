// The signed-out face of Earshot: what it is, and the one button that matters.
import { LogoMark } from "@/components/ui/icons";
import { SignInButton } from "./sign-in-button";

export function SignInPanel({
  callbackUrl,
  demo,
  notice,
}: {
  callbackUrl: string;
  demo: boolean;
  notice?: string;
}) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center gap-8 px-6 py-16 text-center">
      <div className="flex flex-col items-center gap-4">
        <LogoMark className="size-16 drop-shadow-lg" />
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Earshot</h1>
        <p className="max-w-md text-lg text-zinc-600 dark:text-zinc-400">
          See what you are playing on Spotify right now, live, and browse what you played before.
        </p>
      </div>
      {notice ? (
        <p
          role="alert"
          className="rounded-lg bg-amber-100 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {notice}
        </p>
      ) : null}
      <SignInButton callbackUrl={callbackUrl} />
      {demo ? (
        <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
          <span className="mr-1 rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            Demo
          </span>
          Running on the built-in Spotify emulator: pick a demo listener on the next screen. No Spotify
          account needed.
        </p>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Earshot only reads what you play. Your Spotify tokens stay on the server.
        </p>
      )}
    </main>
  );
}
