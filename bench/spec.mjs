// The headers every request carries, for the baselines that set them by hand; the names
// come from the bundled spec through scripts/lib/spec-facts.mjs.
import { authHeader, contentType } from "../scripts/lib/spec-facts.mjs";

/** The token header and the JSON content type, as the client sends them. */
export const headersFor = (token) => ({ [authHeader]: token, "Content-Type": contentType });
