/** The GraphQL playground at GET /graphql (development only): GraphiQL on the gateway. */
import 'graphiql/style.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { endpointOf, playgroundFetcher } from './fetcher';
import { installMonacoWorkers, workerUrlsFrom } from './workers';

const DEFAULT_QUERY = `# Campus Services Hub: the GraphQL playground (development only)
#
# 1. Run Login and copy its accessToken.
# 2. Under Headers below, enter
#      { "Authorization": "Bearer <accessToken>" }
#    It goes with every request, and with
#    subscriptions over graphql-ws too.
# 3. Run Me, or TicketUpdates to follow tickets
#    live (an ADMIN sees every ticket).

mutation Login {
  login(email: "admin@example.com", password: "admin123") {
    accessToken
    user {
      name
      role
    }
  }
}

query Me {
  me {
    id
    name
    role
  }
}

subscription TicketUpdates {
  ticketUpdated {
    id
    title
    priority
    status
    slaDueAt
    overdue
    location
    reporter {
      name
    }
  }
}
`;

const root = document.getElementById('graphiql');
if (!root) throw new Error('The playground page has no #graphiql element');
installMonacoWorkers(workerUrlsFrom(root));

// A GET /graphql?query=… link opened in the browser lands here: start from that query.
const linkedQuery = new URLSearchParams(window.location.search).get('query') ?? undefined;

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher: playgroundFetcher(endpointOf(window.location)),
    defaultQuery: DEFAULT_QUERY,
    initialQuery: linkedQuery,
    defaultEditorToolsVisibility: 'headers',
  }),
);
