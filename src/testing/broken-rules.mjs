// The one change the mock makes to Prism: a request that breaks the spec gets a 400 whose
// `message` names each broken rule, from Prism's own validation, instead of the example's text.

/**
 * Prism's mocker, with one change: when a request breaks the spec and Prism answers the spec's
 * 400, the body's `message` names each broken rule, as Prism's validator reported it
 * (`request.query.limit: Request query parameter limit must be >= 1`), instead of the example's text.
 */
export function namingBrokenRules(mocker) {
  return (options) => (logger) => {
    const result = mocker(options)(logger);
    const broken = (options.input.validations ?? []).filter((v) => v.severity === errorSeverity);
    const response = result.right;
    if (
      result._tag === "Right" &&
      response.statusCode === 400 &&
      broken.length > 0 &&
      isObject(response.body)
    ) {
      response.body = { ...response.body, message: broken.map(describeViolation).join("; ") };
    }
    return result;
  };
}

/** Prism's (and @stoplight/types') DiagnosticSeverity.Error. */
const errorSeverity = 0;

/** One violation as `where: rule`, e.g.
 *  `request.body: Request body must have required property 'agentId'`. */
function describeViolation(violation) {
  return `${["request", ...(violation.path ?? [])].join(".")}: ${violation.message}`;
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
