// Turns a run's samples into its figures: per-contender medians, paired ratios against the
// references, the A/A noise bands, how desk compares with each contender, and the targets.
import { FAST, FULL, PARSE, PARSE_AGAIN, SHIPPED } from "./answer-formats.mjs";
import { BARE, CHECK_LIMIT, DESK_OFF, PAGINATION_LIMIT, PER_REQUEST_LIMIT, RAW_LOOP } from "./settings.mjs";
import { compare, noiseBand, pairedRatios, ratioSummary, summary, verdict } from "./stats.cjs";

/** The two measures of every timed part. */
export const METRICS = { wall: "wall", cpu: "client CPU" };

/** Median (on logarithms), min and max of the per-round ratios a / b on `metric`. */
const paired = (samples, a, b, metric) => ratioSummary(pairedRatios(samples[a][metric], samples[b][metric]));

/** For one timed part (name -> { wall: [], cpu: [] }): per metric, the A/A band, every
 *  contender's own summary and its ratios to each of `references`, and desk against the rest. */
export function timedFigures(samples, builds, references) {
  const desk = builds.current.label;
  const names = Object.keys(samples);
  const figures = {};
  for (const metric of Object.keys(METRICS)) {
    const band = noiseBand(pairedRatios(samples[builds.copy.label][metric], samples[desk][metric]));
    const rows = names.map((name) => ({
      name,
      own: summary(samples[name][metric]),
      ratios: Object.fromEntries(references.map((ref) => [ref, paired(samples, name, ref, metric)])),
    }));
    const deskVs = Object.fromEntries(
      names
        .filter((name) => name !== desk)
        .map((name) => {
          const ratio = paired(samples, desk, name, metric);
          const control = name === builds.copy.label;
          return [
            name,
            { ratio, reading: control ? "the A/A control" : compare(ratio.median, band.halfWidth) },
          ];
        }),
    );
    figures[metric] = { band, rows, deskVs };
  }
  return figures;
}

/** A ratio target judged on each measure: the ratio desk / `other`, its band and its verdict. */
function judged(figures, other, limit) {
  return Object.fromEntries(
    Object.keys(METRICS).map((metric) => {
      const { band, deskVs } = figures[metric];
      const ratio = deskVs[other].ratio.median;
      return [metric, { ratio, halfWidth: band.halfWidth, verdict: verdict(ratio, limit, band.halfWidth) }];
    }),
  );
}

/** The guards: ratios judged on wall and on client CPU time, each against its own band. */
export function targets({ requests, pagination, builds }) {
  const list = [];
  for (const [mode, figures] of Object.entries(requests)) {
    list.push({
      target: `\`desk.groups.get\` at most ${PER_REQUEST_LIMIT}x bare openapi-fetch, ${mode}`,
      measures: judged(figures, BARE, PER_REQUEST_LIMIT),
    });
  }
  list.push({
    target: `pagination at most ${PAGINATION_LIMIT}x the raw loop`,
    measures: judged(pagination.timed, RAW_LOOP, PAGINATION_LIMIT),
  });
  list.push({
    target: `pagination with the answers checked ("warn") at most ${CHECK_LIMIT}x unchecked ("off")`,
    measures: judged(pagination.timed, `${builds.current.label} ${DESK_OFF}`, CHECK_LIMIT),
  });
  return list;
}

/** The format-check part: the A/A band of JSON.parse against itself, and per contender its µs
 *  per page with its ratios to the parse and to the check as shipped. */
export function formatFigures({ samples, pageBytes, limit }) {
  const band = noiseBand(pairedRatios(samples[PARSE_AGAIN].wall, samples[PARSE].wall));
  const rows = [PARSE, PARSE_AGAIN, SHIPPED, FAST, FULL].map((name) => ({
    name,
    own: summary(samples[name].wall),
    toParse: paired(samples, name, PARSE, "wall"),
    toShipped: paired(samples, name, SHIPPED, "wall"),
  }));
  return { band, rows, pageBytes, limit, rounds: samples[PARSE].wall.length };
}
