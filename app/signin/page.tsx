import type { Metadata } from "next";
import { SignInPanel } from "@/components/auth/sign-in-panel";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // next-auth sends people here with ?error= when starting the flow failed.
  const notice = params.error
    ? "Signing in could not start. Please try again."
    : callbackUrl !== "/dashboard" || params.callbackUrl
      ? "Sign in to continue."
      : undefined;
  return <SignInPanel callbackUrl={callbackUrl} demo={getConfig().mode === "demo"} notice={notice} />;
}
