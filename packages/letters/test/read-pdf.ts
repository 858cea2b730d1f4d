// Reads rendered PDFs back the way a viewer does (pdf.js), so tests check what a reader sees.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PlacedText {
  text: string;
  /** Millimetres from the page's left edge. */
  xMm: number;
  /** Millimetres from the page's top edge to the baseline. */
  baselineMm: number;
  widthMm: number;
  /** The font size in points, from the text matrix. */
  fontSize: number;
  fontName: string;
}

export interface ReadPage {
  widthMm: number;
  heightMm: number;
  items: PlacedText[];
  text: string;
  structureRoles: string[];
}

export interface ReadPdf {
  pages: ReadPage[];
  info: Record<string, unknown>;
  language: string | undefined;
  displayDocTitle: boolean | undefined;
  marked: boolean | undefined;
}

const MM_PER_POINT = 25.4 / 72;

interface StructNode {
  role?: string;
  children?: StructNode[];
}

function roles(node: StructNode | null | undefined, into: string[] = []): string[] {
  if (!node) return into;
  if (node.role) into.push(node.role);
  for (const child of node.children ?? []) roles(child, into);
  return into;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    const pages: ReadPage[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [, , widthPt = 0, heightPt = 0] = page.view;
      const content = await page.getTextContent();
      const items: PlacedText[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const [a = 0, b = 0, , , e = 0, f = 0] = item.transform as number[];
        items.push({
          text: item.str,
          xMm: e * MM_PER_POINT,
          baselineMm: (heightPt - f) * MM_PER_POINT,
          widthMm: item.width * MM_PER_POINT,
          fontSize: Math.hypot(a, b),
          fontName: item.fontName,
        });
      }
      const structure = (await page.getStructTree()) as StructNode | null;
      pages.push({
        widthMm: widthPt * MM_PER_POINT,
        heightMm: heightPt * MM_PER_POINT,
        items,
        text: items.map((item) => item.text).join("\n"),
        structureRoles: roles(structure),
      });
    }
    const metadata = await pdf.getMetadata();
    const info = metadata.info as Record<string, unknown>;
    const markInfo = (await pdf.getMarkInfo()) as { Marked?: boolean } | null;
    const viewerPreferences = (await pdf.getViewerPreferences()) as { DisplayDocTitle?: boolean } | null;
    return {
      pages,
      info,
      language: typeof info["Language"] === "string" ? info["Language"] : undefined,
      displayDocTitle: viewerPreferences?.DisplayDocTitle,
      marked: markInfo?.Marked,
    };
  } finally {
    await pdf.destroy();
  }
}
