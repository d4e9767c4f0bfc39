"use client";
// The navigation between the signed-in pages, with the current one marked for sight and for screen
// readers (aria-current). Client-side, because only the browser knows the current path after a
// client navigation (the layout that renders it is not rendered again).
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { focusRing } from "@/components/ui/button";
import { NAV_ENTRIES } from "./nav-entries";

export function AppNav() {
  const pathname = usePathname();
  const router = useRouter();
  return (
    // On a phone the entries may not all fit beside the logo and the account: they scroll sideways
    // rather than run under the avatar.
    <nav aria-label="Main" className="min-w-0 overflow-x-auto [scrollbar-width:none]">
      <ul className="flex items-center sm:gap-1">
        {NAV_ENTRIES.map((entry) => {
          const current = pathname === entry.href || pathname.startsWith(`${entry.href}/`);
          return (
            <li key={entry.href}>
              <Link
                href={entry.href}
                // Prefetched when the pointer or focus comes near, not as soon as the header is drawn:
                // on a page's load the prefetches' requests and their processing competed with the
                // page's own hydration, and these pages are drawn per request anyway.
                prefetch={false}
                onPointerEnter={() => router.prefetch(entry.href)}
                onFocus={() => router.prefetch(entry.href)}
                aria-current={current ? "page" : undefined}
                className={`block rounded-full px-2 py-1.5 text-sm font-medium whitespace-nowrap transition-colors sm:px-3 ${focusRing} ${
                  current
                    ? "bg-zinc-200/80 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
                    : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                }`}
              >
                {entry.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
