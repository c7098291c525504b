/**
 * The load generator, in a process of its own so its work never shares a thread with the
 * servers it measures. The benchmark forks it and sends one job at a time over IPC; for each it
 * keeps `connections` keep-alive HTTP connections busy (node:http, one request in flight per
 * connection) for `seconds`, and answers with throughput, latency percentiles and errors.
 */
import { Agent, request as httpRequestRaw } from 'node:http';
import { percentile } from './stats';
import { httpRequest, WORKLOADS, type TargetEndpoint, type WorkloadData } from './workloads';

export interface LoadJob {
  workload: string;
  endpoint: TargetEndpoint;
  data: WorkloadData;
  connections: number;
  seconds: number;
  /** Number of the run's first request (continues across runs so writes never repeat). */
  firstRequest: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The first failed answer, shortened, to say why requests failed. */
  firstError?: string;
}

interface Answer {
  ok: boolean;
  text: string;
}

function send(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const request = httpRequestRaw(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        // A GraphQL error anywhere in the answer counts, not only a failed HTTP status.
        resolve({ ok: response.statusCode === 200 && !text.includes('"errors"'), text });
      });
      response.on('error', (error) => resolve({ ok: false, text: String(error) }));
    });
    request.on('error', (error) => resolve({ ok: false, text: String(error) }));
    request.end(body);
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const workload = WORKLOADS.find((candidate) => candidate.name === job.workload);
  if (!workload) throw new Error(`unknown workload ${job.workload}`);
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const url = new URL(job.endpoint.url);
  const latencies: number[] = [];
  let next = job.firstRequest;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  const connection = async () => {
    while (performance.now() < deadline) {
      const { headers, body } = httpRequest(job.endpoint, workload.request(next++, job.data));
      const sent = performance.now();
      const answer = await send(agent, url, headers, body);
      latencies.push(performance.now() - sent);
      if (!answer.ok) {
        errors++;
        firstError ??= answer.text.slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: job.connections }, connection));
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    firstError,
  };
}

if (require.main === module) {
  process.on('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
