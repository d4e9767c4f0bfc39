// Spotify's authorization scopes; /authorize rejects anything else with 400 "Illegal scope".

export const KNOWN_SCOPES = new Set([
  "ugc-image-upload",
  "user-read-playback-state",
  "user-modify-playback-state",
  "user-read-currently-playing",
  "app-remote-control",
  "streaming",
  "playlist-read-private",
  "playlist-read-collaborative",
  "playlist-modify-private",
  "playlist-modify-public",
  "user-follow-modify",
  "user-follow-read",
  "user-read-playback-position",
  "user-top-read",
  "user-read-recently-played",
  "user-library-modify",
  "user-library-read",
  "user-read-email",
  "user-read-private",
  "user-personalized",
  "user-soa-link",
  "user-soa-unlink",
  "soa-manage-entitlements",
  "soa-manage-partner",
  "soa-create-partner",
]);

/** What the consent page says each scope allows. */
export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  "user-read-currently-playing": "See what you're playing right now",
  "user-read-playback-state": "Read your currently playing content and Spotify Connect devices information",
  "user-read-recently-played": "Access your recently played items",
  "user-read-private": "Access your subscription details",
  "user-read-email": "Get your real email address",
};

export function parseScopes(scope: string | null): string[] {
  return (scope ?? "").split(/[\s+]+/).filter((s) => s.length > 0);
}
