// The refresh-token grant against Spotify's Accounts service (or the emulator): one HTTP call, no policy.
import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import type { SpotifyGrant } from "./spotify-grant";

const REFRESH_TIMEOUT_MS = 8_000;

const tokenReply = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  // Spotify usually omits it since 2026-07; a rotating provider sends a new one and revokes the old.
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

const tokenErrorReply = z.object({ error: z.string(), error_description: z.string().optional() });

/**
 * `permanent`: Spotify refused the refresh token (revoked, expired, unknown); only a new sign-in helps.
 * `transient`: the service failed or did not answer; trying again later may work.
 */
export class RefreshError extends Error {
  override name = "RefreshError";
  constructor(
    readonly kind: "permanent" | "transient",
    message: string,
  ) {
    super(message);
  }
}

export async function requestRefreshGrant(refreshToken: string, now = Date.now): Promise<SpotifyGrant> {
  const { spotify } = getConfig();
  const basic = Buffer.from(`${spotify.clientId}:${spotify.clientSecret}`).toString("base64");
  let response: Response;
  try {
    response = await fetch(`${spotify.accountsUrl}/api/token`, {
      method: "POST",
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
      signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (error) {
    throw new RefreshError("transient", `token endpoint unreachable: ${describe(error)}`);
  }

  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = tokenErrorReply.safeParse(body);
    const code = parsed.success ? parsed.data.error : `HTTP ${response.status}`;
    const detail = parsed.success ? (parsed.data.error_description ?? "") : "";
    // invalid_grant: this person's refresh token is revoked or past its 6 months; only their new
    // sign-in helps. invalid_client is the app's credentials (a rotated secret, a typo): every
    // person would get it, and fixing the configuration must bring them all back, so it is not
    // treated as the person's sign-in being refused.
    const permanent = code === "invalid_grant";
    if (code === "invalid_client") {
      console.error(
        "Spotify refused Earshot's client credentials (invalid_client): check SPOTIFY_CLIENT_SECRET",
      );
    }
    throw new RefreshError(permanent ? "permanent" : "transient", `${code} ${detail}`.trim());
  }
  const parsed = tokenReply.safeParse(body);
  if (!parsed.success) throw new RefreshError("transient", "token endpoint answered with an unexpected body");

  const lifetimeMs = parsed.data.expires_in * 1000;
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token ?? refreshToken,
    expiresAt: now() + lifetimeMs,
    lifetimeMs,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
