/**
 * The gateway's half of the `@auth` policy. Before the query planner sees an operation, every
 * field the caller may not use is taken out of it, so no subgraph is ever asked for it; after
 * execution each such field is put back as `null` with its error, and the null travels up
 * through non-null parents exactly as a resolver error would (GraphQL spec, "Handling Field
 * Errors").
 */
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  TypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AuthPolicy, Caller } from '../lib/authDirective';
import { checkAccess } from '../lib/authDirective';
import type { AppError } from '../lib/errors';

type Variables = Record<string, unknown>;
type Fragments = Record<string, FragmentDefinitionNode>;
type ResponseObject = Record<string, unknown>;

export interface OperationDenials {
  /** Field nodes of the original document the caller may not use, with their errors. */
  denied: Map<FieldNode, AppError>;
  fragments: Fragments;
}

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Fragments = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Honours @skip and @include, so a field that will not run is not judged. */
function isIncluded(node: SelectionNode, variables: Variables): boolean {
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value = arg.value.kind === Kind.VARIABLE ? variables[arg.value.name.value] : arg.value.kind === Kind.BOOLEAN ? arg.value.value : undefined;
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value === false) return false;
  }
  return true;
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType {
  const type =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!type) throw new GraphQLError(`This schema has no ${operation.operation} type`);
  return type;
}

/** Finds every field of the operation that the policy refuses to this caller. */
export function findDenials(
  schema: GraphQLSchema,
  policy: AuthPolicy,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
  caller: Caller,
): OperationDenials {
  const fragments = fragmentsOf(document);
  const denied = new Map<FieldNode, AppError>();
  const visitedFragments = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): void => {
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        walk(selection.selectionSet, (condition ?? parentType) as GraphQLCompositeType);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        // A fragment's fields depend only on its type condition, so one walk judges every use.
        if (!fragment || visitedFragments.has(fragment.name.value)) continue;
        visitedFragments.add(fragment.name.value);
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || !('getFields' in parentType)) continue;
      const fieldDef = parentType.getFields()[name];
      if (!fieldDef) continue;
      const rule = policy.ruleFor(parentType.name, name);
      const args = rule?.selfArg ? getArgumentValues(fieldDef, selection, variables) : {};
      const error = checkAccess(rule, caller, args, `${parentType.name}.${name}`);
      if (error) {
        denied.set(selection, error);
        continue;
      }
      if (selection.selectionSet) walk(selection.selectionSet, getNamedType(fieldDef.type) as GraphQLCompositeType);
    }
  };
  walk(operation.selectionSet, rootType(schema, operation));
  return { denied, fragments };
}

/** Response key of the `__typename` that stands in for a selection set whose fields were all denied. */
const PRUNED_MARKER = '_campusHubPruned';
const PRUNED_MARKER_FIELD: FieldNode = {
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PRUNED_MARKER },
  name: { kind: Kind.NAME, value: '__typename' },
};

/** The document without the denied fields; a selection set left empty asks for `__typename`. */
export function pruneDocument(document: DocumentNode, denied: Map<FieldNode, AppError>): DocumentNode {
  return visit(document, {
    Field: { enter: (node) => (denied.has(node) ? null : undefined) },
    SelectionSet: { leave: (node) => (node.selections.length === 0 ? { ...node, selections: [PRUNED_MARKER_FIELD] } : undefined) },
  });
}

const NULLED = Symbol('nulled');

/**
 * Puts each denied field back into `data` as null with its error, propagating nulls through
 * non-null positions. Returns the new `data` (null when the null reaches the root).
 */
export function restoreDeniedFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  denials: OperationDenials,
  data: ResponseObject | null | undefined,
  variables: Variables,
): { data: ResponseObject | null | undefined; errors: GraphQLError[] } {
  const errors: GraphQLError[] = [];
  if (!data) return { data, errors };

  const typeApplies = (condition: string | undefined, runtimeType: GraphQLObjectType): boolean => {
    if (!condition || condition === runtimeType.name) return true;
    const conditionType = schema.getType(condition);
    return Boolean(conditionType && isAbstractType(conditionType) && schema.isSubType(conditionType, runtimeType));
  };

  const completeValue = (value: unknown, type: GraphQLOutputType, selectionSet: SelectionSetNode, path: (string | number)[]): unknown => {
    if (value === null || value === undefined) return value;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const items = value as unknown[];
      const itemType = inner.ofType as GraphQLOutputType;
      for (let i = 0; i < items.length; i++) {
        if (completeValue(items[i], itemType, selectionSet, [...path, i]) === NULLED) {
          if (isNonNullType(itemType)) return NULLED;
          items[i] = null;
        }
      }
      return value;
    }
    const named = getNamedType(inner);
    const runtimeType = isObjectType(named) ? named : schema.getType(String((value as ResponseObject).__typename));
    if (!runtimeType || !isObjectType(runtimeType)) return value;
    return completeObject(value as ResponseObject, selectionSet, runtimeType, path) ? NULLED : value;
  };

  /**
   * A selection set applied to an object once is not applied again: a fragment spread many times
   * into one object (a chain of fragments that spread each other twice) costs one pass.
   */
  const applied = new WeakMap<ResponseObject, Map<SelectionSetNode, boolean>>();

  /** true when a non-null field of `object` became null, so `object` itself must be null. */
  const completeObject = (object: ResponseObject, selectionSet: SelectionSetNode, type: GraphQLObjectType, path: (string | number)[]): boolean => {
    let done = applied.get(object);
    if (!done) applied.set(object, (done = new Map<SelectionSetNode, boolean>()));
    const earlier = done.get(selectionSet);
    if (earlier !== undefined) return earlier;
    const nulled = completeSelections(object, selectionSet, type, path);
    done.set(selectionSet, nulled);
    return nulled;
  };

  const completeSelections = (
    object: ResponseObject,
    selectionSet: SelectionSetNode,
    type: GraphQLObjectType,
    path: (string | number)[],
  ): boolean => {
    delete object[PRUNED_MARKER];
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? denials.fragments[selection.name.value] : selection;
        if (!fragment || !typeApplies(fragment.typeCondition?.name.value, type)) continue;
        if (completeObject(object, fragment.selectionSet, type, path)) return true;
        continue;
      }
      const key = selection.alias?.value ?? selection.name.value;
      const fieldDef = type.getFields()[selection.name.value];
      if (!fieldDef) continue;
      const error = denials.denied.get(selection);
      if (error) {
        if (!(key in object)) {
          object[key] = null;
          errors.push(new GraphQLError(error.message, { nodes: [selection], path: [...path, key], extensions: error.extensions }));
        }
        if (isNonNullType(fieldDef.type)) return true;
        continue;
      }
      if (!selection.selectionSet || object[key] == null) continue;
      if (completeValue(object[key], fieldDef.type, selection.selectionSet, [...path, key]) === NULLED) {
        object[key] = null;
        if (isNonNullType(fieldDef.type)) return true;
      }
    }
    return false;
  };

  const nulledRoot = completeObject(data, operation.selectionSet, rootType(schema, operation), []);
  return { data: nulledRoot ? null : data, errors };
}

/** Whether any field the document selects has a rule that depends on the caller's own id. */
export function selectsOwnerRule(schema: GraphQLSchema, policy: AuthPolicy, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: (node) => {
        const parent = typeInfo.getParentType();
        const rule = parent ? policy.ruleFor(parent.name, node.name.value) : undefined;
        if (rule?.selfArg || rule?.personal) found = true;
      },
    }),
  );
  return found;
}

/** The operation's root fields, through inline fragments and fragment spreads at the root. */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = fragmentsOf(document);
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): FieldNode[] =>
    selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return collect(selection.selectionSet);
      const fragment = fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) return [];
      seen.add(fragment.name.value);
      return collect(fragment.selectionSet);
    });
  return collect(operation.selectionSet);
}
