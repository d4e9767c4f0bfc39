// A play's artists (or a show), comma-separated, each a link to Spotify when it has one. Inline, so
// the caller's line decides truncation; the now-playing card and every play row render it.
import type { Link } from "@/lib/listening";
import { MaybeLink } from "@/components/ui/maybe-link";

export function ArtistLinks({ artists }: { artists: readonly Link[] }) {
  return artists.map((artist, index) => (
    <span key={`${artist.name}-${index}`}>
      {index > 0 ? ", " : null}
      <MaybeLink href={artist.url}>{artist.name}</MaybeLink>
    </span>
  ));
}
