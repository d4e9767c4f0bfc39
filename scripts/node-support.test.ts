// Node 20 is past its end of life, but CI's machine still runs it: Earshot keeps working on 20 (from
// 20.9, Next.js's floor) while the README recommends an active LTS. This fails when a dependency, or
// the engines field, starts to need a newer major.
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

type Lock = { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
const NODE_20 = ">=20.9.0 <21";

describe("Node support", () => {
  it("keeps engines at 20.9 and up", () => {
    const engines = (JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node;
    expect(semver.minVersion(engines)?.version).toBe("20.9.0");
  });

  it("installs nothing that needs more than Node 20", () => {
    const lock = JSON.parse(read("package-lock.json")) as Lock;
    const tooNew = Object.entries(lock.packages).flatMap(([name, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      // Optional packages are platform builds, skipped where they do not fit.
      if (!range || entry.optional || semver.intersects(range, NODE_20)) return [];
      return [`${name}: node ${range}`];
    });
    expect(tooNew).toEqual([]);
  });

  it("recommends an active LTS in the README", () => {
    expect(read("README.md")).toMatch(/Node\.js 2[24]/);
  });
});
