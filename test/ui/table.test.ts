import { describe, expect, it } from "vitest";
import { displayWidth, renderTable, sanitizeCell, truncate } from "../../src/ui/table.js";

describe("renderTable", () => {
  it("aligns columns under a header and a rule, trimming trailing spaces", () => {
    expect(renderTable(["a", "bb"], [["xxx", "y"], ["z"]])).toBe("a    bb\n---  --\nxxx  y\nz\n");
  });

  it("aligns wide characters by terminal cells", () => {
    const out = renderTable(
      ["k", "v"],
      [
        ["日本", "1"],
        ["ab", "2"],
        ["🔑x", "3"],
      ],
    );
    const cols = out
      .split("\n")
      .slice(2, 5)
      .map((l) => displayWidth(l.slice(0, l.lastIndexOf(" ") + 1)));
    expect(new Set(cols).size).toBe(1);
  });

  it("truncates to a column's maximum with an ellipsis", () => {
    expect(renderTable(["h"], [["abcdefgh"]], { maxWidths: [5] })).toBe("h\n-----\nabcd…\n");
    expect(truncate("日本語です", 5)).toBe("日本…");
    expect(truncate("short", 10)).toBe("short");
  });

  it("neutralises control characters", () => {
    expect(sanitizeCell("a\u001b[31mb\nc")).toBe("a?[31mb?c");
    expect(renderTable(["h"], [["x\ty"]])).toContain("x?y");
  });

  it("counts combining marks as zero width", () => {
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("ａ")).toBe(2);
  });
});
