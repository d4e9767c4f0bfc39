// A play's artists (or a show), comma-separated, each a link to Spotify when it has one, or to a
// filter of the history when the caller gives one. Inline, so the caller's line decides truncation;
// the now-playing card and every play row render it.
import NextLink from "next/link";
import type { ReactNode } from "react";
import type { Link } from "@/lib/listening";
import { focusRing } from "@/components/ui/button";
import { MaybeLink } from "@/components/ui/maybe-link";

export function ArtistLinks({
  artists,
  filterHrefs,
}: {
  artists: readonly Link[];
  /** Per artist, a page of Earshot to link to instead of Spotify. */
  filterHrefs?: readonly string[];
}) {
  return artists.map((artist, index) => {
    const filter = filterHrefs?.[index];
    return (
      <span key={`${artist.name}-${index}`}>
        {index > 0 ? ", " : null}
        {filter ? (
          <FilterLink href={filter} label={`Show plays by ${artist.name}`}>
            {artist.name}
          </FilterLink>
        ) : (
          <MaybeLink href={artist.url}>{artist.name}</MaybeLink>
        )}
      </span>
    );
  });
}

/** A link within Earshot that narrows a list (same tab; the name says what it does). */
export function FilterLink({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  return (
    <NextLink
      href={href}
      title={label}
      scroll={false}
      className={`rounded-sm underline-offset-2 hover:underline ${focusRing}`}
    >
      {children}
    </NextLink>
  );
}
