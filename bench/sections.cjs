// BENCHMARKS.md is rewritten whole by `npm run bench`, except the sections other benchmarks
// write into it (bench/rate-limit.mjs, bench/mock.mjs): each sits between two markers named
// after it, and every run keeps them. One mechanism for all of them.

/** The two markers around the section called `name`. */
const markers = (name) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];

/** `document` with the section `name` holding `body` (appended when it has none yet). */
function withSection(document, name, body) {
  const [start, end] = markers(name);
  const block = `${start}\n${body.trim()}\n${end}\n`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from) return `${document.trimEnd()}\n\n${block}`;
  return document.slice(0, from) + block + document.slice(to + end.length).replace(/^\n/, "");
}

/** The body of the section `name` in `document`, or "" when it has none. */
function sectionOf(document, name) {
  const [start, end] = markers(name);
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  return from < 0 || to < from ? "" : document.slice(from + start.length, to).trim();
}

/** `report` with every marked section of `previous` carried over. */
function keepSections(report, previous) {
  let kept = report;
  for (const [, name] of previous.matchAll(/<!-- ([\w-]+):start -->/g)) {
    kept = withSection(kept, name, sectionOf(previous, name));
  }
  return kept;
}

module.exports = { markers, keepSections, sectionOf, withSection };
