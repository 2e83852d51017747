import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new GraphQLError('Decimal must be a string of digits with an optional fraction, e.g. "107000000" or "0.5".', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/**
 * An exact decimal number carried as a string, so amounts such as 178400000 yuan or 0.1 never
 * pass through a float that rounds and never overflow a 32-bit Int.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string (e.g. "107000000", "2.5"). Never rounded.',
  serialize: (value) => parseDecimal(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Decimal literals must be strings, e.g. "107000000".', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parseDecimal(ast.value);
  },
});
