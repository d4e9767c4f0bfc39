// The dashboard's page grid: card on top and list below on a phone, side by side from `lg`, the card
// staying in view while the list scrolls.
import type { ReactNode } from "react";

export function DashboardMain({
  notice,
  card,
  list,
}: {
  notice?: ReactNode;
  card: ReactNode;
  list: ReactNode;
}) {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 pt-5 pb-16 sm:px-6 sm:pt-8">
      <h1 className="sr-only">Your listening</h1>
      {/* Floats over the page: a notice coming and going must not push the card and list around. */}
      {notice ? (
        <div className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex justify-center px-4 sm:bottom-6">
          <div className="pointer-events-auto w-full max-w-xl shadow-lg">{notice}</div>
        </div>
      ) : null}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] lg:items-start lg:gap-8">
        <div className="lg:sticky lg:top-24">{card}</div>
        <div className="min-w-0">{list}</div>
      </div>
    </main>
  );
}
