// Where requests go: an application's host on the vendor's servers, or a given base URL
// (the mock, a proxy, a test rig). The token goes to that origin and nowhere else.

import * as spec from "../../generated/spec.js";
import { ENVIRONMENT, REDACTED } from "./defaults.js";
import { fail } from "./validate.js";

/** A host label is at most 63 characters, and `desk-api-` takes 9 of them. */
const APPLICATION_ID = /^[a-z\d](?:[a-z\d-]{0,52}[a-z\d])?$/i;
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** True for a loopback host name as a URL's `hostname` spells it: `localhost`, `127.x.y.z`
 *  or `[::1]` (exported: a tool that serves or calls on loopback only checks the same way). */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOST.test(hostname);
/** Characters that would make every call go somewhere other than the path it names. */
const NOT_IN_BASE_URL = /[?#{}]/;

/** The base URL the client calls, checked. */
export function resolveBaseUrl(options: {
  baseUrl?: string | undefined;
  applicationId?: string | undefined;
  allowHttp?: boolean | undefined;
}): URL {
  const { baseUrl, applicationId, allowHttp } = options;
  if (baseUrl === undefined) {
    if (applicationId === undefined) {
      fail("applicationId", applicationId, `is required (or baseUrl, or env ${ENVIRONMENT.applicationId})`);
    }
    if (typeof applicationId !== "string" || !APPLICATION_ID.test(applicationId)) {
      fail("applicationId", applicationId, "must be letters, digits and inner hyphens");
    }
    return new URL(applicationUrl(applicationId));
  }
  const refuse = (rule: string): never => fail("baseUrl", shownUrl(String(baseUrl)), rule);
  if (typeof baseUrl !== "string") refuse("must be a string");
  if (NOT_IN_BASE_URL.test(baseUrl)) refuse("must not contain ?, #, { or } (no query, fragment or template)");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return refuse("must be an absolute URL");
  }
  if (url.username || url.password) refuse("must not carry credentials (the token is sent in a header)");
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === "http:" && !loopback && allowHttp !== true) {
    refuse("must be https, or http on a loopback host; pass allowHttp: true to send the token in clear text");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") refuse("must be https (or http)");
  return url;
}

/** A URL as an error shows it: credentials and query masked, as they may hold secrets. */
export function shownUrl(text: string): string {
  return text.replace(/\/\/[^/?#]*@/, `//${REDACTED}@`).replace(/([?#]).*$/, `$1${REDACTED}`);
}

/** The base URL of an application on the vendor's servers. */
export const applicationUrl = (applicationId: string): string =>
  spec.server.url.replace(`{${spec.server.variable}}`, applicationId);
