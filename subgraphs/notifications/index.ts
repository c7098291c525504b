import { runSubgraphProcess } from '../registry';

runSubgraphProcess('notifications').catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
