export { accessControlled, bearerToken, roleForToken, type Role } from './tokens';
export { createSession, deleteSession, getSession, SESSION_COOKIE, sessionSeconds } from './sessions';
export { clearFailures, recordFailure, retryAfter } from './rate-limit';
export { clientAddress, crossSite, handleAccess, handleHeaders, roleOf, safeNext, secureCookie, SECURITY_HEADERS, tooManyAttempts } from './handle';
