// Spotify's three-wave mark, drawn inline (no icon library, no external request).
export function SpotifyGlyph({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className={className} fill="currentColor">
      <path d="M12 1.5a10.5 10.5 0 1 0 0 21 10.5 10.5 0 0 0 0-21Zm4.82 15.15a.66.66 0 0 1-.9.22c-2.48-1.52-5.6-1.86-9.27-1.02a.66.66 0 1 1-.3-1.28c4.02-.92 7.47-.52 10.25 1.18.31.19.41.6.22.9Zm1.29-2.86a.82.82 0 0 1-1.13.27c-2.84-1.75-7.17-2.25-10.53-1.23a.82.82 0 1 1-.48-1.57c3.84-1.17 8.61-.6 11.87 1.4.39.24.51.74.27 1.13Zm.11-2.98C14.82 8.79 9.2 8.6 5.95 9.59a.99.99 0 1 1-.57-1.89c3.73-1.13 9.94-.91 13.85 1.41a.99.99 0 0 1-1.01 1.7Z" />
    </svg>
  );
}
