import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/api/route-handler";
import { ApiError } from "@/lib/errors";
import { historyQuery } from "./schema";

const parse = (query: string) => parseQuery(historyQuery, `http://app.test/api/history?${query}`);
const rejection = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    return error as ApiError;
  }
  throw new Error(`?${query} was accepted`);
};

describe("GET /api/history's query", () => {
  it("takes every filter, and defaults the page size", () => {
    expect(parse("")).toEqual({ limit: 50 });
    expect(
      parse(
        "q=%20beyonc%C3%A9%20&from=2024-03-01T00:00:00%2B01:00&to=2024-04-01T00:00:00Z&artist=spotify:artist:x&album=local:album:y&source=imported&limit=200&cursor=h1.a.b",
      ),
    ).toEqual({
      q: "beyoncé",
      from: new Date("2024-02-29T23:00:00Z"),
      to: new Date("2024-04-01T00:00:00Z"),
      artist: "spotify:artist:x",
      album: "local:album:y",
      source: "imported",
      limit: 200,
      cursor: "h1.a.b",
    });
  });

  it("answers 400 invalid_request naming the problem", () => {
    for (const [query, message] of [
      ["limit=0", /limit must be from 1 to 200/],
      ["limit=201", /limit must be from 1 to 200/],
      ["from=yesterday", /from must be a date and time with its offset/],
      ["to=2024-03-01", /to must be a date and time with its offset/],
      ["from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z", /from must be before to/],
      ["artist=beyonce", /artist must be an Earshot key/],
      ["source=spotify", /source must be recorded or imported/],
      [`q=${"a".repeat(201)}`, /q must be at most 200 characters/],
      ["offset=100", /^Unknown parameter: offset\./],
    ] as const) {
      const error = rejection(query);
      expect(error).toBeInstanceOf(ApiError);
      expect(error.code).toBe("invalid_request");
      expect(error.status).toBe(400);
      expect(error.message).toMatch(message);
    }
  });
});
