// The dashboard. Who is looking comes from the session cookie (the group's gate, ./viewer.ts);
// everything live is fetched by the browser from /api/spotify/* (components/dashboard/dashboard.tsx).
import type { Metadata } from "next";
import { Dashboard } from "@/components/dashboard/dashboard";
import { requireViewer } from "../viewer";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await requireViewer();
  return <Dashboard viewer={viewer} />;
}
