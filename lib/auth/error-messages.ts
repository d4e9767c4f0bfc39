// What Earshot's error page says for each of next-auth's error codes (and our AccessDenied).
export type AuthErrorMessage = { title: string; detail: string };

export function describeAuthError(code: string | undefined): AuthErrorMessage {
  switch (code) {
    case "AccessDenied":
      return {
        title: "Spotify access was not granted",
        detail:
          "You chose Cancel on Spotify's consent screen, so Earshot cannot see your listening. You can try again at any time.",
      };
    case "OAuthCallback":
    case "Callback":
    case "OAuthSignin":
    case "State":
      return {
        title: "Sign-in could not be completed",
        detail:
          "The answer from Spotify did not match the sign-in this browser started (it may have expired, or been opened in another browser or tab). Please start again.",
      };
    case "Configuration":
    case "configuration":
      return {
        title: "Earshot is not configured correctly",
        detail:
          "The server's Spotify settings are missing or wrong. If you run this Earshot, check SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, NEXTAUTH_URL and NEXTAUTH_SECRET (see .env.local.example).",
      };
    default:
      return { title: "Something went wrong while signing in", detail: "Please try again." };
  }
}
