// The dashboard: signed-in listeners only. Who is looking is read from the session cookie here;
// everything live is fetched by the browser from /api/spotify/* (components/dashboard/dashboard.tsx).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { getConfig } from "@/lib/config";
import { Dashboard } from "@/components/dashboard/dashboard";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=%2Fdashboard");
  return <Dashboard viewer={viewer} demo={getConfig().mode === "demo"} />;
}
