"use client";
// Keeps the rows of a list where they were on screen when rows are inserted above them, then lets
// them glide to their new place: the move is drawn with a transform, which is not a layout shift
// (a new play arriving at the top of the recent list would otherwise push every row down at once).
import { type RefObject, useLayoutEffect, useRef } from "react";

const GLIDE_MS = 300;

/** After every render, rows (`selector` inside `container`) that moved start where they were and glide. */
export function useKeepPlace(container: RefObject<HTMLElement | null>, selector: string) {
  const previous = useRef(new WeakMap<Element, number>());
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const rows = [...root.querySelectorAll<HTMLElement>(selector)];
    // Where each row is laid out now, relative to its offset parent (so that scrolling is not a move).
    const tops = rows.map((row) => row.offsetTop);
    const moved: HTMLElement[] = [];
    rows.forEach((row, i) => {
      const before = previous.current.get(row);
      const now = tops[i]!;
      previous.current.set(row, now);
      if (before === undefined || before === now) return;
      row.style.transition = "none";
      row.style.transform = `translateY(${before - now}px)`;
      moved.push(row);
    });
    if (moved.length === 0) return;
    // Commit the starting point, then glide to the laid-out place.
    void root.offsetHeight;
    for (const row of moved) {
      row.style.transition = `transform ${GLIDE_MS}ms ease-out`;
      row.style.transform = "";
    }
  });
}
