/**
 * The `@auth` directive: who may use a field (or every field of a type), declared next to the
 * field in each subgraph's schema.graphql and kept in the supergraph by @composeDirective.
 *
 *   @auth(public: true)                      anyone, signed in or not
 *   @auth                                    any signed-in user
 *   @auth(requires: [ADMIN])                 these roles only
 *   @auth(requires: [ADMIN], selfArg: "id")  these roles, or anyone whose own id is in argument `id`
 *   @auth(personal: true)                    any signed-in user, and the answer depends on who asks
 *                                            (own records only): never shared between people
 *
 * A field's own directive wins over its type's. The same rules run at the gateway (before
 * planning) and in every subgraph (on each resolver and on `__resolveReference`).
 */
import {
  Kind,
  defaultFieldResolver,
  isObjectType,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { ROLES, type AuthUser, type Role, type TokenProblem } from './auth';
import { forbidden, unauthenticated, type AppError } from './errors';

export const AUTH_DIRECTIVE = 'auth';

export interface AuthRule {
  public: boolean;
  /** Roles allowed; null means any signed-in user. */
  requires: readonly Role[] | null;
  /** Name of an argument that, when it equals the caller's id, also allows the call. */
  selfArg: string | null;
  /** The resolver answers each person differently (their own records): no answer is shared. */
  personal: boolean;
}

export interface AuthPolicy {
  /** The rule in force for `type.field`: the field's own, else its type's, else none (open). */
  ruleFor(typeName: string, fieldName: string): AuthRule | undefined;
  /** The type-level rule alone (entities resolved by reference). */
  typeRule(typeName: string): AuthRule | undefined;
}

export function readAuthRule(directives: readonly ConstDirectiveNode[] | undefined): AuthRule | undefined {
  const node = directives?.find((d) => d.name.value === AUTH_DIRECTIVE);
  if (!node) return undefined;
  const rule: AuthRule = { public: false, requires: null, selfArg: null, personal: false };
  for (const arg of node.arguments ?? []) {
    const { value } = arg;
    if (arg.name.value === 'public' && value.kind === Kind.BOOLEAN) rule.public = value.value;
    if (arg.name.value === 'selfArg' && value.kind === Kind.STRING) rule.selfArg = value.value;
    if (arg.name.value === 'personal' && value.kind === Kind.BOOLEAN) rule.personal = value.value;
    if (arg.name.value === 'requires') {
      const values = value.kind === Kind.LIST ? value.values : [value];
      rule.requires = values.flatMap((v) => (v.kind === Kind.ENUM && (ROLES as readonly string[]).includes(v.value) ? [v.value as Role] : []));
    }
  }
  return rule;
}

/** Reads every `@auth` of an SDL document (a subgraph's schema or the composed supergraph). */
export function authPolicyFromSdl(document: DocumentNode): AuthPolicy {
  const typeRules = new Map<string, AuthRule>();
  const fieldRules = new Map<string, AuthRule>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    const typeRule = readAuthRule(definition.directives);
    if (typeRule) typeRules.set(typeName, typeRule);
    for (const field of definition.fields ?? []) {
      const fieldRule = readAuthRule(field.directives);
      if (fieldRule) fieldRules.set(`${typeName}.${field.name.value}`, fieldRule);
    }
  }
  return {
    ruleFor: (typeName, fieldName) => fieldRules.get(`${typeName}.${fieldName}`) ?? typeRules.get(typeName),
    typeRule: (typeName) => typeRules.get(typeName),
  };
}

export interface Caller {
  user: AuthUser | null;
  tokenProblem: TokenProblem | null;
}

/** null when allowed; otherwise the error the client gets for this field. */
export function checkAccess(rule: AuthRule | undefined, caller: Caller, args: Record<string, unknown>, coordinate: string): AppError | null {
  if (!rule || rule.public) return null;
  const { user } = caller;
  if (!user) {
    if (caller.tokenProblem === 'expired') return unauthenticated('Your access token has expired; refresh it or sign in again');
    if (caller.tokenProblem === 'invalid') return unauthenticated('Your access token is invalid');
    if (caller.tokenProblem === 'revoked') return unauthenticated('Your session has ended; sign in again');
    return unauthenticated(`You must be signed in to use ${coordinate}`);
  }
  if (!rule.requires || rule.requires.includes(user.role)) return null;
  if (rule.selfArg && args[rule.selfArg] != null && String(args[rule.selfArg]) === user.id) return null;
  const who = rule.selfArg ? `${rule.requires.join(' or ')} (or the owner of the record)` : rule.requires.join(' or ');
  return forbidden(`${coordinate} is only for ${who}`);
}

type ReferenceResolver = (reference: object, context: Caller, info: unknown) => unknown;
interface SubgraphTypeExtensions {
  apollo?: { subgraph?: { resolveReference?: ReferenceResolver } };
}

/**
 * Wraps every resolver of a subgraph schema that an `@auth` rule covers, and every
 * `__resolveReference` of a type with a type-level rule, so a subgraph enforces the policy
 * on its own whoever calls it.
 */
export function enforceAuthPolicy(schema: GraphQLSchema, policy: AuthPolicy): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = policy.ruleFor(type.name, field.name);
      if (!rule || rule.public) continue;
      const resolve: GraphQLFieldResolver<unknown, Caller> = field.resolve ?? defaultFieldResolver;
      const coordinate = `${type.name}.${field.name}`;
      const enforced: GraphQLFieldResolver<unknown, Caller, Record<string, unknown>> = (source, args, context, info) => {
        const denied = checkAccess(rule, context, args, coordinate);
        if (denied) throw denied;
        return resolve(source, args, context, info);
      };
      field.resolve = enforced;
    }
    const typeRule = policy.typeRule(type.name);
    const subgraph = (type.extensions as SubgraphTypeExtensions).apollo?.subgraph;
    if (typeRule && subgraph) {
      const resolveReference: ReferenceResolver = subgraph.resolveReference ?? ((reference) => reference);
      subgraph.resolveReference = (reference, context, info) => {
        const denied = checkAccess(typeRule, context, {}, type.name);
        if (denied) throw denied;
        return resolveReference(reference, context, info);
      };
    }
  }
  return schema;
}
