// Request counters tests read to assert how much "upstream" traffic the app generated.

export interface CountersSnapshot {
  requests: Record<string, number>;
  requestsByAccessToken: Record<string, number>;
  refreshGrants: number;
  codeGrants: number;
  tokenErrors: number;
  rateLimited: number;
  upstreamByListener: Record<string, number>;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export class Counters {
  private data: CountersSnapshot = Counters.empty();

  private static empty(): CountersSnapshot {
    return {
      requests: {},
      requestsByAccessToken: {},
      refreshGrants: 0,
      codeGrants: 0,
      tokenErrors: 0,
      rateLimited: 0,
      upstreamByListener: {},
    };
  }

  request(method: string, path: string): void {
    bump(this.data.requests, `${method} ${path}`);
  }

  accessToken(token: string): void {
    bump(this.data.requestsByAccessToken, token);
  }

  upstream(listenerId: string): void {
    bump(this.data.upstreamByListener, listenerId);
  }

  refreshGrant(): void {
    this.data.refreshGrants++;
  }

  codeGrant(): void {
    this.data.codeGrants++;
  }

  tokenError(): void {
    this.data.tokenErrors++;
  }

  rateLimitedResponse(): void {
    this.data.rateLimited++;
  }

  snapshot(): CountersSnapshot {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = Counters.empty();
  }
}
