import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getVariableValues,
  getNamedType,
  isListType,
  getNullableType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity';
import type { RequestContext } from '../context';
import { ErrorCode } from '../errors/error-code';
import { BadUserInputError, QueryLimitError, UnauthenticatedError, type AppError } from '../errors/errors';
import { boundsOf, checkBounds } from '../graphql/pagination';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly requireKeyForReads: boolean;
}

/** Arguments that size a list (their ranges: ARGUMENT_BOUNDS in src/graphql/pagination.ts). */
const SIZE_ARGUMENTS = new Set(['first', 'limit']);
/** What an unpaginated list field (evidence, facts, enterprises, ...) is assumed to return when costing. */
const DEFAULT_LIST_SIZE = 5;

function withStatus<E extends AppError>(error: E, status: number): E {
  Object.assign(error.extensions, { http: { status } });
  return error;
}

/**
 * The depth of the deepest field, following fragment spreads (cycles are refused by validation
 * first). An introspection field (`__schema`, `__type`) counts as one level whatever it selects:
 * the standard introspection query that GraphiQL and code generators send nests `ofType` about
 * fifteen levels deep, it never touches Neo4j, and introspection is off in production.
 */
export function queryDepth(
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  seen: ReadonlySet<string> = new Set(),
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const introspection = selection.name.value === '__schema' || selection.name.value === '__type';
      const below = selection.selectionSet && !introspection ? queryDepth(selection.selectionSet, fragments, seen) : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, queryDepth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (fragment === undefined || seen.has(name)) continue;
      deepest = Math.max(deepest, queryDepth(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** Counts aliased fields in the whole document, fragments included. */
export function aliasCount(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Field(node) {
      if (node.alias !== undefined) count += 1;
    },
  });
  return count;
}

/**
 * Cost of a field: its children's cost times the page size it asks for (`first`/`limit`),
 * or times DEFAULT_LIST_SIZE for a list without one, plus one for the field itself.
 */
const listEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const size = [...SIZE_ARGUMENTS].map((name) => args[name]).find((value) => typeof value === 'number');
  if (typeof size === 'number') return 1 + childComplexity * Math.max(size, 1);
  // A connection's `edges` are already counted by the connection's `first`.
  if (field.name === 'edges' && type.name.endsWith('Connection')) return 1 + childComplexity;
  const returnsList = isListType(getNullableType(field.type));
  if (returnsList || getNamedType(field.type).name.endsWith('Connection'))
    return 1 + childComplexity * DEFAULT_LIST_SIZE;
  return 1 + childComplexity;
};

/**
 * Checks every bounded Int argument of the operation (ARGUMENT_BOUNDS; any `first` or `limit`
 * 1..100) wherever it appears, whether written inline, passed as a variable or left to a
 * variable's default value, so that an out-of-range value is refused before any resolver runs.
 */
function checkBoundedArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): void {
  const defaults = new Map(
    (operation.variableDefinitions ?? []).flatMap((definition) =>
      definition.defaultValue?.kind === Kind.INT
        ? [[definition.variable.name.value, Number(definition.defaultValue.value)] as const]
        : [],
    ),
  );
  const typeInfo = new TypeInfo(schema);
  // Only the operation that runs, and the fragments: another operation in the same document
  // is not executed, so its arguments are not this request's.
  const executed: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
  };
  visit(
    executed,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const bounds = boundsOf(parent.name, field.name, node.name.value);
        if (bounds === null) return;
        const value =
          node.value.kind === Kind.INT
            ? Number(node.value.value)
            : node.value.kind === Kind.VARIABLE
              ? (variables[node.value.name.value] ?? defaults.get(node.value.name.value))
              : undefined;
        if (typeof value !== 'number') return;
        try {
          checkBounds(value, node.name.value, bounds);
        } catch (error) {
          throw withStatus(error as AppError, 400);
        }
      },
    }),
  );
}

/** What the limits need of one operation of a parsed document, kept with the document. */
interface OperationFacts {
  readonly depth: number;
  readonly aliases: number;
  /** Its variables of type Int (lists and non-null included): the only ones the cost and the bounds read. */
  readonly intVariables: readonly string[];
  /** Cost by the values of those variables (JSON), for values that passed the bounds. */
  readonly costs: Map<string, number>;
}

/** How many variable sets' costs one operation keeps: past it, the oldest half is forgotten. */
const COSTS_PER_OPERATION = 256;

/**
 * The depth, aliases and costs of each operation of a document, for as long as the document is
 * kept. Apollo keeps the parsed and validated document of a query text (its document store) and
 * hands the same object to every request that sends that text again, so a document is analysed
 * once, and costed once per distinct set of Int variables. Costing walks the document with the
 * schema's type information (about 0.2 ms for a relation page, a tenth of what the whole request
 * costs the API process): only the Int arguments (`first`, `limit`, `depth`: ARGUMENT_BOUNDS in
 * src/graphql/pagination.ts) change a cost or a bound, so an id or a filter sent as a variable
 * does not cost the document again. An estimator that read another argument would have to add
 * its variables to the key (test/unit/limits-plugin.test.ts checks that every argument the
 * estimators read is an Int).
 */
const analysed = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationFacts>>();

function factsOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationFacts {
  let byOperation = analysed.get(document);
  if (byOperation === undefined) {
    byOperation = new Map();
    analysed.set(document, byOperation);
  }
  let facts = byOperation.get(operation);
  if (facts === undefined) {
    const fragments = Object.fromEntries(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    facts = {
      depth: queryDepth(operation.selectionSet, fragments),
      aliases: aliasCount(document),
      intVariables: (operation.variableDefinitions ?? [])
        .filter((definition) => getNamedType(typeFromAST(schema, definition.type))?.name === 'Int')
        .map((definition) => definition.variable.name.value),
      costs: new Map(),
    };
    byOperation.set(operation, facts);
  }
  return facts;
}

/**
 * Refuses, after parsing and validation but before any resolver runs (so Neo4j is never
 * touched), an operation that is too deep, too costly, uses too many aliases or asks for pages
 * outside 1..100, and anonymous reads when keys are required for reads.
 */
export function limitsPlugin(schema: () => GraphQLSchema, limits: QueryLimits): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation, contextValue }) {
          if (limits.requireKeyForReads && contextValue.caller.role === 'anonymous') {
            throw withStatus(new UnauthenticatedError('This server requires an API key for every request.'), 401);
          }
          const executed = operation as OperationDefinitionNode;
          const facts = factsOf(schema(), document, executed);
          const depth = facts.depth;
          if (depth > limits.maxDepth) {
            throw withStatus(
              new QueryLimitError(
                `The query is ${depth} levels deep; the limit is ${limits.maxDepth}.`,
                ErrorCode.QUERY_TOO_DEEP,
                {
                  depth,
                  limit: limits.maxDepth,
                },
              ),
              400,
            );
          }
          const aliases = facts.aliases;
          if (aliases > limits.maxAliases) {
            throw withStatus(
              new QueryLimitError(
                `The query uses ${aliases} aliases; the limit is ${limits.maxAliases}.`,
                ErrorCode.TOO_MANY_ALIASES,
                {
                  aliases,
                  limit: limits.maxAliases,
                },
              ),
              400,
            );
          }
          const variables = request.variables ?? {};
          const key = JSON.stringify(facts.intVariables.map((name) => variables[name] ?? null));
          let cost = facts.costs.get(key);
          if (cost === undefined) {
            checkBoundedArguments(schema(), document, executed, variables);
            try {
              cost = getComplexity({
                schema: schema(),
                query: document,
                variables,
                ...(request.operationName ? { operationName: request.operationName } : {}),
                estimators: [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch (error) {
              // Costing coerces the variables first; a variable that does not coerce is the client's error.
              if (error instanceof GraphQLError) throw withStatus(new BadUserInputError(error.message), 400);
              throw error;
            }
            if (facts.costs.size >= COSTS_PER_OPERATION) {
              for (const old of [...facts.costs.keys()].slice(0, COSTS_PER_OPERATION / 2)) facts.costs.delete(old);
            }
            facts.costs.set(key, cost);
          } else {
            // The cost is known for these Int values; the other variables are still coerced here,
            // as costing would have, so a bad one is refused the same way before any resolver runs.
            const coerced = getVariableValues(schema(), executed.variableDefinitions ?? [], variables);
            const [first] = coerced.errors ?? [];
            if (first !== undefined) throw withStatus(new BadUserInputError(first.message), 400);
          }
          if (cost > limits.maxCost) {
            throw withStatus(
              new QueryLimitError(
                `The query costs ${cost}; the limit is ${limits.maxCost}.`,
                ErrorCode.QUERY_TOO_COMPLEX,
                {
                  cost,
                  limit: limits.maxCost,
                },
              ),
              400,
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
