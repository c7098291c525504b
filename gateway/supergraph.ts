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

/** Whether the supergraph's schema `@link`s a spec whose URL starts with `urlPrefix`. */
export function linksSpec(document: DocumentNode, urlPrefix: string): boolean {
  return document.definitions.some(
    (d) =>
      (d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION) &&
      (d.directives ?? []).some(
        (link) =>
          link.name.value === 'link' &&
          (link.arguments ?? []).some((a) => a.name.value === 'url' && a.value.kind === Kind.STRING && a.value.value.startsWith(urlPrefix)),
      ),
  );
}
