/**
 * A `ticketUpdated` subscription is answered, for each event, by the query the client would
 * have sent for that ticket: the same selection under the same response key, on
 * `ticket(id:)`. So cross-subgraph fields (`reporter { email }`), the role directives and
 * ticket visibility all go through the gateway's own planning, exactly as for a query.
 */
import { Kind, OperationTypeNode, print, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';

export const TICKET_ID_VARIABLE = '__ticketUpdatedId';

export interface TicketQuery {
  /** The query text, printed once per subscription. */
  query: string;
  /** Where the ticket is in the subscription's result: the root field's alias or name. */
  responseKey: string;
}

export function ticketQueryFor(document: DocumentNode, operation: OperationDefinitionNode, root: FieldNode): TicketQuery {
  const responseKey = root.alias?.value ?? root.name.value;
  const fragments = fragmentsUsedBy(root, document);
  const ticketField: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: 'ticket' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: TICKET_ID_VARIABLE } } }],
    directives: root.directives,
    selectionSet: root.selectionSet,
  };
  const idVariable: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: TICKET_ID_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const draft: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ ...operation, operation: OperationTypeNode.QUERY, variableDefinitions: [idVariable], selectionSet: { kind: Kind.SELECTION_SET, selections: [ticketField] } }, ...fragments],
  };
  // Keep the subscription's variables that the selection still uses (validation refuses unused ones).
  const used = new Set<string>();
  visit(draft, { Variable: (node) => void used.add(node.name.value) });
  const kept = (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
  const finalOperation = { ...(draft.definitions[0] as OperationDefinitionNode), variableDefinitions: [idVariable, ...kept] };
  return { query: print({ ...draft, definitions: [finalOperation, ...fragments] }), responseKey };
}

/** The fragments `root` spreads, directly or through each other (a fragment on the Subscription type is left out). */
function fragmentsUsedBy(root: FieldNode, document: DocumentNode): FragmentDefinitionNode[] {
  const byName = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: FieldNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        const fragment = byName.get(spread.name.value);
        if (!fragment || used.has(fragment.name.value)) return;
        used.set(fragment.name.value, fragment);
        collect(fragment);
      },
    });
  collect(root);
  return [...used.values()];
}
