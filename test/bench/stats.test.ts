// The benchmark's statistics (bench/stats.cjs) on synthetic numbers: the maths that turns
// paired rounds into ratios, the A/A control into a noise band, and a ratio into a reading.
// No timing is measured here; the benchmark itself runs only with `npm run bench`.
import fc from "fast-check";
import {
  compare,
  median,
  noiseBand,
  pairedRatios,
  ratioMedian,
  ratioSummary,
  rotate,
  roundOrder,
  shuffle,
  stretches,
  summary,
  verdict,
} from "../../bench/stats.cjs";

const SEED = { seed: 15_2026 };

describe("median and summary", () => {
  it("takes the middle value, or the mean of the two middle values, without sorting the input", () => {
    const values = [5, 1, 4, 2, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 4, 2, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(summary([3, 9, 1])).toEqual({ median: 3, min: 1, max: 9 });
  });

  it("refuses an empty list instead of answering NaN", () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe("rotate, shuffle and roundOrder", () => {
  it("rotate puts every contender in every position once over as many rounds as contenders", () => {
    const names = ["a", "b", "c", "d"];
    const rounds = names.map((_, round) => rotate(names, round));
    expect(rounds[1]).toEqual(["b", "c", "d", "a"]);
    for (let position = 0; position < names.length; position++) {
      expect(new Set(rounds.map((order) => order[position]))).toEqual(new Set(names));
    }
    expect(rotate(names, names.length + 1)).toEqual(rounds[1]);
  });

  it("shuffle keeps every contender, and the same seed gives the same order", () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    expect([...shuffle(names, 7)].sort()).toEqual(names);
    expect(shuffle(names, 7)).toEqual(shuffle(names, 7));
    expect(new Set([1, 2, 3, 4, 5].map((seed) => shuffle(names, seed).join(""))).size).toBeGreaterThan(1);
  });

  it("roundOrder keeps each cycle balanced, yet no contender always follows the same one", () => {
    const names = ["a", "b", "c", "d", "e"];
    const orders = Array.from({ length: names.length * 20 }, (_, round) => roundOrder(names, round));
    for (let cycle = 0; cycle < 20; cycle++) {
      const rounds = orders.slice(cycle * names.length, (cycle + 1) * names.length);
      for (let position = 0; position < names.length; position++) {
        expect(new Set(rounds.map((order) => order[position]))).toEqual(new Set(names));
      }
    }
    // With rotation alone, "a" would follow the same contender in every round but one.
    const before = new Set(orders.map((order) => order[order.indexOf("a") - 1]).filter(Boolean));
    expect(before.size).toBe(names.length - 1);
  });
});

describe("pairedRatios", () => {
  it("divides round by round, and refuses rounds that do not pair", () => {
    expect(pairedRatios([2, 6, 9], [1, 3, 3])).toEqual([2, 2, 3]);
    expect(() => pairedRatios([1, 2], [1])).toThrow(/unpaired rounds: 2 and 1/);
  });

  it("cancels a slowdown that hits both contenders of a round, however the machine's speed wanders", () => {
    // The machine's speed changes from round to round; contender a truly costs 1.10x b.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 4, noNaN: true }), { minLength: 5, maxLength: 60 }),
        (load) => {
          const b = load.map((f) => 100 * f);
          const a = load.map((f) => 110 * f);
          expect(median(pairedRatios(a, b))).toBeCloseTo(1.1, 12);
        },
      ),
      SEED,
    );
  });
});

describe("ratioMedian", () => {
  it("is the middle ratio, or the geometric mean of the two middle ones", () => {
    expect(ratioMedian([1.2, 0.9, 1.0])).toBeCloseTo(1.0, 12);
    expect(ratioMedian([0.5, 2, 4, 8])).toBeCloseTo(Math.sqrt(8), 12);
    expect(ratioSummary([2, 0.5, 1])).toEqual({ median: 1, min: 0.5, max: 2 });
  });

  it("gives the inverse ratios the inverse median: which side is the reference does not matter", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (r) => {
          expect(ratioMedian(r.map((x) => 1 / x)) * ratioMedian(r)).toBeCloseTo(1, 12);
        },
      ),
      SEED,
    );
  });
});

describe("stretches", () => {
  it("cuts a run into consecutive stretches of near-equal length, all values kept in order", () => {
    expect(stretches([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6, 7],
    ]);
    expect(stretches([4, 2], 5)).toEqual([[4], [2]]);
    const values = Array.from({ length: 103 }, (_, i) => i);
    expect(stretches(values, 5).flat()).toEqual(values);
  });
});

describe("noiseBand", () => {
  it("is zero when two copies of the same code always measure alike", () => {
    expect(noiseBand(Array(20).fill(1))).toEqual({
      median: 1,
      segments: { median: 1, min: 1, max: 1 },
      halfWidth: 0,
    });
  });

  it("widens to the stretch whose A/A median strays farthest, even when the whole run's median is 1", () => {
    // A quiet run, but a stretch in the middle where the copy looked 6 % slower.
    const ratios = [...Array(20).fill(1), ...Array(10).fill(1.06), ...Array(20).fill(1)];
    const band = noiseBand(ratios, 5);
    expect(band.median).toBe(1);
    expect(band.segments.max).toBeCloseTo(1.06, 12);
    expect(band.halfWidth).toBeCloseTo(0.06, 12);
  });

  it("reads a ratio and its inverse alike, so which copy is called A does not matter", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 5, maxLength: 51 }),
        (ratios) => {
          const forward = noiseBand(ratios).halfWidth;
          const backward = noiseBand(ratios.map((r) => 1 / r)).halfWidth;
          expect(backward).toBeCloseTo(forward, 12);
        },
      ),
      SEED,
    );
  });
});

describe("compare", () => {
  it("calls a ratio inside the band no measurable difference, never a win or a loss", () => {
    expect(compare(0.98, 0.03)).toBe("no measurable difference");
    expect(compare(1.03, 0.03)).toBe("no measurable difference");
    expect(compare(0.9, 0.03)).toBe("cheaper");
    expect(compare(1.1, 0.03)).toBe("costlier");
  });

  it("reads a ratio and its inverse as mirror images", () => {
    const mirror = {
      cheaper: "costlier",
      costlier: "cheaper",
      "no measurable difference": "no measurable difference",
    };
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (r, w) => {
          // Away from the exact edge, where rounding could tip either way.
          fc.pre(Math.abs(Math.max(r, 1 / r) - (1 + w)) > 1e-9);
          expect(compare(1 / r, w)).toBe(mirror[compare(r, w)]);
        },
      ),
      SEED,
    );
  });
});

describe("verdict", () => {
  it("meets a target only by more than the band, misses it only by more than the band", () => {
    expect(verdict(0.95, 1.03, 0.03)).toBe("met");
    expect(verdict(1.01, 1.03, 0.03)).toBe("inside the noise band");
    expect(verdict(1.05, 1.03, 0.03)).toBe("inside the noise band");
    expect(verdict(1.1, 1.03, 0.03)).toBe("missed");
  });

  it("with no noise, judges the figure against the limit itself", () => {
    expect(verdict(1.03, 1.03, 0)).toBe("met");
    expect(verdict(1.0301, 1.03, 0)).toBe("missed");
  });
});
