"use client";
// Whether this render is the server's or the browser's hydration of it (true), or a render in the
// browser after that (false). What the server drew must be drawn again, identically, while hydrating:
// anything the server cannot know (the browser's clock) waits for the render after.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrating(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => false,
    () => true,
  );
}
