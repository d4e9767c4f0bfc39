// Resident memory of processes the benchmarks start, read from /proc (Linux).
import { readdirSync, readFileSync } from "node:fs";

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const tree: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    tree.push(current);
    stack.push(...(children.get(current) ?? []));
  }
  return tree;
}

/** RSS of one process in MiB (0 once it is gone). */
export function rssMiB(pid: number): number {
  try {
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return Number(rss?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The Next.js server below a launcher: the process that calls itself `next-server`. */
export function nextServerPid(launcherPid: number): number | null {
  for (const pid of processTree(launcherPid)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("next-server")) return pid;
    } catch {
      // gone
    }
  }
  return null;
}
