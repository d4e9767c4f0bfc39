// The share settings as the Settings page gets them: the links as full URLs on the app's public
// address (NEXTAUTH_URL), never the bare secret.
import "server-only";
import { getConfig } from "@/lib/config";
import type { ShareSettings } from "./share-links";
import type { ShareOptions } from "./share-options";

export type ShareLinks = {
  enabled: boolean;
  options: ShareOptions;
  /** Null until sharing was first turned on. */
  overlayUrl: string | null;
  cardUrl: string | null;
};

export function toShareLinks({ enabled, options, secret }: ShareSettings): ShareLinks {
  const base = `${getConfig().auth.url}/share/${secret}`;
  return {
    enabled,
    options,
    overlayUrl: secret ? `${base}/overlay` : null,
    cardUrl: secret ? `${base}/card.svg` : null,
  };
}
