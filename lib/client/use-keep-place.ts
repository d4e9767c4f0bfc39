"use client";
// Keeps the rows of a list where they were on screen when rows are inserted above them, then lets
// them glide to their new place: the move is drawn with a transform, which is not a layout shift
// (a new play arriving at the top of the recent list would otherwise push every row down at once).
import { type RefObject, useLayoutEffect, useRef } from "react";

const GLIDE_MS = 300;

/** After every render, rows (`selector` inside `container`) that moved start where they were and glide. */
export function useKeepPlace(container: RefObject<HTMLElement | null>, selector: string) {
  const previous = useRef(new WeakMap<Element, number>());
  // Cancels a first measure still waiting for the browser's own layout (see below).
  const cancelFirstMeasure = useRef<(() => void) | null>(null);
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    cancelFirstMeasure.current?.();
    const rows = [...root.querySelectorAll<HTMLElement>(selector)];
    // Rows never measured (the list's first fill) have nowhere to glide from: reading their places now
    // would only force a layout inside React's commit, in one long task with the render. They are read
    // once the browser has laid the page out (cheap then). A render before that starts over: the rows
    // it moves had no known place yet, so they do not glide, as on a first fill.
    if (rows.length > 0 && rows.every((row) => !previous.current.has(row))) {
      let timer = 0;
      const frame = window.requestAnimationFrame(() => {
        timer = window.setTimeout(() => {
          cancelFirstMeasure.current = null;
          for (const row of rows) if (row.isConnected) previous.current.set(row, row.offsetTop);
        }, 0);
      });
      cancelFirstMeasure.current = () => {
        window.cancelAnimationFrame(frame);
        window.clearTimeout(timer);
        cancelFirstMeasure.current = null;
      };
      return;
    }
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
