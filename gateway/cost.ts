/**
 * Demand control: an upper estimate of what an operation can cost, from the document alone,
 * before anything runs. The rules follow Apollo Router's demand control and its standard
 * directives, read from any supergraph (`@cost`, `@listSize` of https://specs.apollo.dev/cost):
 * - a field of an object, interface or union type costs 1 (or its `@cost(weight:)`), a leaf 0;
 * - a list multiplies what it holds by its size: the value of a slicing argument (`limit`) when
 *   given, else `@listSize(assumedSize:)`, else the default page size;
 * - fragments are expanded, each measured once; type conditions add up (an upper bound).
 * Introspection is bounded separately (limits.ts) and not counted here.
 */
import {
  Kind,
  OperationTypeNode,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { linksSpec } from './supergraph';

const COST_SPEC = 'https://specs.apollo.dev/cost/';

interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
}

export interface CostModel {
  schema: GraphQLSchema;
  /** `Type.field` → its declared list size. */
  listSizes: Map<string, ListSize>;
  /** `Type.field` → its declared weight. */
  weights: Map<string, number>;
  /** Size assumed for a list that declares none. */
  defaultListSize: number;
}

const directiveNamed = (directives: readonly ConstDirectiveNode[] | undefined, names: string[]) =>
  directives?.find((d) => names.includes(d.name.value));

function argumentsOf(directive: ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
}

/** Reads `@listSize` and `@cost` (imported or prefixed `cost__`) from a supergraph's SDL. */
export function costModelFromSdl(sdl: DocumentNode, schema: GraphQLSchema, defaultListSize: number): CostModel {
  const listSizes = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  for (const definition of sdl.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const key = `${definition.name.value}.${field.name.value}`;
      const listSize = directiveNamed(field.directives, ['listSize', 'cost__listSize']);
      if (listSize) {
        const args = argumentsOf(listSize);
        listSizes.set(key, {
          assumedSize: typeof args.assumedSize === 'number' ? args.assumedSize : undefined,
          slicingArguments: Array.isArray(args.slicingArguments) ? args.slicingArguments.map(String) : undefined,
        });
      }
      const cost = directiveNamed(field.directives, ['cost', 'cost__cost']);
      const weight = cost ? argumentsOf(cost).weight : undefined;
      if (typeof weight === 'number') weights.set(key, weight);
    }
  }
  return { schema, listSizes, weights, defaultListSize };
}

/**
 * Whether the supergraph links the cost spec. Demand control is opt-in, as in Apollo Router: a
 * supergraph that declares no costs (any other federation) is served without a cost limit, like
 * stock @apollo/gateway serves it.
 */
export function linksCostSpec(sdl: DocumentNode): boolean {
  return linksSpec(sdl, COST_SPEC);
}

type Variables = Record<string, unknown>;

/** A non-negative whole size from an argument's value; anything else is no size. */
function sizeFrom(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? Math.max(0, Math.floor(number)) : undefined;
}

function argumentValue(field: FieldNode, name: string, variables: Variables): unknown {
  const argument = field.arguments?.find((a) => a.name.value === name);
  if (!argument) return undefined;
  return argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : valueFromASTUntyped(argument.value, variables);
}

class CostEstimator {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentCosts = new Map<string, number>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly model: CostModel,
    document: DocumentNode,
    private readonly variables: Variables,
  ) {
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  selectionSet(selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += this.field(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT)
        total += this.selectionSet(selection.selectionSet, this.typeNamed(selection.typeCondition?.name.value) ?? parent);
      else total += this.fragment(selection.name.value);
    }
    return total;
  }

  private fragment(name: string): number {
    const known = this.fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    // Unknown and cyclic spreads are validation errors; they add nothing here.
    if (!fragment || this.inProgress.has(name)) return 0;
    this.inProgress.add(name);
    const cost = this.selectionSet(fragment.selectionSet, this.typeNamed(fragment.typeCondition.name.value));
    this.inProgress.delete(name);
    this.fragmentCosts.set(name, cost);
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined): number {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const definition = parent && 'getFields' in parent ? (parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined) : undefined;
    // A field the schema lacks fails validation; until then it is priced as an object.
    const type = definition ? getNamedType(definition.type) : undefined;
    const composite = !definition || isCompositeType(type);
    const key = `${parent?.name}.${name}`;
    const own = this.model.weights.get(key) ?? (composite ? 1 : 0);
    const below = node.selectionSet ? this.selectionSet(node.selectionSet, type) : 0;
    return this.multiplier(node, key, definition?.type) * (own + below);
  }

  /** The product of the sizes of each list the field's type wraps. */
  private multiplier(node: FieldNode, key: string, type: GraphQLOutputType | undefined): number {
    let multiplier = 1;
    let current = type;
    while (current) {
      if (isNonNullType(current)) current = current.ofType;
      else if (isListType(current)) {
        multiplier *= this.listSize(node, key);
        current = current.ofType;
      } else break;
    }
    return multiplier;
  }

  private listSize(node: FieldNode, key: string): number {
    const declared = this.model.listSizes.get(key);
    const sliced = (declared?.slicingArguments ?? ['limit', 'first', 'last'])
      .map((name) => sizeFrom(argumentValue(node, name, this.variables)))
      .filter((size): size is number => size !== undefined);
    if (sliced.length > 0) return Math.max(...sliced);
    return declared?.assumedSize ?? this.model.defaultListSize;
  }

  private typeNamed(name: string | undefined): GraphQLNamedType | undefined {
    return name ? (this.model.schema.getType(name) ?? undefined) : undefined;
  }
}

export function estimateCost(model: CostModel, document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): number {
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? model.schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? model.schema.getMutationType()
        : model.schema.getSubscriptionType();
  return new CostEstimator(model, document, variables).selectionSet(operation.selectionSet, root ?? undefined);
}
