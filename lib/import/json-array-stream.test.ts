// The streaming JSON array reader: elements arrive whole however the bytes are cut.
import { describe, expect, it } from "vitest";
import { JsonArrayStream, MalformedJsonError } from "./json-array-stream";

function read(text: string, pieceSize: number) {
  const out: unknown[] = [];
  const stream = new JsonArrayStream("file.json", (value) => out.push(value));
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += pieceSize) stream.push(bytes.subarray(i, i + pieceSize));
  stream.end();
  return out;
}

describe("JsonArrayStream", () => {
  const rows = [
    { ts: "2020-01-01T00:00:00Z", name: 'quote " and brace } and bracket ]', nested: { a: [1, { b: 2 }] } },
    { ts: "2020-01-02T00:00:00Z", name: "東京 ünïcode \\ backslash", n: null },
    {},
  ];
  const text = `\uFEFF  [\n${rows.map((row) => JSON.stringify(row)).join(",\n")}\n]\n`;

  it("emits each element, whatever the chunk size (multi-byte characters split across chunks too)", () => {
    for (const size of [1, 2, 3, 7, 64, 100_000]) expect(read(text, size)).toEqual(rows);
  });

  it("reads an empty array", () => {
    expect(read("[]", 1)).toEqual([]);
  });

  it("refuses what is not one array of objects, saying where", () => {
    expect(() => read('{"a": 1}', 4)).toThrow(
      new MalformedJsonError("file.json is not valid JSON (an array expected at character 0)."),
    );
    expect(() => read("[1, 2]", 4)).toThrow(/an object expected/);
    expect(() => read('[{"a": 1} {"b": 2}]', 4)).toThrow(/a , or \] expected/);
    expect(() => read('[{"a": tru}]', 4)).toThrow(/an unreadable element/);
    expect(() => read('[{"a": 1}', 4)).toThrow("file.json ends in the middle of its JSON.");
    expect(() => read("", 4)).toThrow("file.json is empty.");
    expect(() => read("[] []", 4)).toThrow(/text after the closing \]/);
  });
});
