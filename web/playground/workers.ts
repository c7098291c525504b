/**
 * Monaco (GraphiQL's editor) runs its language services in web workers; graphiql's own
 * set-ups load them from a CDN or through a bundler's worker syntax. Ours are entry points of
 * the same esbuild bundle, and the page lists their URLs on the root element.
 */
type MonacoEnvironment = { getWorker(workerId: string, label: string): Worker };

export interface WorkerUrls {
  /** Monaco's base worker (every other label). */
  editor: string;
  /** The variables and headers editors. */
  json: string;
  /** The query editor (monaco-graphql). */
  graphql: string;
}

export function workerUrlsFrom(element: HTMLElement): WorkerUrls {
  const { editorWorker, jsonWorker, graphqlWorker } = element.dataset;
  if (!editorWorker || !jsonWorker || !graphqlWorker) throw new Error('The playground page does not name its editor workers');
  return { editor: editorWorker, json: jsonWorker, graphql: graphqlWorker };
}

export function installMonacoWorkers(urls: WorkerUrls): void {
  const environment: MonacoEnvironment = {
    getWorker: (_workerId, label) => new Worker(label === 'json' ? urls.json : label === 'graphql' ? urls.graphql : urls.editor),
  };
  (globalThis as { MonacoEnvironment?: MonacoEnvironment }).MonacoEnvironment = environment;
}
