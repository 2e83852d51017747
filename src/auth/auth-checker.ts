import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { ROLE_RANK, type Role } from './api-keys';

/**
 * type-graphql's @Authorized check: the caller's role must rank at least as high as the role
 * the field names. Anonymous callers get UNAUTHENTICATED, known callers with too little rights
 * FORBIDDEN; either way the resolver, and so the database, is never reached.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context, info }, roles) => {
  const { caller } = context;
  if (caller.role === 'anonymous') throw new UnauthenticatedError(`"${info.fieldName}" needs an API key.`);
  const needed = Math.min(...roles.map((role) => ROLE_RANK[role]));
  if (ROLE_RANK[caller.role] < needed) {
    const role = roles.find((r) => ROLE_RANK[r] === needed) ?? 'admin';
    throw new ForbiddenError(
      `"${info.fieldName}" needs the ${role} role; key "${caller.keyName ?? ''}" is ${caller.role}.`,
      {
        requiredRole: role,
      },
    );
  }
  return true;
};
