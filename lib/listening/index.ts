// The listening domain's types, for `import type { … } from "@/lib/listening"`. Its rules live in
// modules of their own, imported by path: plays (what counts as a play), playback (the playhead),
// images (cover sizes and kinds), limits (Spotify's window and the page size).
export type * from "./types";
