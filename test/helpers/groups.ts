// Group payloads for tests that need many distinct ones (the spec's examples are single
// groups): a schema-valid group, and the same with one member.

export const group = (id: number) => ({
  id,
  name: `Team ${id}`,
  key: `team-${id}`,
  project: 1,
  createdAt: "2020-12-01T10:19:51.086740Z",
  createdBy: 1,
  description: null,
});

export const withMembers = (id: number) => ({
  ...group(id),
  members: [{ id: 28, displayName: "Julia", email: "julia@example.com", photoThumbnailUrl: "" }],
});
