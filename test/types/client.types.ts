// Compile-time promises, checked by `npm run typecheck` (tsc, strict). Every
// `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
// Nothing here runs.
import {
  type Agent,
  type components,
  createDeskClient,
  type DeskApiError,
  type DeskPromise,
  type Group,
  type GroupList,
  type GroupWithMembers,
  type PagePromise,
  VERSION,
} from "../../src/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<_T extends true>(): void {}

export async function typeChecks(): Promise<void> {
  const desk = createDeskClient({ applicationId: "app", apiToken: "t" });

  // Return types are the generated ones.
  const page = await desk.groups.list({ limit: 5, offset: 10 });
  assertType<Equal<typeof page, GroupList>>();
  assertType<Equal<GroupList, components["schemas"]["GroupList"]>>();
  assertType<Equal<typeof page.next, string | null>>();
  for await (const group of desk.groups.list()) assertType<Equal<typeof group, Group>>();
  const one = await desk.groups.get(77);
  assertType<Equal<typeof one, GroupWithMembers>>();
  assertType<Equal<(typeof one.members)[number], Agent>>();
  assertType<Equal<typeof one.description, string | null>>();
  assertType<Equal<typeof one.createdBy, number | string>>();
  await desk.groups.addMember(77, 28);
  await desk.groups.removeMember(77, "28");
  await desk.groups.get(77, { signal: AbortSignal.timeout(1000), timeoutMs: 500, maxRetries: 0 });

  // A missing group ID does not compile.
  // @ts-expect-error groupId is required
  await desk.groups.get();
  // @ts-expect-error a group ID is a number
  await desk.groups.get("77");
  // @ts-expect-error limit is a number
  await desk.groups.list({ limit: "5" });
  // @ts-expect-error list takes limit and offset only
  await desk.groups.list({ page: 2 });
  // @ts-expect-error an agent ID is a number or a string, not an object
  await desk.groups.addMember(77, { agentId: 28 });
  // @ts-expect-error removeMember needs the agent
  await desk.groups.removeMember(77);
  // @ts-expect-error unknown per-call option
  await desk.groups.get(77, { retries: 3 });

  // desk.raw is openapi-fetch typed by the spec.
  const raw = await desk.raw.GET("/groups/{group_id}", { params: { path: { group_id: 77 } } });
  if (raw.data) {
    const data: GroupWithMembers = raw.data;
    const back: NonNullable<typeof raw.data> = data;
    void back;
  }
  // @ts-expect-error a wrong path
  await desk.raw.GET("/group", {});
  // @ts-expect-error a missing path parameter
  await desk.raw.GET("/groups/{group_id}", { params: { path: {} } });
  // @ts-expect-error a string limit
  await desk.raw.GET("/groups", { params: { query: { limit: "5" } } });
  await desk.raw.POST("/groups/{group_id}/membership", {
    params: { path: { group_id: 1 } },
    // @ts-expect-error a wrong body
    body: { agent: 2 },
  });
  // @ts-expect-error the membership body is required
  await desk.raw.DELETE("/groups/{group_id}/membership", { params: { path: { group_id: 1 } } });
  // @ts-expect-error groups cannot be created over the API
  await desk.raw.POST("/groups", { body: { name: "x" } });

  // Options are checked too.
  // @ts-expect-error timeoutMs is a number
  createDeskClient({ applicationId: "a", apiToken: "t", timeoutMs: "1s" });
  // @ts-expect-error unknown option
  createDeskClient({ applicationId: "a", apiToken: "t", token: "t" });

  // Every method returns a DeskPromise; list() a PagePromise that walks items and pages.
  const pending = desk.groups.get(77);
  assertType<Equal<typeof pending, DeskPromise<GroupWithMembers>>>();
  const promised: Promise<GroupWithMembers> = pending;
  void promised;
  const { data, response, requestId } = await pending.withResponse();
  assertType<Equal<typeof data, GroupWithMembers>>();
  assertType<Equal<typeof response, Response>>();
  assertType<Equal<typeof requestId, string | undefined>>();
  assertType<Equal<Awaited<ReturnType<typeof pending.asResponse>>, Response>>();
  const listing = desk.groups.list();
  assertType<Equal<typeof listing, PagePromise<GroupList, Group>>>();
  for await (const p of listing.pages()) assertType<Equal<typeof p, GroupList>>();
  assertType<Equal<Awaited<ReturnType<typeof listing.withResponse>>["data"], GroupList>>();
  await desk.groups.get(77, { headers: { Prefer: "code=404" }, fetchOptions: { keepalive: true } });

  // Fields the client owns are refused in fetchOptions.
  // @ts-expect-error method is the client's
  await desk.groups.get(77, { fetchOptions: { method: "POST" } });
  // @ts-expect-error the signal goes in options.signal
  createDeskClient({ apiToken: "t", fetchOptions: { signal: AbortSignal.abort() } });
  // @ts-expect-error a log level is one of five names
  createDeskClient({ apiToken: "t", logLevel: "verbose" });
  // desk.raw honours the per-call settings too.
  await desk.raw.GET("/groups", { timeoutMs: 5, maxRetries: 0 });
  const version: string = VERSION;
  void version;

  // Errors carry typed fields.
  const error = {} as DeskApiError;
  assertType<Equal<typeof error.status, number>>();
  assertType<Equal<typeof error.requestId, string | undefined>>();
}
