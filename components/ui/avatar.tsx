// The listener's picture, or their initials on a tinted circle when Spotify has none.
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [parts[0]];
  return letters.map((part) => [...(part ?? "")][0]?.toUpperCase() ?? "").join("") || "?";
}

export function Avatar({ name, image }: { name: string; image: string | null }) {
  if (image) {
    // The box holds the size, not the image: an `alt=""` image that is still loading (or failed)
    // may be laid out at 0×0 by the browser, and the header shifted when it arrived.
    return (
      <span className="inline-block size-8 shrink-0 overflow-hidden rounded-full bg-accent/10 ring-1 ring-black/10 dark:ring-white/10">
        <img
          src={image}
          alt=""
          width={32}
          height={32}
          className="block size-8 object-cover"
          referrerPolicy="no-referrer"
        />
      </span>
    );
  }
  return (
    <span
      aria-hidden="true"
      className="inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-accent/20 text-xs font-semibold text-accent-strong dark:text-accent"
    >
      {initials(name)}
    </span>
  );
}
