/**
 * Subgraph calls over node:http(s) with kept-alive sockets. Node's own fetch (undici) builds
 * WHATWG streams, an AbortSignal with its timer and a transferable Response for every call: in a
 * CPU profile of the gateway answering a one-subgraph read, that machinery (makeTransferable,
 * createAbortSignal, webstreams) outweighed any code of ours (BENCHMARKS.md). The gateway only
 * ever POSTs JSON and reads a whole JSON answer, so a plain request is enough.
 */
import http from 'node:http';
import https from 'node:https';

/** The part of a fetch Response that RemoteGraphQLDataSource and our data source read. */
export class SubgraphResponse {
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    rawHeaders: http.IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = new Headers();
    for (const [name, value] of Object.entries(rawHeaders)) {
      if (value !== undefined) this.headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }

  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.body) as unknown);
  }
}

export class SubgraphTimeout extends Error {
  override readonly name = 'TimeoutError';
}

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * POSTs `body` to `url`, failing with SubgraphTimeout when no whole answer came within `timeoutMs`.
 * A kept-alive socket the subgraph closed while idle fails the first write with ECONNRESET before
 * the subgraph read anything: that call is sent once more on a new socket, as Node's docs advise.
 */
export function postToSubgraph(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SubgraphResponse> {
  const target = new URL(url);
  const deadline = Date.now() + timeoutMs;
  const attempt = (retry: boolean): Promise<SubgraphResponse> =>
    post(target, headers, body, deadline - Date.now()).catch((error: Error & { code?: string; reusedSocket?: boolean }) => {
      if (retry && error.reusedSocket && error.code === 'ECONNRESET') return attempt(false);
      throw error;
    });
  return attempt(true);
}

function post(target: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SubgraphResponse> {
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      { method: 'POST', agent: agents[target.protocol as keyof typeof agents], headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve(new SubgraphResponse(target.href, response.statusCode ?? 0, response.statusMessage ?? '', response.headers, text));
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new SubgraphTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (error: Error & { reusedSocket?: boolean }) => {
      clearTimeout(timer);
      error.reusedSocket = request.reusedSocket;
      reject(error);
    });
    request.end(body);
  });
}
