// The TypeScript samples of the user documentation: the README and the guides in docs/guides/.
// A line comment `// → text` states a line the sample prints when run against the mock, in
// order; `…` in it stands for any text (a backoff's random wait, a host name).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../helpers/spec";

export interface DocSample {
  /** The file it stands in, relative to the repo root. */
  file: string;
  /** Unique name: the file, the section's heading and the sample's number in the file. */
  name: string;
  /** The sample's code. */
  code: string;
  /** The lines it states it prints (`// → ...`), in order. */
  prints: string[];
}

/** The user documentation's Markdown files: the README, then each guide. */
export function docFiles(): string[] {
  const guides = readdirSync(join(root, "docs", "guides"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/guides/${name}`);
  return ["README.md", ...guides];
}

const printed = /\/\/ → (.*)$/;

/** The ```ts blocks of one Markdown file, named by the section they stand in. */
export function samplesOf(file: string): DocSample[] {
  const text = readFileSync(join(root, file), "utf8");
  const stem = file.replace(/^docs\/guides\//, "").replace(/\.md$/, "");
  const samples: DocSample[] = [];
  let section = "top";
  for (const part of text.split(/^(```ts\n[\s\S]*?^```)$/m)) {
    const block = /^```ts\n([\s\S]*?)^```$/m.exec(part);
    if (!block) {
      section = [...part.matchAll(/^#+ (.*)$/gm)].at(-1)?.[1]?.replace(/\W+/g, "-") ?? section;
      continue;
    }
    const code = block[1]!;
    const prints = code.split("\n").flatMap((line) => printed.exec(line)?.[1] ?? []);
    samples.push({ file, name: `${stem}-${section}-${samples.length + 1}`, code, prints });
  }
  return samples;
}

/** Every sample of the README and the guides. */
export const docSamples = (): DocSample[] => docFiles().flatMap(samplesOf);

/** The whole lines that are what `expected` states, `…` matching any text. */
export function printedPattern(expected: string): RegExp {
  const pattern = expected
    .split("…")
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${pattern}$`);
}
