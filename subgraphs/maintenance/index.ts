import { runSubgraphProcess } from '../registry';

runSubgraphProcess('maintenance').catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
