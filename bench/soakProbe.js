/**
 * Preloaded (`node --require`) by `npm run bench:soak` into every thread, so the gateway's worker
 * thread, whose heap the main thread cannot see, answers on a BroadcastChannel: its heap used
 * after a full GC, or a heap snapshot written to a file. Does nothing on a main thread. Plain
 * JavaScript: it loads before tsx registers.
 */
const { isMainThread, threadId, workerData } = require('node:worker_threads');
const v8 = require('node:v8');

// gateway/worker.ts's thread is the one given subgraph URLs; other workers (a logger's) stay quiet.
if (!isMainThread && workerData && typeof workerData === 'object' && 'subgraphUrls' in workerData) {
  const channel = new BroadcastChannel('campus-soak-probe');
  channel.unref();
  channel.onmessage = ({ data }) => {
    if (data.type === 'heap') {
      global.gc?.();
      channel.postMessage({ type: 'heap', threadId, heapUsed: process.memoryUsage().heapUsed });
    } else if (data.type === 'snapshot') {
      channel.postMessage({ type: 'snapshot', threadId, file: v8.writeHeapSnapshot(data.file) });
    }
  };
}
