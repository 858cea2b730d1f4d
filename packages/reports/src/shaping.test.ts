import { describe, expect, it } from "vitest";
import { previousPeriodOf } from "./annual-report.js";
import { chartTable, renderChartSvg, type ChartSpec } from "./charts.js";
import { csvField, tablesToCsv } from "./csv.js";
import { percent, percentTo, withPrevious } from "./numbers.js";
import { drawWithoutReplacement, seededRandom } from "./random.js";
import { suppress, suppressGroup } from "./suppression.js";
import { renderTableHtml } from "./table.js";

describe("rounding as published (Lewisham 5.2: 'All percentages are rounded')", () => {
  it("rounds halves up, exactly, and has no percentage of nothing", () => {
    expect(percent(14, 16)).toBe(88); // 87.5
    expect(percent(27, 40)).toBe(68); // 67.5
    expect(percent(13, 15)).toBe(87); // 86.67
    expect(percent(1, 200)).toBe(1); // 0.5
    expect(percent(1, 201)).toBe(0); // 0.4975
    expect(percent(3, 3)).toBe(100);
    expect(percent(0, 0)).toBeNull();
    expect(percentTo(5, 8, 1)).toBe(62.5);
    expect(percentTo(7, 9, 1)).toBe(77.8);
  });

  it("writes a figure with the previous period's in brackets", () => {
    expect(withPrevious(66, 54)).toBe("66 (54)");
    expect(withPrevious(100, null)).toBe("100 (–)");
    expect(withPrevious(null, 51)).toBe("– (51)");
    expect(withPrevious(7, undefined)).toBe("7");
  });

  it("compares a year with the year before, a quarter with the quarter before, odd periods by days", () => {
    expect(previousPeriodOf({ from: "2009-04-01", to: "2010-03-31" })).toEqual({
      from: "2008-04-01",
      to: "2009-03-31",
    });
    expect(previousPeriodOf({ from: "2024-01-01", to: "2024-03-31" })).toEqual({
      from: "2023-10-01",
      to: "2023-12-31",
    });
    expect(previousPeriodOf({ from: "2024-03-01", to: "2024-03-31" })).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
    expect(previousPeriodOf({ from: "2025-01-06", to: "2025-01-12" })).toEqual({
      from: "2024-12-30",
      to: "2025-01-05",
    });
  });
});

describe("small-number suppression (Leeds policy 31–32, 81: equality monitoring reported in aggregate)", () => {
  it("shows 1 to 4 as '<5', and zero and 5 upwards as they are", () => {
    expect([0, 1, 3, 4, 5, 12].map((n) => suppress(n))).toEqual([0, "<5", "<5", "<5", 5, 12]);
  });

  it("hides a second count when one hidden count could be worked out from the total", () => {
    expect(suppressGroup([20, 7, 3, 0])).toEqual([20, "<5", "<5", 0]);
    expect(suppressGroup([26, 2, 2])).toEqual([26, "<5", "<5"]);
    expect(suppressGroup([26, 9, 8])).toEqual([26, 9, 8]);
    // A lone "<5" beside zeros equals the total: a zero is hidden with it (decision 0710).
    expect(suppressGroup([3, 0, 0])).toEqual(["<5", "<5", 0]);
  });
});

describe("CSV (RFC 4180) for downloads", () => {
  it("quotes what needs quoting, keeps numbers as numbers and defuses formulas", () => {
    expect(csvField("Children & Young People")).toBe("Children & Young People");
    expect(csvField('Said "no", twice')).toBe('"Said ""no"", twice"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
  });

  it("writes one table with CRLF line ends, and several as titled sections", () => {
    const table = {
      id: "t",
      title: "Title",
      columns: [
        { key: "a", label: "A" },
        { key: "b", label: "B, b", numeric: true },
      ],
      rows: [{ a: "x", b: 1 }],
    };
    expect(tablesToCsv(table)).toBe('A,"B, b"\r\nx,1\r\n');
    expect(tablesToCsv([table, { ...table, title: "Second" }])).toBe(
      'Title\r\nA,"B, b"\r\nx,1\r\n\r\nSecond\r\nA,"B, b"\r\nx,1\r\n',
    );
  });
});

describe("accessible charts (WCAG 2.2 AA: text alternative, not colour alone, figures also as a table)", () => {
  const spec: ChartSpec = {
    id: "in-time",
    kind: "bar",
    title: "Stage 1 answered within 10 days",
    description: "Share of Stage 1 complaints answered within the standard.",
    categories: ["Customer Services", "Lewisham Homes", "Resources"],
    series: [
      { name: "2009/10", values: [73, 84, 67] },
      { name: "2008/09", values: [64, 63, null] },
    ],
    unit: "%",
  };

  it("is an image with a title and a description naming the highest and lowest", () => {
    const svg = renderChartSvg(spec);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="in-time-title in-time-desc"/);
    expect(svg).toContain('<title id="in-time-title">Stage 1 answered within 10 days</title>');
    expect(svg).toMatch(
      /<desc id="in-time-desc">Share of Stage 1 complaints answered within the standard\. 2009\/10: highest Lewisham Homes 84%, lowest Resources 67%\. 2008\/09: highest Customer Services 64%, lowest Lewisham Homes 63%\.<\/desc>/,
    );
  });

  it("writes every value as text and says where a figure is missing", () => {
    const svg = renderChartSvg(spec);
    for (const v of ["73%", "84%", "67%", "64%", "63%"]) expect(svg).toContain(`>${v}</text>`);
    expect(svg).toContain("2008/09: no figure");
    expect(svg).toContain('<pattern id="in-time-hatch"');
  });

  it("draws a line chart with markers and dashes as well as colours", () => {
    const svg = renderChartSvg({ ...spec, id: "trend", kind: "line", unit: "" });
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toMatch(/<circle [^>]*\/>/);
    expect(svg).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="8" height="8"/);
  });

  it("gives the same figures as a table, with a caption and header cells", () => {
    const table = chartTable(spec);
    expect(table.rows).toEqual([
      { category: "Customer Services", s0: 73, s1: 64 },
      { category: "Lewisham Homes", s0: 84, s1: 63 },
      { category: "Resources", s0: 67, s1: null },
    ]);
    const html = renderTableHtml(table);
    expect(html).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--m">Stage 1 answered within 10 days',
    );
    expect(html).toContain(
      '<th scope="col" class="govuk-table__header govuk-table__header--numeric">2009/10 (%)</th>',
    );
    expect(html).toContain('<th scope="row" class="govuk-table__header">Lewisham Homes</th>');
  });

  it("escapes text and refuses figures that do not line up with their labels", () => {
    expect(renderChartSvg({ ...spec, title: "<b>A & B</b>" })).toContain(
      "&lt;b&gt;A &amp; B&lt;/b&gt;",
    );
    expect(() => renderChartSvg({ ...spec, series: [{ name: "x", values: [1] }] })).toThrow(
      /1 values for 3 categories/,
    );
  });
});

describe("seeded draws (QA samples: repeatable)", () => {
  it("gives the same sequence for the same seed and a different one for another", () => {
    const a = seededRandom("council:service:2026-05");
    const b = seededRandom("council:service:2026-05");
    const c = seededRandom("council:service:2026-06");
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it("draws without replacement, and evenly enough over many draws", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const random = seededRandom("evenness");
    const hits = new Array(10).fill(0);
    for (let i = 0; i < 5000; i++) {
      const drawn = drawWithoutReplacement(items, 5, random);
      expect(new Set(drawn).size).toBe(5);
      for (const d of drawn) hits[d] += 1;
    }
    // Each item should be drawn about half the time (2,500 of 5,000).
    for (const h of hits) expect(Math.abs(h - 2500)).toBeLessThan(200);
  });
});
