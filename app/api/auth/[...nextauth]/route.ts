// next-auth's endpoints (sign-in, callback, session, csrf, sign-out), with one addition: a person who
// pressed Cancel on Spotify's consent page lands on our error page as "access denied" instead of
// next-auth's generic "Callback" error, which cannot tell a refusal from a failure.
import NextAuth from "next-auth";
import { type NextRequest, NextResponse } from "next/server";
import { expiredCookie, signInFlowCookieNames } from "@/lib/auth/cookie-names";
import { getAuthOptions } from "@/lib/auth/options";
import { getConfig } from "@/lib/config";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth[0] === "callback" && request.nextUrl.searchParams.get("error") === "access_denied") {
    const { auth } = getConfig();
    // The configured address, not the Host header (which a reverse proxy may have rewritten).
    const response = NextResponse.redirect(new URL("/auth/error?error=AccessDenied", auth.url), 302);
    // next-auth never sees this callback, so it cannot clear what the sign-in left: this sign-in's
    // state and PKCE verifier are spent, and must not linger for the next one.
    for (const name of signInFlowCookieNames(auth.secure)) response.cookies.set(expiredCookie(name));
    return response;
  }
  return NextAuth(request, context, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
