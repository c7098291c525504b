/**
 * Runs gateway/worker.ts on a worker thread and waits until it listens. The worker registers tsx
 * itself (worker threads do not inherit the main thread's TypeScript loader).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GatewayThreadData, GatewayThreadMessage } from '../gateway/worker';

export interface GatewayThread {
  url: string;
  /** Stops the gateway gracefully (subscriptions end with 1001), then the thread. */
  stop(): Promise<void>;
}

/** `env`: settings for the gateway thread alone (its port, say), over this process's environment. */
export function startGatewayThread(subgraphUrls: Record<string, string>, env: Record<string, string> = {}): Promise<GatewayThread> {
  const entry = path.join(__dirname, '..', 'gateway', 'worker.ts');
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(entry)});`;
  const worker = new Worker(boot, { eval: true, env: { ...process.env, ...env }, workerData: { subgraphUrls } satisfies GatewayThreadData });
  const next = () =>
    new Promise<GatewayThreadMessage>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  return next().then((first) => {
    if (first.type !== 'ready') {
      void worker.terminate();
      throw new Error(`The gateway did not start: ${first.type === 'failed' ? first.message : first.type}`);
    }
    return {
      url: first.url,
      async stop() {
        const stopped = next();
        worker.postMessage('stop');
        await stopped;
        await worker.terminate();
      },
    };
  });
}
