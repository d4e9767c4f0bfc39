import { describe, expect, it } from "vitest";
import { decodeListenerTime, encodeListenerTime } from "./listener-time";

describe("the listener's time cookie", () => {
  it("reads back what the browser wrote", () => {
    const time = { timeZone: "America/Argentina/Buenos_Aires", locale: "es-AR" };
    expect(decodeListenerTime(encodeListenerTime(time))).toEqual(time);
    expect(decodeListenerTime(encodeListenerTime({ timeZone: "Etc/GMT+5", locale: "en-GB" }))).toEqual({
      timeZone: "Etc/GMT+5",
      locale: "en-GB",
    });
  });

  it("gives the locale in its canonical form", () => {
    expect(decodeListenerTime(encodeListenerTime({ timeZone: "UTC", locale: "EN-us" }))).toEqual({
      timeZone: "UTC",
      locale: "en-US",
    });
  });

  it("refuses anything that is not a known zone and a locale", () => {
    for (const value of [
      undefined,
      "",
      "UTC",
      encodeURIComponent("Mars/Olympus_Mons en-US"),
      encodeURIComponent("UTC not_a_locale!"),
      encodeURIComponent("UTC en-US extra"),
      "%E0%A4%A",
      "x".repeat(500),
    ]) {
      expect(decodeListenerTime(value)).toBeNull();
    }
  });
});
