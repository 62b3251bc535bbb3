// Loaded (node --import) before a documentation sample runs in the docs tests: a sample written
// for a real application (createDeskClient() with SENDBIRD_APP_ID) has its requests to the
// Sendbird host answered by the test's mock instead, and any other host is refused, so no
// sample reaches the network. The mock keeps state: each sample works in a session of its own
// (X-Mock-Session), so what one sample changes, the next does not see.
const mock = process.env.DESK_MOCK_URL;
const session = `docs-sample-${process.pid}-${Date.now()}`;
const sendbird = /^https:\/\/desk-api-[A-Za-z0-9-]+\.sendbird\.com\/platform\/v1(?=\/)/;
const send = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (!request.headers.has("X-Mock-Session")) request.headers.set("X-Mock-Session", session);
  if (request.url.startsWith(`${mock}/`)) return send(request);
  if (!sendbird.test(request.url)) throw new Error(`a documentation sample tried to reach ${request.url}`);
  const body =
    request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  return send(request.url.replace(sendbird, mock), {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    redirect: request.redirect,
  });
};
