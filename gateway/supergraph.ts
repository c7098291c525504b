/** Reading a composed supergraph: its subgraphs and their URLs, with overrides applied. */
import { Kind, parse, type DocumentNode } from 'graphql';

export interface SubgraphEndpoint {
  /** Lower-case subgraph name as composed (`users`, `gpa`, …). */
  name: string;
  url: string;
}

/** The `join__Graph` enum lists every subgraph with `@join__graph(name:, url:)`. */
export function subgraphEndpoints(supergraph: string | DocumentNode, overrides: Record<string, string | undefined> = {}): SubgraphEndpoint[] {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => {
        const node = directive?.arguments?.find((a) => a.name.value === name)?.value;
        return node?.kind === Kind.STRING ? node.value : undefined;
      };
      const name = arg('name') ?? value.name.value.toLowerCase();
      const url = overrides[name] ?? arg('url');
      if (url) endpoints.push({ name, url });
    }
  }
  return endpoints;
}
