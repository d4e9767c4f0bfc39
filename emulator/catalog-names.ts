// Word banks for the invented music catalog; every artist, album and show name here is made up.

export const ARTIST_NAMES = [
  "Velvet Orchard",
  "Juno Halloway",
  "The Static Tides",
  "Moth Parade",
  "Ilse Marrow",
  "Copperline Choir",
  "Kestrel Bloom",
  "Paper Satellites",
  "Orla Vantreck",
  "Dune Cartographers",
  "Felix Amberly",
  "Glasshouse Echo",
  "Quill & Quarry",
  "Harbor Lamps",
  "Saffi Ondine",
  "Nightjar Assembly",
] as const;

export const TITLE_ADJECTIVES = [
  "Amber",
  "Quiet",
  "Electric",
  "Hollow",
  "Golden",
  "Paper",
  "Silver",
  "Borrowed",
  "Velvet",
  "Midnight",
  "Restless",
  "Salt",
  "Northern",
  "Slow",
  "Neon",
  "Painted",
  "Distant",
  "Tidal",
  "Crooked",
  "Wild",
  "Glass",
  "Lucky",
  "Secret",
  "Summer",
] as const;

export const TITLE_NOUNS = [
  "Harbour",
  "Lanterns",
  "Atlas",
  "Orchard",
  "Signals",
  "Rivers",
  "Satellite",
  "Static",
  "Letters",
  "Weather",
  "Machines",
  "Mirrors",
  "Horizon",
  "Gardens",
  "Engines",
  "Comets",
  "Tides",
  "Radio",
  "Streetlights",
  "Arcade",
  "Balconies",
  "Echoes",
  "Postcards",
  "Wolves",
] as const;

export const TITLE_PATTERNS: readonly ((adj: string, noun: string, noun2: string) => string)[] = [
  (a, n) => `${a} ${n}`,
  (_a, n, n2) => `${n} & ${n2}`,
  (_a, n) => `The ${n}`,
  (a) => `${a}`,
  (a, n) => `Where the ${a} ${n} Go`,
  (_a, n, n2) => `${n} for ${n2}`,
  (a, n) => `${a} ${n} (Reprise)`,
  (a) => `Nothing ${a}`,
];

export const SHOWS = [
  {
    name: "Liner Notes After Dark",
    publisher: "Tin Cup Audio",
    description: "Two friends pick one album a week and argue about it until sunrise.",
  },
  {
    name: "The Slow Commute",
    publisher: "Ferry Street Media",
    description: "Calm conversations about cities, trains and the people who keep them running.",
  },
] as const;

export const EPISODE_TITLES = [
  "The Album That Rewired My Brain",
  "B-Sides Nobody Asked For",
  "Night Buses of the World",
  "Why Every Bridge Needs a Drummer",
  "The Long Way Home",
  "Mailbag: Your Worst Mixtapes",
] as const;

export const LOCAL_FILES = [
  { artist: "Tape Hiss Club", album: "Basement Demos", title: "Rough Cut (Voice Memo)" },
  { artist: "Uncle Bram", album: "Wedding Set 2019", title: "First Dance (Live)" },
  { artist: "Unknown Artist", album: "Rips", title: "Track 07" },
] as const;
