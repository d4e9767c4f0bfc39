// One simulated person of bench:scale: a dashboard tab and a history tab, open for the whole run,
// asking exactly what the real pages ask, when they ask it:
//   dashboard - the player on the real schedule (lib/client/poll-schedule.ts, with the person's phase);
//               on opening, the recent list's first page (the store's newest plays, then one `after=`
//               call); when the playing item changes, `after=` checks at 0 s, 3 s and 35 s until
//               something new arrives (lib/client/use-recent-plays.ts);
//   history   - the first page every 15 s with the ETag of the last one (lib/client/use-live-history.ts).
// Requests alternate between the app's instances (a round-robin proxy would do the same).
import type { PlayerState, RecentPlays, HistoryPage } from "@/lib/listening";
import { RECENT_PLAYS_PAGE_SIZE, RECENT_PLAYS_WINDOW, HISTORY_PAGE_SIZE } from "@/lib/listening/limits";
import { liveHistoryPhaseMs, pollPhaseMs } from "@/lib/client/poll-phase";
import { POLL, alignedDelay, nextPollDelay } from "@/lib/client/poll-schedule";
import { ApiClientError, errorFromResponse } from "@/lib/client/api-fetch";
import { RECHECK_DELAYS_MS } from "@/lib/client/use-recent-plays";

export type Sample = {
  route: "spotify" | "history";
  /** The path without its query, for a closer look at the slow ones (bench/results/scale-*.json). */
  path: string;
  ms: number;
  at: number;
  status: number;
};

export type CrowdStats = {
  samples: Sample[];
  /** /api/spotify/* requests answered 200: each may cost at most one upstream call. */
  spotifyAnswered: number;
  errors: { at: number; route: string; status: number; code: string }[];
};

const sleep = (ms: number, stop: { until: number }) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, stop.until - Date.now()))));

export class Person {
  private next = 0;
  private player: PlayerState | undefined;
  private error: unknown = null;
  private streak = 0;
  private newestPlay: number | null = null;
  private historyTag: string | null = null;

  constructor(
    readonly listener: string,
    private readonly cookie: string,
    private readonly appUrls: readonly string[],
    private readonly stats: CrowdStats,
    private readonly stop: { until: number },
  ) {
    this.next = Math.floor(Math.random() * appUrls.length);
  }

  private async get(path: string, headers: Record<string, string> = {}) {
    const url = `${this.appUrls[this.next]}${path}`;
    this.next = (this.next + 1) % this.appUrls.length;
    const route = path.startsWith("/api/history") ? "history" : "spotify";
    const started = performance.now();
    let status = 0;
    let text = "";
    let etag: string | null = null;
    try {
      const response = await fetch(url, {
        headers: { cookie: this.cookie, accept: "application/json", ...headers },
      });
      status = response.status;
      etag = response.headers.get("etag");
      text = await response.text();
      const ms = performance.now() - started;
      this.stats.samples.push({ route, path: path.split("?")[0]!, ms, at: Date.now(), status });
      if (status === 200 || status === 304) {
        if (route === "spotify") this.stats.spotifyAnswered++;
        return { status, body: status === 200 ? (JSON.parse(text) as unknown) : null, etag };
      }
      const error = errorFromResponse(status, response.headers.get("retry-after"), text);
      this.stats.errors.push({ at: Date.now(), route: path, status, code: error.code });
      throw error;
    } catch (error) {
      if (error instanceof ApiClientError) throw error;
      this.stats.errors.push({ at: Date.now(), route: path, status, code: "network_error" });
      throw new ApiClientError(0, "network_error", String(error));
    }
  }

  /** Runs both tabs until the stop time. */
  async run(): Promise<void> {
    await Promise.all([this.dashboard(), this.history()]);
  }

  private async dashboard() {
    await this.pollPlayer();
    await this.firstRecentPage().catch(() => undefined);
    const phaseMs = pollPhaseMs(this.listener);
    while (Date.now() < this.stop.until) {
      const delay = nextPollDelay({
        player: this.player,
        offsetMs: 0,
        error: this.error,
        failureStreak: this.streak,
        now: Date.now(),
        phaseMs,
      });
      if (delay === false) return; // a sign-in would be needed: the page stops polling
      await sleep(delay, this.stop);
      if (Date.now() >= this.stop.until) return;
      const before = this.itemKey();
      await this.pollPlayer();
      if (this.player && this.itemKey() !== before) void this.recheckRecent();
    }
  }

  private itemKey() {
    const player = this.player;
    return player && "item" in player && player.item
      ? `${player.item.kind}:${player.item.id ?? player.item.title}|${player.state}`
      : `none|${player?.state}`;
  }

  private async pollPlayer() {
    try {
      this.player = (await this.get("/api/spotify/player")).body as PlayerState;
      this.error = null;
      this.streak = 0;
    } catch (error) {
      this.error = error;
      this.streak++;
    }
  }

  private async firstRecentPage() {
    const stored = (await this.get(`/api/history?limit=${RECENT_PLAYS_PAGE_SIZE}`)).body as HistoryPage;
    const newest = stored.plays[0] ? Date.parse(stored.plays[0].playedAt) : null;
    if (newest === null) {
      const page = (await this.get(`/api/spotify/recently-played?limit=${RECENT_PLAYS_PAGE_SIZE}`))
        .body as RecentPlays;
      this.newestPlay = page.plays[0] ? Date.parse(page.plays[0].playedAt) : null;
      return;
    }
    this.newestPlay = newest;
    await this.checkNewer();
  }

  /** One `after=` check; true when something new arrived. */
  private async checkNewer(): Promise<boolean> {
    if (this.newestPlay === null) return false;
    const params = new URLSearchParams({
      limit: String(RECENT_PLAYS_WINDOW),
      after: String(this.newestPlay),
    });
    const page = (await this.get(`/api/spotify/recently-played?${params}`)).body as RecentPlays;
    const newest = page.plays[0] ? Date.parse(page.plays[0].playedAt) : null;
    if (newest !== null && newest > this.newestPlay) {
      this.newestPlay = newest;
      return true;
    }
    return false;
  }

  private async recheckRecent() {
    let waited = 0;
    for (const at of RECHECK_DELAYS_MS) {
      await sleep(at - waited, this.stop);
      waited = at;
      if (Date.now() >= this.stop.until) return;
      if (await this.checkNewer().catch(() => false)) return;
    }
  }

  private async history() {
    // The history tab opens a little after the dashboard, then checks on its 15 s grid, shifted by
    // the person's phase (lib/client/use-live-history.ts).
    await sleep(Math.random() * POLL.liveHistoryMs, this.stop);
    const phaseMs = liveHistoryPhaseMs(this.listener);
    while (Date.now() < this.stop.until) {
      try {
        const answer = await this.get(
          `/api/history?limit=${HISTORY_PAGE_SIZE}`,
          this.historyTag ? { "if-none-match": this.historyTag } : {},
        );
        if (answer.status === 200 && answer.etag) this.historyTag = answer.etag;
      } catch {
        // counted; the page tries again at its next check
      }
      await sleep(alignedDelay(POLL.liveHistoryMs, Date.now() - phaseMs), this.stop);
    }
  }
}
