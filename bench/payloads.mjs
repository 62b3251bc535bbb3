// The groups the benchmarks' stand-in servers answer with, shaped as the spec describes them
// and written once: a group, and the agents that are its members.

/** Agents as the vendor's examples show them, with the optional connection fields. */
const MEMBER_NAMES = ["Julia", "Jeff", "Mina", "Oscar", "Priya"];
export const members = MEMBER_NAMES.map((name, i) => ({
  id: 28 + i,
  displayName: name,
  email: `${name.toLowerCase()}_cake@example.com`,
  photoThumbnailUrl: `https://file.example.com/profile_images/smile_${name.toLowerCase()}.png`,
  connection: "ONLINE",
  connectionUpdatedAt: "2019-05-03T02:28:13.264936Z",
}));

/** A group of that ID, as listed. */
export const group = (id) => ({
  id,
  name: `Team ${id}`,
  key: `team-${id}`,
  project: 13,
  createdAt: "2019-05-03T02:28:13.264936Z",
  createdBy: 27,
  description: "Billing questions",
});
