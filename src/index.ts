// The public surface, as an explicit list. Not exported on purpose: the machinery in core/
// (transport, retry policy, validators, redaction), the generated runtime table, and the
// error-class table (the README lists the statuses).
export { createDeskClient, type DeskClient } from "./client.js";
export type { ValidateResponses } from "./core/answer-check.js";
export type { DeskPromise, WithResponse } from "./core/desk-promise.js";
export { LOG_LEVELS, type Logger, type LogLevel } from "./core/log.js";
export type { PagePromise } from "./core/page-promise.js";
export type { RateLimitState } from "./core/rate-limiter.js";
export {
  DeskAbortError,
  DeskApiError,
  DeskAuthenticationError,
  DeskBadRequestError,
  DeskConnectionError,
  DeskError,
  DeskInvalidResponseError,
  DeskMiddlewareError,
  DeskNotFoundError,
  DeskPermissionDeniedError,
  DeskRateLimitError,
  DeskServerError,
  DeskTimeoutError,
  DeskValidationError,
  isDeskApiError,
  isDeskError,
  type Violation,
} from "./errors.js";
export type {
  CallOptions,
  DeskClientOptions,
  FetchFunction,
  FetchOptions,
  RequestOptions,
} from "./options.js";
export type { Groups } from "./resources/groups.js";
export type {
  Agent,
  AgentId,
  components,
  ErrorBody,
  Group,
  GroupId,
  GroupList,
  GroupWithMembers,
  ListGroupsParams,
  operations,
  paths,
} from "./types.js";
export { ENVIRONMENT, REDACTED } from "./core/defaults.js";
export { isLoopbackHost } from "./core/base-url.js";
/** Masks a secret (the API token, say) in text and JSON the way the client masks it in its
 *  errors: as sent, JSON-escaped, URL-encoded and lower-cased, at any depth. */
export { Redactor } from "./core/redact.js";
export { VERSION } from "./version.js";
