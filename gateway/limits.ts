/**
 * Operation limits, checked on the raw request before Apollo parses, validates or plans it, for
 * HTTP and graphql-ws alike. Every measure is computed in one pass over the document: each named
 * fragment is measured once and its figures reused at every spread, so a chain of fragments that
 * spread each other twice costs no more than its text.
 */
import { createHash } from 'node:crypto';
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  getOperationAST,
  parse,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { OperationLimitsConfig } from '../lib/config';
import { estimateCost, type CostModel } from './cost';

/** The limits this guard applies (the cost model brings its own list sizes); lib/config.ts documents each. */
export type OperationLimits = Omit<OperationLimitsConfig, 'defaultListSize'>;

/** What one request asks the gateway to run. */
export interface OperationRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export type LimitVerdict = { ok: true; cost: number | null } | { ok: false; error: GraphQLError };

/** The variable-independent figures of one operation (cost aside, which reads variables). */
interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /** Deepest nesting of list fields inside introspection (`__schema { types { fields { … } } }`). */
  introspectionLists: number;
}

/** A parsed document and the shape of each of its operations, cached by query text. */
interface AnalysedDocument {
  document: DocumentNode;
  shapes: Map<OperationDefinitionNode, OperationShape>;
}

/** The standard introspection query nests types → fields → args; anything deeper is a bomb. */
const MAX_INTROSPECTION_LISTS = 3;
const INTROSPECTION_LIST_FIELDS = new Set(['types', 'fields', 'args', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues', 'directives']);
const CACHE_ENTRIES = 1000;

export function limitError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** Counts lexical tokens up to `max + 1`; a lexical error is left for the parser to report. */
function tokenCountExceeds(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > max) return true;
  } catch {
    return false;
  }
  return false;
}

interface FragmentFigures {
  depth: number;
  aliases: number;
  directives: number;
  /** Fields at the fragment's own level (for root-field counting). */
  fields: number;
  introspectionLists: number;
}

const ZERO: FragmentFigures = { depth: 0, aliases: 0, directives: 0, fields: 0, introspectionLists: 0 };

/** Measures every selection set of a document, each named fragment once. */
class ShapeMeter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, FragmentFigures>();
  private readonly inProgress = new Set<string>();

  constructor(definitions: readonly DefinitionNode[]) {
    for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  operation(operation: OperationDefinitionNode): OperationShape {
    const figures = this.selectionSet(operation.selectionSet, false);
    const ownDirectives =
      countDirectives(operation.directives) + operation.variableDefinitions!.reduce((n, v) => n + countDirectives(v.directives), 0);
    return {
      depth: figures.depth,
      aliases: figures.aliases,
      rootFields: figures.fields,
      directives: figures.directives + ownDirectives,
      introspectionLists: figures.introspectionLists,
    };
  }

  private fragment(name: string): FragmentFigures {
    const known = this.measured.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown and cyclic spreads are validation errors; they add nothing here.
    if (!fragment || this.inProgress.has(name)) return ZERO;
    this.inProgress.add(name);
    const figures = this.selectionSet(fragment.selectionSet, false);
    this.inProgress.delete(name);
    const withOwn = { ...figures, directives: figures.directives + countDirectives(fragment.directives) };
    this.measured.set(name, withOwn);
    return withOwn;
  }

  /** `introspecting`: inside `__schema`/`__type`, where depth is not counted but list nesting is. */
  private selectionSet(selectionSet: SelectionSetNode, introspecting: boolean): FragmentFigures {
    const total = { ...ZERO };
    for (const selection of selectionSet.selections) {
      let part: FragmentFigures;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const entersIntrospection = introspecting || name === '__schema' || name === '__type';
        const below = selection.selectionSet ? this.selectionSet(selection.selectionSet, entersIntrospection) : ZERO;
        const listHere = introspecting && INTROSPECTION_LIST_FIELDS.has(name) ? 1 : 0;
        part = {
          depth: entersIntrospection || name.startsWith('__') ? 0 : 1 + below.depth,
          aliases: below.aliases + (selection.alias ? 1 : 0),
          directives: below.directives + countDirectives(selection.directives),
          fields: 1,
          introspectionLists: below.introspectionLists + listHere,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = this.selectionSet(selection.selectionSet, introspecting);
        part = { ...inner, directives: inner.directives + countDirectives(selection.directives) };
      } else {
        const inner = this.fragment(selection.name.value);
        part = { ...inner, directives: inner.directives + countDirectives(selection.directives) };
      }
      total.depth = Math.max(total.depth, part.depth);
      total.introspectionLists = Math.max(total.introspectionLists, part.introspectionLists);
      total.aliases += part.aliases;
      total.directives += part.directives;
      total.fields += part.fields;
    }
    return total;
  }
}

function countDirectives(directives: readonly DirectiveNode[] | undefined): number {
  return directives?.length ?? 0;
}

function analyse(query: string): AnalysedDocument | null {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: false });
  } catch {
    return null; // Apollo answers the syntax error itself (GRAPHQL_PARSE_FAILED)
  }
  const meter = new ShapeMeter(document.definitions);
  const shapes = new Map<OperationDefinitionNode, OperationShape>();
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) shapes.set(d, meter.operation(d));
  return { document, shapes };
}

/** The first limit an operation's shape breaks, as the error to answer with. */
function shapeError(shape: OperationShape, limits: OperationLimits): GraphQLError | null {
  if (shape.depth > limits.maxDepth)
    return limitError('MAX_DEPTH_EXCEEDED', `The operation nests ${shape.depth} levels deep; the limit is ${limits.maxDepth}`);
  if (shape.introspectionLists > MAX_INTROSPECTION_LISTS) {
    return limitError(
      'MAX_DEPTH_EXCEEDED',
      `The introspection nests ${shape.introspectionLists} lists deep; the limit is ${MAX_INTROSPECTION_LISTS}`,
    );
  }
  if (shape.aliases > limits.maxAliases)
    return limitError('MAX_ALIASES_EXCEEDED', `The operation uses ${shape.aliases} aliases; the limit is ${limits.maxAliases}`);
  if (shape.rootFields > limits.maxRootFields) {
    return limitError('MAX_ROOT_FIELDS_EXCEEDED', `The operation asks for ${shape.rootFields} root fields; the limit is ${limits.maxRootFields}`);
  }
  if (shape.directives > limits.maxDirectives) {
    return limitError('MAX_DIRECTIVES_EXCEEDED', `The operation uses ${shape.directives} directives; the limit is ${limits.maxDirectives}`);
  }
  return null;
}

/**
 * Judges requests against the limits. Parsing and shapes are cached by query text (a bounded,
 * least-recently-used map), so a repeated operation costs one lookup plus its cost estimate,
 * which depends on the variables.
 */
export class OperationGuard {
  private readonly cache = new Map<string, AnalysedDocument | null>();

  constructor(
    private readonly limits: OperationLimits,
    private readonly costModel: () => CostModel | undefined,
  ) {}

  check(request: OperationRequest): LimitVerdict {
    const { query } = request;
    // No text (or not text): nothing to measure; Apollo answers what is wrong with the request.
    if (typeof query !== 'string') return { ok: true, cost: null };
    if (query.length > this.limits.maxQueryLength) {
      return {
        ok: false,
        error: limitError('MAX_QUERY_LENGTH_EXCEEDED', `The query has ${query.length} characters; the limit is ${this.limits.maxQueryLength}`),
      };
    }
    const analysed = this.analysed(query);
    if (!analysed) return { ok: true, cost: null };
    if (analysed === 'tokens') {
      return { ok: false, error: limitError('MAX_TOKENS_EXCEEDED', `The document has more than ${this.limits.maxTokens} tokens`) };
    }
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const operation = getOperationAST(analysed.document, operationName);
    if (!operation) return { ok: true, cost: null }; // Apollo names the missing operation
    const error = shapeError(analysed.shapes.get(operation)!, this.limits);
    if (error) return { ok: false, error };
    const model = this.costModel();
    if (!model) return { ok: true, cost: null };
    const variables = request.variables && typeof request.variables === 'object' ? (request.variables as Record<string, unknown>) : {};
    const cost = estimateCost(model, analysed.document, operation, variables);
    if (cost > this.limits.maxCost) {
      return {
        ok: false,
        error: limitError('MAX_COST_EXCEEDED', `The operation's estimated cost is ${formatCost(cost)}; the limit is ${this.limits.maxCost}`),
      };
    }
    return { ok: true, cost };
  }

  private analysed(query: string): AnalysedDocument | null | 'tokens' {
    const key = query.length > 200 ? createHash('sha256').update(query).digest('base64') : query;
    if (this.cache.has(key)) {
      const hit = this.cache.get(key)!;
      // Refresh its place: the map's order is the eviction order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    // Counted before parsing, and not cached: a refused text never enters the cache.
    if (tokenCountExceeds(query, this.limits.maxTokens)) return 'tokens';
    const analysed = analyse(query);
    this.cache.set(key, analysed);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return analysed;
  }
}

function formatCost(cost: number): string {
  return Number.isFinite(cost) && cost < 1e15 ? String(Math.round(cost)) : 'beyond counting';
}
