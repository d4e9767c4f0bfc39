// A layout cannot see the URL it renders for, but the gate of the signed-in pages must send a signed-out
// visitor back to the page they asked for. proxy.ts copies the path into this request header (always
// overwriting what the browser sent), and the gate reads it.
export const REQUEST_PATH_HEADER = "x-earshot-path";
