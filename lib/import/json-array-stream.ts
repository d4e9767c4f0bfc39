// Reads a JSON array of objects as it arrives, one element at a time, so that a file of Spotify's
// export (up to tens of MB) is never held whole: only the element being read is buffered. Spotify's
// rows are flat objects; nested values are handled too (depth is counted), strings with escaped
// quotes and brackets are skipped over. Anything that is not an array of objects is a clear error.

export class MalformedJsonError extends Error {
  override name = "MalformedJsonError";
}

export class JsonArrayStream {
  private readonly decoder = new TextDecoder("utf-8", { fatal: false });
  /** Before `[`, inside the array between elements, inside an element, after `]`. */
  private state: "start" | "between" | "element" | "end" = "start";
  /** After an element: a `,` or `]` is due before anything else. */
  private expectSeparator = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = "";
  private position = 0;
  private sawBom = false;

  constructor(
    private readonly label: string,
    private readonly onElement: (value: unknown) => void,
  ) {}

  push(bytes: Uint8Array): void {
    this.feed(this.decoder.decode(bytes, { stream: true }));
  }

  /** The input is over: it must have been one whole array. */
  end(): void {
    this.feed(this.decoder.decode());
    if (this.state !== "end") {
      throw new MalformedJsonError(
        this.state === "start" ? `${this.label} is empty.` : `${this.label} ends in the middle of its JSON.`,
      );
    }
  }

  private fail(what: string, at = this.position): never {
    throw new MalformedJsonError(`${this.label} is not valid JSON (${what} at character ${at}).`);
  }

  private feed(text: string): void {
    let start = 0; // where the current element's text begins within `text` (state "element")
    let i = 0;
    let backslash = text.indexOf("\\"); // the next backslash at or after i (-1: none left)
    while (i < text.length) {
      if (this.state === "element") {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        if (this.inString) {
          // Most of a row is inside strings: jump to the closing quote (indexOf is far faster than
          // looking at each character), unless a backslash comes first.
          if (backslash !== -1 && backslash < i) backslash = text.indexOf("\\", i);
          const quote = text.indexOf('"', i);
          if (backslash !== -1 && (quote === -1 || backslash < quote)) {
            this.escaped = true;
            i = backslash + 1;
            continue;
          }
          if (quote === -1) {
            i = text.length;
            break;
          }
          this.inString = false;
          i = quote + 1;
          continue;
        }
        const c = text.charCodeAt(i);
        if (c === 34 /* " */) this.inString = true;
        else if (c === 123 /* { */ || c === 91 /* [ */) this.depth++;
        else if (c === 125 /* } */ || c === 93 /* ] */) {
          if (--this.depth === 0) {
            this.element += text.slice(start, i + 1);
            this.emit();
            this.state = "between";
            this.expectSeparator = true;
          }
        }
        i++;
        continue;
      }
      const c = text.charCodeAt(i);
      const at = this.position + i;
      i++;
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (this.state === "start") {
        if (c === 0xfeff && !this.sawBom) {
          this.sawBom = true;
          continue;
        }
        if (c !== 91) this.fail("an array expected", at);
        this.state = "between";
        continue;
      }
      if (this.state === "end") this.fail("text after the closing ]", at);
      // between elements
      if (c === 93) {
        this.state = "end";
        continue;
      }
      if (this.expectSeparator) {
        if (c !== 44 /* , */) this.fail("a , or ] expected", at);
        this.expectSeparator = false;
        continue;
      }
      if (c !== 123) this.fail("an object expected", at);
      this.state = "element";
      this.depth = 1;
      this.element = "";
      start = i - 1;
    }
    if (this.state === "element") this.element += text.slice(start);
    this.position += text.length;
  }

  private emit(): void {
    let value: unknown;
    try {
      value = JSON.parse(this.element);
    } catch {
      this.fail("an unreadable element");
    }
    this.element = "";
    this.onElement(value);
  }
}
