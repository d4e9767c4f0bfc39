// GET /share/<secret>/events: the overlay's Server-Sent Events. Each viewer joins the link's feed
// (lib/share/share-feed.ts): the current view at once, then every change. The stream ends with a
// `closed` event when the owner turns sharing off or resets the links; an unknown link is a 404.
import { errorResponse, methodNotAllowed } from "@/lib/api/route-handler";
import { API_CSP, NOINDEX } from "@/lib/security-headers";
import type { FeedEvent } from "@/lib/share/share-feed";
import { openLink, shareFeeds } from "@/lib/share/share-service";

export const dynamic = "force-dynamic";

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

export async function GET(request: Request, { params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const encoder = new TextEncoder();
  const stop = () => {
    unsubscribe();
    clearInterval(heartbeat);
  };
  try {
    const listener = await openLink(secret);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop(); // the viewer has gone
          }
        };
        write("retry: 3000\n\n");
        unsubscribe = shareFeeds.watch(secret, listener, (event: FeedEvent) => {
          if (event.type === "closed") {
            write("event: closed\ndata: {}\n\n");
            stop();
            controller.close();
            return;
          }
          write(`event: view\ndata: ${JSON.stringify(event)}\n\n`);
        });
        heartbeat = setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS);
        request.signal.addEventListener("abort", stop, { once: true });
      },
      cancel: stop,
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store, no-transform",
        // nginx and others buffer responses by default, which would hold events back.
        "X-Accel-Buffering": "no",
        "Content-Security-Policy": API_CSP,
        "X-Robots-Tag": NOINDEX,
      },
    });
  } catch (error) {
    stop();
    return errorResponse(error);
  }
}

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
