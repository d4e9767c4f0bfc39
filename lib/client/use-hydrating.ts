"use client";
// Whether this component was first drawn by the server and is being hydrated (true; always true on
// the server), or was mounted in the browser after its part of the page had hydrated (false). What the
// server drew must be drawn again, identically, while hydrating: anything the server cannot know (the
// browser's clock) waits for a render after. Read once per mount: its callers only seed their first
// state with it.
//
// React asks a store's server snapshot exactly when it renders on the server or hydrates, so that is
// what tells: per component, which matters because the dashboard's parts hydrate one after another
// (each in its own Suspense boundary), long after the page's first effects have run. Both snapshots
// are the same value: one that differed would make React re-render every caller synchronously right
// after its hydration commit, flushing all of the page's passive effects in that same task (one long
// task: Lighthouse's blocking time on the dashboard).
import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};
const snapshot = () => 0;
/** How many times React asked for the server snapshot: it did during a call if this moved. */
let serverSnapshotReads = 0;
const serverSnapshot = () => {
  serverSnapshotReads++;
  return 0;
};

export function useHydrating(): boolean {
  const before = serverSnapshotReads;
  useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  const [hydrating] = useState(serverSnapshotReads !== before);
  return hydrating;
}
