import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInPanel } from "@/components/auth/sign-in-panel";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  // next-auth sends sign-in failures (a bad state, a failed callback) to the sign-in page with
  // ?error=; they belong on the error page, which says what happened.
  const error = Array.isArray(params.error) ? params.error[0] : params.error;
  if (error) redirect(`/auth/error?error=${encodeURIComponent(error)}`);

  const config = getConfig();
  const callbackUrl = safeCallbackUrl(params.callbackUrl, config.auth.url);
  const notice = params.callbackUrl ? "Sign in to continue." : undefined;
  return <SignInPanel callbackUrl={callbackUrl} demo={config.mode === "demo"} notice={notice} />;
}
