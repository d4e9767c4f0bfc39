// The signed-in pages the header links to, in order: one list, so a new page is one new entry.
export type NavEntry = { href: string; label: string };

export const NAV_ENTRIES: readonly NavEntry[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/history", label: "History" },
  { href: "/stats", label: "Stats" },
  { href: "/import", label: "Import" },
  { href: "/settings", label: "Settings" },
];
