// The names the spec states that the bench needs, read from the bundled spec in generated/.
import { readFileSync } from "node:fs";

const bundled = JSON.parse(readFileSync(new URL("../generated/openapi.json", import.meta.url), "utf8"));
const scheme = Object.values(bundled.components.securitySchemes).find((s) => s.type === "apiKey" && s.in === "header");

export const spec = {
  auth: { header: scheme.name },
  contentType: bundled.info["x-request-content-type"],
};

/** The headers every request carries, for the baselines that set them by hand. */
export const headersFor = (token) => ({ [spec.auth.header]: token, "Content-Type": spec.contentType });
