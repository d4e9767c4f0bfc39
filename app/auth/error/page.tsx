import type { Metadata } from "next";
import Link from "next/link";
import { SignInButton } from "@/components/auth/sign-in-button";
import { describeAuthError } from "@/lib/auth/error-messages";

export const metadata: Metadata = { title: "Sign-in problem" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuthErrorPage({ searchParams }: Props) {
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  const message = describeAuthError(code);
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-center justify-center gap-6 px-6 py-16 text-center">
      <div
        className="flex size-14 items-center justify-center rounded-full bg-amber-100 text-2xl text-amber-700 dark:bg-amber-950 dark:text-amber-300"
        aria-hidden="true"
      >
        !
      </div>
      <h1 className="text-2xl font-bold tracking-tight">{message.title}</h1>
      <p className="text-zinc-600 dark:text-zinc-400" data-testid="auth-error-detail">
        {message.detail}
      </p>
      <div className="flex flex-wrap items-center justify-center gap-4">
        <SignInButton label="Try again" />
        <Link
          href="/"
          className="rounded-full px-4 py-2 text-sm font-medium text-zinc-600 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-accent dark:text-zinc-300"
        >
          Back to Earshot
        </Link>
      </div>
      {code ? <p className="text-xs text-zinc-600 dark:text-zinc-400">Error code: {code}</p> : null}
    </main>
  );
}
