"use client";
// On a first visit, tells Earshot the browser's time zone (only if none is stored yet, so a zone
// chosen in Settings stays), then shows the page again in it.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { apiFetch } from "@/lib/client/api-fetch";

export function TimeZoneSync() {
  const router = useRouter();
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!timeZone) return;
    apiFetch("/api/account/time-zone", { method: "PUT", json: { timeZone, onlyIfUnset: true } })
      .then(() => router.refresh())
      .catch(() => {
        // Not fatal: the page stays in UTC and says so; Settings can set the zone.
      });
  }, [router]);
  return null;
}
